import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as get from './get.operation';
import * as set from './set.operation';

export const operations: Record<string, Operation> = { get, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['wabaWebhook'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the webhook of the WhatsApp Business Account',
				action: 'Get the WABA webhook',
			},
			{
				name: 'Set',
				value: 'set',
				description: 'Set the webhook of the WhatsApp Business Account',
				action: 'Set the WABA webhook',
			},
		],
		default: 'get',
	},
	...get.description,
	...set.description,
];
