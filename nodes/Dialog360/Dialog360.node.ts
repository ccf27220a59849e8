import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as blockedUser from './actions/blockedUser';
import * as businessProfile from './actions/businessProfile';
import * as media from './actions/media';
import * as message from './actions/message';
import * as multiWebhook from './actions/multiWebhook';
import * as phoneNumberWebhook from './actions/phoneNumberWebhook';
import { router } from './actions/router';
import { ANSWER_WEBHOOKS, receiveAnswer } from './helpers/answers/answerWebhook';
import * as template from './actions/template';
import * as wabaWebhook from './actions/wabaWebhook';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class Dialog360 implements INodeType {
	description: INodeTypeDescription = {
		displayName: '360dialog',
		name: 'dialog360',
		icon: { light: 'file:../../icons/360dialog.svg', dark: 'file:../../icons/360dialog.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp messages, templates, Flows, reactions and read receipts through 360dialog; manage templates, the business profile, blocked users and where the number sends its notifications',
		defaults: { name: '360dialog' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dialog360Api', required: true }],
		// Send and Wait for Response: n8n's resume URL of this node, nothing registered elsewhere.
		webhooks: ANSWER_WEBHOOKS,
		waitingNodeTooltip:
			"={{ $parameter.operation === 'sendAndWait' ? 'Waits for the answer on WhatsApp' : '' }}",
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Blocked User',
						value: 'blockedUser',
						description: 'Users who cannot write to the number (Cloud API numbers)',
					},
					{
						name: 'Business Profile',
						value: 'businessProfile',
						description:
							'The profile WhatsApp users see: about, address, websites, photo (Cloud API numbers)',
					},
					{
						name: 'Media',
						value: 'media',
						description: 'Files uploaded to 360dialog, to send by media ID',
					},
					{
						name: 'Message',
						value: 'message',
						description: 'Send WhatsApp messages, reactions and read receipts (Cloud API numbers)',
					},
					{
						name: 'Multi-Webhook',
						value: 'multiWebhook',
						description: 'Up to 3 extra destinations that get a copy of every notification',
					},
					{
						name: 'Phone Number Webhook',
						value: 'phoneNumberWebhook',
						description: "The phone number's own webhook, its main destination",
					},
					{
						name: 'Template',
						value: 'template',
						description: "The number's message templates",
					},
					{
						name: 'WABA Webhook',
						value: 'wabaWebhook',
						description: 'The webhook of the whole WhatsApp Business Account',
					},
				],
				default: 'multiWebhook',
			},
			...blockedUser.description,
			...businessProfile.description,
			...media.description,
			...message.description,
			...multiWebhook.description,
			...phoneNumberWebhook.description,
			...template.description,
			...wabaWebhook.description,
		],
	};

	methods = { listSearch, loadOptions, resourceMapping };

	webhook = receiveAnswer;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
