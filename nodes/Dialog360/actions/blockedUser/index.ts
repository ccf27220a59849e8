import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as block from './block.operation';
import * as getMany from './getMany.operation';
import * as unblock from './unblock.operation';

export const operations: Record<string, Operation> = { block, getMany, unblock };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blockedUser'] } },
		options: [
			{
				name: 'Block',
				value: 'block',
				description:
					'Stop users from writing to the number (they must have written in the last 24 hours)',
				action: 'Block users',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the number's blocked users",
				action: 'Get many blocked users',
			},
			{
				name: 'Unblock',
				value: 'unblock',
				description: 'Let blocked users write to the number again',
				action: 'Unblock users',
			},
		],
		default: 'block',
	},
	...block.description,
	...getMany.description,
	...unblock.description,
];
