import type { INodeProperties } from 'n8n-workflow';

/** The choice between a fields UI and JSON (for expressions), shared by destinations and headers. */
export function specifyInputProperty(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description,
	};
}
