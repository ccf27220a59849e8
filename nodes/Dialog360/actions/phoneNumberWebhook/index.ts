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
		displayOptions: { show: { resource: ['phoneNumberWebhook'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get the phone number's own webhook, its main destination",
				action: 'Get the phone number webhook',
			},
			{
				name: 'Set',
				value: 'set',
				description: "Replace the phone number's own webhook",
				action: 'Set the phone number webhook',
			},
		],
		default: 'get',
	},
	...get.description,
	...set.description,
];
