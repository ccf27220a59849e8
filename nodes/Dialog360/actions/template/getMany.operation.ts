import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOptions } from '../../helpers/calls/options';
import { listTemplates, type Template } from '../../helpers/templates/templates';
import { readOptionsProperty } from '../common/apply.description';
import { returnAllProperties } from '../common/returnAll.description';

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'UTILITY',
				options: [
					{ name: 'Authentication', value: 'AUTHENTICATION' },
					{ name: 'Marketing', value: 'MARKETING' },
					{ name: 'Utility', value: 'UTILITY' },
				],
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en_US',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. order_update',
				description: 'The exact name; all its languages are returned',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'approved',
				options: [
					{ name: 'Approved', value: 'approved', description: 'Can be sent' },
					{ name: 'Disabled', value: 'disabled' },
					{ name: 'Paused', value: 'paused' },
					{ name: 'Pending', value: 'pending', description: "In Meta's review" },
					{ name: 'Rejected', value: 'rejected' },
				],
			},
		],
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getMany'] } },
	properties,
);

interface Filters {
	category?: string;
	language?: string;
	name?: string;
	status?: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Status and category differ in case between 360dialog's forms: compared without case. */
function matches(template: Template, filters: Filters): boolean {
	return (
		(!filters.status || same(template.status, filters.status)) &&
		(!filters.category || same(template.category, filters.category)) &&
		(!filters.language || same(template.language, filters.language))
	);
}

/** One output item per template, as 360dialog lists it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	// Only the name filter is 360dialog's (contract §4); the others are applied to the pages.
	const filtered = !!(filters.status || filters.category || filters.language);
	const templates = await listTemplates(this, {
		name: filters.name?.trim() || undefined,
		max: filtered ? undefined : limit,
		timeoutMs: requestTimeoutMs,
	});
	return templates
		.filter((template) => matches(template, filters))
		.slice(0, limit) as IDataObject[];
}
