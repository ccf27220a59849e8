import type { INodeProperties } from 'n8n-workflow';

export const destinationNameProperty: INodeProperties = {
	displayName: 'Destination',
	name: 'destinationName',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The destination to change, matched exactly by name (case-sensitive)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a destination...',
			typeOptions: {
				searchListMethod: 'getDestinations',
				searchable: true,
			},
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. crm',
		},
	],
};
