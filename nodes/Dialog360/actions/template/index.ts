import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, Operation> = {
	create,
	delete: deleteTemplate,
	get,
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: "Submit a new template for WhatsApp's review",
				action: 'Create a template',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a template: every language of its name, or one by ID',
				action: 'Delete a template',
			},
			{
				name: 'Get',
				value: 'get',
				description: "One template's status, quality, rejection reason and components",
				action: 'Get a template',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the number's message templates",
				action: 'Get many templates',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteTemplate.description,
	...get.description,
	...getMany.description,
];
