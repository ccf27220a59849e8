import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getMany from './getMany.operation';

export const operations: Record<string, Operation> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the number's message templates",
				action: 'Get many templates',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
