import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { templateFields, hasLocationHeader } from '../helpers/templates/templateParameters';
import { findTemplate, listTemplates } from '../helpers/templates/templates';
import { chosenLanguage, chosenTemplateName } from './templateChoice';

/** Send Template's parameter fields, built from the chosen template (in the chosen language). */
export async function getTemplateParameters(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const name = chosenTemplateName(this);
	if (!name) return { fields: [], emptyFieldsNotice: 'Choose a template first' };
	const template = findTemplate(await listTemplates(this, { name }), name, chosenLanguage(this));
	if (!template) {
		return {
			fields: [],
			emptyFieldsNotice: `No approved template "${name}" in this language: check the name and language`,
		};
	}
	const fields = templateFields(template);
	const location = hasLocationHeader(template)
		? ' Its location header goes in Components (JSON).'
		: '';
	return {
		fields,
		emptyFieldsNotice: `${name} has no parameters to fill in.${location}`,
	};
}
