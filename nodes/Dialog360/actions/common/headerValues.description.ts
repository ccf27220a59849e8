import type { INodeProperties } from 'n8n-workflow';

import { changeProperties, readOptionsProperty } from './apply.description';

const includeHeaderValuesOption: INodeProperties = {
	displayName: 'Include Header Values',
	name: 'includeHeaderValues',
	type: 'boolean',
	default: false,
	description:
		"Whether to output the values of the webhooks' headers. When off, only their names are output: the values are often secrets (a 360dialog Trigger's, other integrations' Authorization), and anyone who can open this workflow's executions can read its output.",
};

function withOption(collection: INodeProperties, option: INodeProperties): INodeProperties {
	return { ...collection, options: [...(collection.options ?? []), option] } as INodeProperties;
}

/** The read options, for operations whose output shows webhook headers. */
export const webhookReadOptionsProperty = withOption(
	readOptionsProperty,
	includeHeaderValuesOption,
);

/** The change properties, for operations whose applied configuration shows webhook headers. */
export const webhookChangeProperties: INodeProperties[] = changeProperties.map((property) =>
	property.name === 'options'
		? withOption(property, {
				...includeHeaderValuesOption,
				displayOptions: { show: { '/waitUntilApplied': [true] } },
			})
		: property,
);
