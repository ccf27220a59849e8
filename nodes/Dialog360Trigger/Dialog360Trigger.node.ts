import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { afterReceipt } from './afterReceipt';
import { triggerProperties } from './description';
import { receiveNotification } from './receiving/receive';
import { checkExists, create } from './registration/lifecycle';
import { deleteDestination } from './registration/removal';

export class Dialog360Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '360dialog Trigger',
		name: 'dialog360Trigger',
		icon: { light: 'file:../../icons/360dialog.svg', dark: 'file:../../icons/360dialog.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves the same; n8n evaluates an extra Webhook-v1 expression per request for any
		// webhook node at exactly version 1, which halves ingest throughput. Saved 1s keep working.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on WhatsApp messages, statuses and errors from 360dialog, through its own multi-webhook destination',
		defaults: { name: '360dialog Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Messages', 'Statuses', 'Errors'],
		credentials: [{ name: 'dialog360Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// 360dialog counts only a 200 within 5 seconds: answer before the workflow runs.
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteDestination.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveNotification.call(this);
	}

	// n8n runs this first in the execution webhook() started, after the 200 (see afterReceipt).
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await afterReceipt.call(this);
	}
}
