import type { INodeProperties } from 'n8n-workflow';

/** The parameters the template operations share. */

export function templateNameProperty(description: string): INodeProperties {
	return {
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_update',
		description,
	};
}

export const templateLanguageProperty: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'string',
	default: '',
	placeholder: 'e.g. en_US',
};
