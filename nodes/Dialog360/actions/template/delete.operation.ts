import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../../helpers/calls/options';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { checkTemplateName } from '../../helpers/templates/newTemplate';
import { readOptionsProperty } from '../common/apply.description';
import { templateNameProperty } from './template.description';

/*
 * DELETE /v1/configs/templates/{name} removes every language of a name (UNVERIFIED: client code
 * and an older 360dialog page). One template by its ID is Meta's `hsm_id` query on the same call
 * (Meta's Graph API documents it; UNVERIFIED on 360dialog's path).
 */

const properties: INodeProperties[] = [
	templateNameProperty(
		'The exact name of the template. Deleting by name removes every language of it.',
	),
	{
		displayName: 'Delete',
		name: 'deleteScope',
		type: 'options',
		default: 'allLanguages',
		options: [
			{ name: 'Every Language of the Name', value: 'allLanguages' },
			{
				name: 'One Template by ID',
				value: 'byId',
				description: 'Only the template with this ID (one language), as Meta allows',
			},
		],
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 594425479261596',
		description: 'The ID Template → Get or Get Many shows',
		displayOptions: { show: { deleteScope: ['byId'] } },
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const name = checkTemplateName(
		scope,
		this.getNodeParameter('templateName', itemIndex, '') as string,
	);
	const byId = this.getNodeParameter('deleteScope', itemIndex, 'allLanguages') === 'byId';
	const id = byId ? (this.getNodeParameter('templateId', itemIndex, '') as string).trim() : '';
	if (byId && id === '') {
		throw invalidParameter(
			scope,
			'Template ID is empty',
			'Enter the ID Template → Get shows, or delete every language of the name.',
		);
	}
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	const answer = await callDialog360(
		this,
		'DELETE',
		`/v1/configs/templates/${encodeURIComponent(name)}`,
		{
			qs: byId ? { hsm_id: id } : undefined,
			timeoutMs: requestTimeoutMs,
		},
	);
	return { deleted: true, name, ...(byId ? { id } : { languages: 'all' }), raw: answer };
}
