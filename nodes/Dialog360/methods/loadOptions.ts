import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isApproved, listTemplates } from '../helpers/templates/templates';
import { chosenTemplateName } from './templateChoice';

/** The languages the chosen template is approved in. */
export async function getTemplateLanguages(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const name = chosenTemplateName(this);
	if (!name) return [];
	const templates = await listTemplates(this, { name });
	return templates
		.filter((template) => template.name === name && isApproved(template))
		.map(({ language }) => ({ name: language, value: language }));
}
