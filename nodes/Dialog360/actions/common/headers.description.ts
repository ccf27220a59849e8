import type { INodeProperties } from 'n8n-workflow';

import { specifyInputProperty } from './specifyInput.description';

/** One name/value pair of a headers collection, for a webhook's own headers and a destination's. */
export const headerPairOptions: INodeProperties['options'] = [
	{
		displayName: 'Header',
		name: 'header',
		values: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Authorization',
			},
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				placeholder: 'e.g. Bearer abc123',
			},
		],
	},
];

/**
 * Name/value pairs, or JSON for headers built by an expression. `purpose` describes the headers;
 * it should mention that names may not contain "_".
 */
export function headersProperties(purpose: string): INodeProperties[] {
	return [
		specifyInputProperty(
			'specifyHeaders',
			'Specify Headers',
			'How to give the headers 360dialog sends with every notification',
		),
		{
			displayName: 'Headers',
			name: 'headers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Header',
			default: {},
			description: purpose,
			displayOptions: { show: { specifyHeaders: ['fields'] } },
			options: headerPairOptions,
		},
		{
			displayName: 'Headers (JSON)',
			name: 'headersJson',
			type: 'json',
			default: '{}',
			description:
				'An object of header names and values, such as {"Authorization": "Bearer abc123"}',
			displayOptions: { show: { specifyHeaders: ['json'] } },
		},
	];
}
