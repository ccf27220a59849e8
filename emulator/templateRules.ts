import type { Refusal } from './messageRules';
import type { Template, TemplateComponent } from './types';
import { isPlainObject } from './webhookRules';

/**
 * A template send checked against the registered template, as WhatsApp checks it: 132001 when the
 * name does not exist in that language (or is not approved), 132000 when a part gets the wrong
 * number of parameters, 132012 when a parameter has the wrong kind, 132005 when the filled-in
 * text is too long. The details name the part, as Meta's `error_data.details` do.
 */

type Body = Record<string, unknown>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const TEXT_KINDS = new Set(['text', 'currency', 'date_time']);
const MEDIA_FORMATS = new Set(['IMAGE', 'VIDEO', 'DOCUMENT']);
const BUTTON_SUB_TYPES: Record<string, string> = {
	URL: 'url',
	QUICK_REPLY: 'quick_reply',
	COPY_CODE: 'copy_code',
	PHONE_NUMBER: 'phone_number',
};

/** The distinct placeholders of a text, in order of first use: ['1', '2'] or ['order_id']. */
function placeholdersOf(text: string | undefined): string[] {
	const names = [...(text ?? '').matchAll(PLACEHOLDER)].map((match) => match[1]);
	return [...new Set(names)];
}

const countMismatch = (part: string, given: number, expected: number): Refusal => ({
	code: 132000,
	details: `${part}: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
});
const formatMismatch = (part: string, expected: string): Refusal => ({
	code: 132012,
	details: `${part}: parameter format does not match the template, expected ${expected}`,
});

function findTemplate(templates: Template[], name: unknown, language: unknown) {
	return templates.find((t) => t.name === name && t.language === language);
}

export function checkTemplateSend(templates: Template[], template: Body): Refusal | undefined {
	const language = isPlainObject(template.language) ? template.language.code : undefined;
	if (typeof template.name !== 'string' || template.name === '') {
		return { code: 100, details: 'Param template.name is required' };
	}
	if (typeof language !== 'string' || language === '') {
		return { code: 100, details: 'Param template.language.code is required' };
	}
	const registered = findTemplate(templates, template.name, language);
	if (!registered) {
		const languages = templates.filter((t) => t.name === template.name).map((t) => t.language);
		return {
			code: 132001,
			details: `template name (${template.name}) does not exist in ${language}${
				languages.length > 0 ? ` (it exists in ${languages.join(', ')})` : ''
			}`,
		};
	}
	if (registered.status.toLowerCase() !== 'approved') {
		// Meta has codes of its own for paused and disabled templates; one code keeps it simple.
		return {
			code: 132001,
			details: `template ${template.name} (${language}) is not approved: its status is ${registered.status}`,
		};
	}
	const components = template.components ?? [];
	if (!Array.isArray(components) || !components.every(isPlainObject)) {
		return { code: 100, details: 'Param template.components must be an array of objects' };
	}
	return (
		checkHeader(registered, components) ??
		checkBody(registered, components) ??
		checkButtons(registered, components)
	);
}

function sent(components: Body[], type: string): Body | undefined {
	return components.find((component) => component.type === type);
}

function parametersOf(component: Body | undefined): Body[] {
	const parameters = component?.parameters;
	return Array.isArray(parameters) ? parameters.filter(isPlainObject) : [];
}

function part(registered: Template, type: string): TemplateComponent | undefined {
	return registered.components.find((component) => component.type.toUpperCase() === type);
}

/** The text a text-like parameter puts in its placeholder. */
function textOf(parameter: Body): string | undefined {
	if (parameter.type === 'text')
		return typeof parameter.text === 'string' ? parameter.text : undefined;
	const value = parameter[parameter.type as string];
	return isPlainObject(value) && typeof value.fallback_value === 'string'
		? value.fallback_value
		: undefined;
}

/** Text parameters for the placeholders of `text`, positional or named, filled in and measured. */
function checkTextParameters(
	partName: string,
	text: string | undefined,
	parameters: Body[],
	maxLength: number,
): Refusal | undefined {
	const placeholders = placeholdersOf(text);
	if (parameters.length !== placeholders.length) {
		return countMismatch(partName, parameters.length, placeholders.length);
	}
	const named = placeholders.some((name) => !/^\d+$/.test(name));
	const values = new Map<string, string>();
	for (const [index, parameter] of parameters.entries()) {
		if (!TEXT_KINDS.has(parameter.type as string)) {
			return formatMismatch(`${partName} parameter ${index + 1}`, 'text, currency or date_time');
		}
		const value = textOf(parameter);
		if (value === undefined || value === '') {
			return { code: 100, details: `${partName} parameter ${index + 1} has no text` };
		}
		// Named parameters (parameter_name) are seen in client code only (UNVERIFIED in the docs).
		const key = named ? parameter.parameter_name : placeholders[index];
		if (typeof key !== 'string' || !placeholders.includes(key)) {
			return formatMismatch(
				`${partName} parameter ${index + 1}`,
				`parameter_name one of ${placeholders.join(', ')}`,
			);
		}
		values.set(key, value);
	}
	const filled = (text ?? '').replace(
		PLACEHOLDER,
		(_whole, name: string) => values.get(name) ?? '',
	);
	if ([...filled].length > maxLength) {
		return {
			code: 132005,
			details: `${partName}: the filled-in text has ${[...filled].length} characters, at most ${maxLength} are allowed`,
		};
	}
	return undefined;
}

function checkHeader(registered: Template, components: Body[]): Refusal | undefined {
	const header = part(registered, 'HEADER');
	const parameters = parametersOf(sent(components, 'header'));
	const format = header?.format?.toUpperCase() ?? 'TEXT';
	if (!header || format === 'TEXT') {
		return checkTextParameters('header', header?.text, parameters, 60);
	}
	if (parameters.length !== 1) return countMismatch('header', parameters.length, 1);
	const expected = format.toLowerCase();
	const [parameter] = parameters;
	if (parameter.type !== expected || !isPlainObject(parameter[expected])) {
		return formatMismatch(
			'header',
			`${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected} parameter`,
		);
	}
	if (MEDIA_FORMATS.has(format)) {
		const media = parameter[expected] as Body;
		if ((media.id === undefined) === (media.link === undefined)) {
			return { code: 100, details: `header ${expected} needs exactly one of id and link` };
		}
	}
	return undefined;
}

function checkBody(registered: Template, components: Body[]): Refusal | undefined {
	const body = part(registered, 'BODY');
	return checkTextParameters('body', body?.text, parametersOf(sent(components, 'body')), 1024);
}

function checkButtons(registered: Template, components: Body[]): Refusal | undefined {
	const buttons = part(registered, 'BUTTONS')?.buttons ?? [];
	const sentButtons = components.filter((component) => component.type === 'button');
	for (const button of sentButtons) {
		const index = Number(button.index);
		const name = `button ${String(button.index)}`;
		const definition = Number.isInteger(index) ? buttons[index] : undefined;
		if (!definition) {
			return countMismatch(name, parametersOf(button).length, 0);
		}
		const subType = BUTTON_SUB_TYPES[definition.type.toUpperCase()];
		if (button.sub_type !== subType) {
			return formatMismatch(name, `sub_type ${subType ?? definition.type.toLowerCase()}`);
		}
		const problem = checkButtonParameters(name, definition, parametersOf(button));
		if (problem) return problem;
	}
	// A URL button with a placeholder needs its parameter, sent or not.
	for (const [index, definition] of buttons.entries()) {
		const needsValue =
			(definition.type.toUpperCase() === 'URL' && placeholdersOf(definition.url).length > 0) ||
			definition.type.toUpperCase() === 'COPY_CODE';
		const given = sentButtons.some((button) => Number(button.index) === index);
		if (needsValue && !given) return countMismatch(`button ${index}`, 0, 1);
	}
	return undefined;
}

function checkButtonParameters(
	name: string,
	definition: { type: string; url?: string },
	parameters: Body[],
): Refusal | undefined {
	switch (definition.type.toUpperCase()) {
		case 'URL': {
			const expected = placeholdersOf(definition.url).length;
			if (parameters.length !== expected) return countMismatch(name, parameters.length, expected);
			if (
				expected === 1 &&
				(parameters[0].type !== 'text' || typeof parameters[0].text !== 'string')
			) {
				return formatMismatch(name, 'a text parameter');
			}
			return undefined;
		}
		case 'COPY_CODE':
			if (parameters.length !== 1) return countMismatch(name, parameters.length, 1);
			if (parameters[0].type !== 'coupon_code' || typeof parameters[0].coupon_code !== 'string') {
				return formatMismatch(name, 'a coupon_code parameter');
			}
			return undefined;
		case 'QUICK_REPLY':
			if (parameters.length > 1) return countMismatch(name, parameters.length, 1);
			if (parameters.length === 1 && parameters[0].type !== 'payload') {
				return formatMismatch(name, 'a payload parameter');
			}
			return undefined;
		default:
			return parameters.length > 0 ? countMismatch(name, parameters.length, 0) : undefined;
	}
}
