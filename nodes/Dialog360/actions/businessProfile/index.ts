import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as get from './get.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = { get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['businessProfile'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "The number's business profile, as WhatsApp users see it",
				action: 'Get the business profile',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change the about text, address, description, email, industry, websites or photo',
				action: 'Update the business profile',
			},
		],
		default: 'get',
	},
	...get.description,
	...update.description,
];
