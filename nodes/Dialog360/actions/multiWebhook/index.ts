import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as addDestinations from './addDestinations.operation';
import * as deleteDestination from './deleteDestination.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as updateDestination from './updateDestination.operation';

export const operations: Record<string, Operation> = {
	addDestinations,
	deleteDestination,
	disable,
	enable,
	get,
	updateDestination,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['multiWebhook'] } },
		options: [
			{
				name: 'Add Destinations',
				value: 'addDestinations',
				description: 'Add destinations to the enabled multi-webhook',
				action: 'Add destinations to multiple webhooks',
			},
			{
				name: 'Delete Destination',
				value: 'deleteDestination',
				description: 'Remove one destination by its exact name',
				action: 'Delete a destination of multiple webhooks',
			},
			{
				name: 'Disable',
				value: 'disable',
				description: 'Stop sending notifications to the extra destinations',
				action: 'Disable multiple webhooks',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Turn multi-webhook on, optionally with its first destinations',
				action: 'Enable multiple webhooks',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get whether multi-webhook is enabled and its destinations, marking those a 360dialog Trigger made',
				action: 'Get the multiple webhooks configuration',
			},
			{
				name: 'Update Destination',
				value: 'updateDestination',
				description: 'Replace the URL and headers of one destination',
				action: 'Update a destination of multiple webhooks',
			},
		],
		default: 'get',
	},
	...addDestinations.description,
	...deleteDestination.description,
	...disable.description,
	...enable.description,
	...get.description,
	...updateDestination.description,
];
