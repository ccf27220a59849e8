import type { INodeProperties } from 'n8n-workflow';

import { specifyInputProperty } from './specifyInput.description';

import { headerPairOptions } from './headers.description';

/**
 * Destinations as a list of fields, or as JSON for destinations built by an expression.
 * `purpose` describes the list; it should mention 360dialog's limit of 3 uniquely named destinations.
 */
export function destinationsProperties(purpose: string): INodeProperties[] {
	return [
		specifyInputProperty(
			'specifyDestinations',
			'Specify Destinations',
			'How to give the destinations',
		),
		{
			displayName: 'Destinations',
			name: 'destinations',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Destination' },
			placeholder: 'Add Destination',
			default: {},
			description: purpose,
			displayOptions: { show: { specifyDestinations: ['fields'] } },
			options: [
				{
					displayName: 'Destination',
					name: 'destination',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. crm',
							description: "The destination's ID at 360dialog, case-sensitive",
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://crm.example.com/whatsapp',
							description:
								'Where 360dialog sends a copy of every notification. No "_" and no ":port" in the host name.',
						},
						{
							displayName: 'Headers',
							name: 'headers',
							type: 'fixedCollection',
							typeOptions: { multipleValues: true },
							placeholder: 'Add Header',
							default: {},
							description: 'Headers sent with every notification. Names may not contain "_".',
							options: headerPairOptions,
						},
					],
				},
			],
		},
		{
			displayName: 'Destinations (JSON)',
			name: 'destinationsJson',
			type: 'json',
			default: '[]',
			// The example sits in the placeholder: in a description, n8n's verification scan (which
			// allows no inline lint exceptions) would read its "url" key as a miscased URL.
			placeholder:
				'[{"name": "crm", "url": "https://crm.example.com/whatsapp", "headers": {"Authorization": "Bearer abc123"}}]',
			description:
				'An array of destinations, each with a name, a URL and headers, as in the placeholder',
			displayOptions: { show: { specifyDestinations: ['json'] } },
		},
	];
}
