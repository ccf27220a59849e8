import type { Template } from './types';
import { isPlainObject } from './webhookRules';

/**
 * What WhatsApp checks when a template is created (POST /v1/configs/templates): the name
 * (lowercase letters, digits, `_`, at most 512), the category, a language, a BODY, and an example
 * for every variable (Meta's template docs). The exact wording of Meta's refusals is UNVERIFIED:
 * each answer names the field, as Meta's error_user_msg does.
 */

type Body = Record<string, unknown>;

export const TEMPLATE_CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'] as const;
const NAME = /^[a-z0-9_]{1,512}$/;
const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function variablesOf(text: unknown): string[] {
	return typeof text === 'string' ? [...text.matchAll(VARIABLE)].map((match) => match[1]) : [];
}

function checkBodyExample(body: Body): string | undefined {
	const variables = variablesOf(body.text);
	if (variables.length === 0) return undefined;
	const example = isPlainObject(body.example) ? body.example : {};
	if (variables.every((name) => /^\d+$/.test(name))) {
		const rows = example.body_text;
		const first = Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : undefined;
		return first?.length === new Set(variables).size
			? undefined
			: `BODY has ${new Set(variables).size} variables: example.body_text needs one row with a value for each`;
	}
	const named = example.body_text_named_params;
	const names = Array.isArray(named)
		? named.filter(isPlainObject).map((entry) => entry.param_name)
		: [];
	const missing = variables.find((name) => !names.includes(name));
	return missing === undefined
		? undefined
		: `BODY variable {{${missing}}} needs an example in example.body_text_named_params`;
}

function checkHeader(header: Body): string | undefined {
	const format = typeof header.format === 'string' ? header.format.toUpperCase() : '';
	const example = isPlainObject(header.example) ? header.example : {};
	if (format === 'TEXT') {
		if (typeof header.text !== 'string' || header.text === '') return 'HEADER text is required';
		if ([...header.text].length > 60) return 'HEADER text must be at most 60 characters';
		const hasVariable = variablesOf(header.text).length > 0;
		const hasExample =
			Array.isArray(example.header_text) || Array.isArray(example.header_text_named_params);
		return hasVariable && !hasExample ? 'HEADER variable needs an example' : undefined;
	}
	if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(format)) {
		const handles = example.header_handle;
		return Array.isArray(handles) && typeof handles[0] === 'string' && handles[0] !== ''
			? undefined
			: `A ${format} HEADER needs example.header_handle (an uploaded sample)`;
	}
	return format === 'LOCATION'
		? undefined
		: 'HEADER format must be TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION';
}

function checkComponent(component: unknown): string | undefined {
	if (!isPlainObject(component) || typeof component.type !== 'string') {
		return 'Each component needs a type';
	}
	switch (component.type.toUpperCase()) {
		case 'HEADER':
			return checkHeader(component);
		case 'BODY':
			if (typeof component.text !== 'string' || component.text === '')
				return 'BODY text is required';
			if ([...component.text].length > 1024) return 'BODY text must be at most 1024 characters';
			return checkBodyExample(component);
		case 'FOOTER':
			return typeof component.text === 'string' && [...component.text].length <= 60
				? undefined
				: 'FOOTER text is required, at most 60 characters';
		case 'BUTTONS':
			return Array.isArray(component.buttons) && component.buttons.length > 0
				? undefined
				: 'BUTTONS needs at least one button';
		default:
			return `Unknown component type ${component.type}`;
	}
}

/** Why WhatsApp would refuse this new template, or undefined. */
export function checkTemplateCreate(existing: Template[], body: Body): string | undefined {
	const { name, category, language, components } = body;
	if (typeof name !== 'string' || !NAME.test(name)) {
		return 'name must be lowercase letters, digits and underscores, at most 512 characters';
	}
	if (!(TEMPLATE_CATEGORIES as readonly unknown[]).includes(category)) {
		return `category must be one of ${TEMPLATE_CATEGORIES.join(', ')}`;
	}
	if (typeof language !== 'string' || language === '') return 'language is required';
	if (existing.some((t) => t.name === name && t.language === language)) {
		return `Content in this language already exists: ${name} (${language})`;
	}
	if (!Array.isArray(components) || components.length === 0) return 'components are required';
	const problem = components.map(checkComponent).find((message) => message !== undefined);
	if (problem) return problem;
	const hasBody = components.some(
		(component) => isPlainObject(component) && String(component.type).toUpperCase() === 'BODY',
	);
	return hasBody ? undefined : 'A template needs a BODY component';
}
