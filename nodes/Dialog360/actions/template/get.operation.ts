import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOptions } from '../../helpers/calls/options';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { listTemplates, type Template } from '../../helpers/templates/templates';
import { readOptionsProperty } from '../common/apply.description';
import { templateLanguageProperty, templateNameProperty } from './template.description';

const properties: INodeProperties[] = [
	templateNameProperty('The exact name of the template'),
	{
		...templateLanguageProperty,
		description: 'The language to get. Leave empty to get every language of the template.',
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['get'] } },
	properties,
);

/**
 * What a builder asks about one template: where it stands in Meta's review, how it performs, why
 * it was refused. Quality is `quality_score.score` (360dialog and Meta) or the older
 * `quality_rating` (UNVERIFIED which one 360dialog sends); absent fields are left out.
 */
function templateItem(template: Template): IDataObject {
	const item: IDataObject = {
		id: template.id,
		name: template.name,
		language: template.language,
		status: template.status,
		category: template.category,
		quality: template.quality_score?.score ?? template.quality_rating,
		rejected_reason: template.rejected_reason,
		components: template.components,
		raw: template,
	};
	for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return item;
}

/** One output item per language of the template (one when a language is given). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const scope = { node: this.getNode(), itemIndex };
	const name = (this.getNodeParameter('templateName', itemIndex, '') as string).trim();
	const language = (this.getNodeParameter('language', itemIndex, '') as string).trim();
	if (name === '')
		throw invalidParameter(
			scope,
			'Template Name is empty',
			'Enter the name of a template of this number.',
		);
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	// 360dialog filters by name; the exact match is checked here too, as a filter may be lenient.
	const named = (await listTemplates(this, { name, timeoutMs: requestTimeoutMs })).filter(
		(template) => template.name === name,
	);
	const found = language ? named.filter((template) => template.language === language) : named;
	if (found.length === 0) {
		const languages = named.map((template) => template.language);
		throw invalidParameter(
			scope,
			`No template "${name}"${language ? ` in ${language}` : ''}`,
			languages.length > 0
				? `It exists in ${languages.join(', ')}: pick one of those languages, or leave Language empty.`
				: 'Check the name (lowercase, with underscores) with Template → Get Many.',
		);
	}
	return found.map(templateItem);
}
