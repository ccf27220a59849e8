import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as multiWebhook from './actions/multiWebhook';
import * as phoneNumberWebhook from './actions/phoneNumberWebhook';
import { router } from './actions/router';
import * as wabaWebhook from './actions/wabaWebhook';
import { listSearch } from './methods';

export class Dialog360 implements INodeType {
	description: INodeTypeDescription = {
		displayName: '360dialog',
		name: 'dialog360',
		icon: { light: 'file:../../icons/360dialog.svg', dark: 'file:../../icons/360dialog.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage where a 360dialog WhatsApp number sends its notifications: multi-webhook destinations, the phone number webhook and the WABA webhook',
		defaults: { name: '360dialog' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dialog360Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
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
						name: 'WABA Webhook',
						value: 'wabaWebhook',
						description: 'The webhook of the whole WhatsApp Business Account',
					},
				],
				default: 'multiWebhook',
			},
			...multiWebhook.description,
			...phoneNumberWebhook.description,
			...wabaWebhook.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
