import type { IDataObject } from 'n8n-workflow';

import { characters } from '../messages/messageRules';
import { invalidParameter, type ItemScope } from '../parameters/invalidParameter';

/*
 * A new template's components as Meta's template API takes them (360dialog passes
 * POST /v1/configs/templates through): HEADER (text with an example, or media with an uploaded
 * sample), BODY with positional {{1}} or named {{name}} variables and their examples, FOOTER,
 * BUTTONS. Limits are Meta's ("Template components" page); each refusal names the field.
 */

const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const TEMPLATE_NAME_RULE =
	'A template name has lowercase letters, digits and underscores only (at most 512 characters), such as order_update.';
/** The Template Name parameter, trimmed and checked against WhatsApp's naming rule. */
export function checkTemplateName(scope: ItemScope, raw: string): string {
	const name = raw.trim();
	if (!TEMPLATE_NAME.test(name)) {
		throw invalidParameter(
			scope,
			name === '' ? 'Template Name is empty' : `Invalid Template Name "${name}"`,
			TEMPLATE_NAME_RULE,
		);
	}
	return name;
}

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

export const TEMPLATE_LIMITS = {
	headerText: 60,
	body: 1024,
	footer: 60,
	buttonText: 25,
	buttons: 10,
	urlButtons: 2,
	phoneButtons: 1,
	copyCodeButtons: 1,
	url: 2000,
	phoneNumber: 20,
	couponCode: 15,
} as const;

const VARIABLE = /\{\{\s*([^{}\s]*)\s*\}\}/g;
const POSITIONAL = /^[1-9]\d*$/;
// Meta: named parameters are lowercase letters, digits and underscores, starting with a letter.
const NAMED = /^[a-z][a-z0-9_]*$/;

export interface VariableExample {
	variable: string;
	value: string;
}

/** The distinct variables of a text, in order of first use, checked to be all of one kind. */
function variablesOf(
	scope: ItemScope,
	field: string,
	text: string,
): { names: string[]; named: boolean } {
	const names = [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1]))];
	const bad = names.find((name) => !POSITIONAL.test(name) && !NAMED.test(name));
	if (bad !== undefined) {
		throw invalidParameter(
			scope,
			`${field} has an invalid variable {{${bad}}}`,
			'Use numbered variables {{1}}, {{2}}, … or named ones such as {{order_id}} (lowercase letters, digits, underscores).',
		);
	}
	const named = names.some((name) => NAMED.test(name));
	if (named && names.some((name) => POSITIONAL.test(name))) {
		throw invalidParameter(
			scope,
			`${field} mixes numbered and named variables`,
			'Use either {{1}}, {{2}}, … or names such as {{order_id}}, not both.',
		);
	}
	if (!named) {
		const expected = names.map((_, index) => String(index + 1));
		if ([...names].sort((a, b) => Number(a) - Number(b)).join() !== expected.join()) {
			throw invalidParameter(
				scope,
				`${field}'s numbered variables are not {{1}} to {{${names.length}}}`,
				'WhatsApp wants numbered variables to start at {{1}} and follow on without gaps.',
			);
		}
	}
	return { names, named };
}

function exampleFor(
	scope: ItemScope,
	field: string,
	examples: VariableExample[],
	name: string,
): string {
	const value =
		examples.find((example) => example.variable.replace(/[{}\s]/g, '') === name)?.value ?? '';
	if (value.trim() === '') {
		throw invalidParameter(
			scope,
			`${field} variable {{${name}}} has no example`,
			'WhatsApp reviews every template with an example value for each variable: add one in the examples.',
		);
	}
	return value;
}

/** A text's `example` in Meta's form: positional rows or named pairs; undefined without variables. */
function textExample(
	scope: ItemScope,
	field: string,
	text: string,
	examples: VariableExample[],
	key: 'header_text' | 'body_text',
): { example?: IDataObject; named: boolean } {
	const { names, named } = variablesOf(scope, field, text);
	if (names.length === 0) return { named: false };
	const values = names.map((name) => exampleFor(scope, field, examples, name));
	if (named) {
		return {
			named,
			example: {
				[`${key}_named_params`]: names.map((name, index) => ({
					param_name: name,
					example: values[index],
				})),
			},
		};
	}
	const ordered = names.map((_, index) => values[names.indexOf(String(index + 1))]);
	return { named, example: { [key]: key === 'body_text' ? [ordered] : ordered } };
}

function checkLength(scope: ItemScope, field: string, text: string, max: number): void {
	const count = characters(text);
	if (text.trim() === '')
		throw invalidParameter(scope, `${field} is empty`, `Enter the ${field.toLowerCase()}.`);
	if (count > max) {
		throw invalidParameter(
			scope,
			`${field} is too long: ${count} characters, at most ${max}`,
			`WhatsApp refuses a template ${field.toLowerCase()} over ${max} characters.`,
		);
	}
}

export type HeaderSpec =
	| { format: 'NONE' }
	| { format: 'TEXT'; text: string; examples: VariableExample[] }
	| { format: 'IMAGE' | 'VIDEO' | 'DOCUMENT'; sample: string }
	| { format: 'LOCATION' };

export interface ButtonSpec {
	type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE';
	text: string;
	url: string;
	urlExample: string;
	phoneNumber: string;
	couponCode: string;
}

export interface TemplateSpec {
	header: HeaderSpec;
	body: string;
	bodyExamples: VariableExample[];
	footer: string;
	buttons: ButtonSpec[];
}

function headerComponent(
	scope: ItemScope,
	header: HeaderSpec,
): { component?: IDataObject; named: boolean } {
	if (header.format === 'NONE') return { named: false };
	if (header.format === 'LOCATION')
		return { component: { type: 'HEADER', format: 'LOCATION' }, named: false };
	if (header.format === 'TEXT') {
		checkLength(scope, 'Header Text', header.text, TEMPLATE_LIMITS.headerText);
		const { example, named } = textExample(
			scope,
			'Header Text',
			header.text,
			header.examples,
			'header_text',
		);
		const variables = [...header.text.matchAll(VARIABLE)].length;
		if (variables > 1)
			throw invalidParameter(
				scope,
				'Header Text has more than one variable',
				'WhatsApp allows one variable in a text header.',
			);
		return {
			component: {
				type: 'HEADER',
				format: 'TEXT',
				text: header.text,
				...(example ? { example } : {}),
			},
			named,
		};
	}
	const sample = header.sample.trim();
	if (sample === '') {
		throw invalidParameter(
			scope,
			'Header Sample is empty',
			`A ${header.format.toLowerCase()} header needs a sample for WhatsApp's review: a public URL of a file or an upload handle.`,
		);
	}
	return {
		component: { type: 'HEADER', format: header.format, example: { header_handle: [sample] } },
		named: false,
	};
}

function buttonComponent(scope: ItemScope, button: ButtonSpec, index: number): IDataObject {
	const field = `Button ${index + 1}`;
	if (button.type === 'COPY_CODE') {
		checkLength(scope, `${field} Example Code`, button.couponCode, TEMPLATE_LIMITS.couponCode);
		return { type: 'COPY_CODE', example: button.couponCode };
	}
	checkLength(scope, `${field} Text`, button.text, TEMPLATE_LIMITS.buttonText);
	if (button.type === 'QUICK_REPLY') return { type: 'QUICK_REPLY', text: button.text };
	if (button.type === 'PHONE_NUMBER') {
		checkLength(scope, `${field} Phone Number`, button.phoneNumber, TEMPLATE_LIMITS.phoneNumber);
		if (!/^\+?[\d\s()-]+$/.test(button.phoneNumber)) {
			throw invalidParameter(
				scope,
				`Invalid ${field} Phone Number "${button.phoneNumber}"`,
				'Enter a phone number with its country code, such as +49 30 1234567.',
			);
		}
		return { type: 'PHONE_NUMBER', text: button.text, phone_number: button.phoneNumber };
	}
	checkLength(scope, `${field} URL`, button.url, TEMPLATE_LIMITS.url);
	if (!/^https?:\/\/\S+$/i.test(button.url)) {
		throw invalidParameter(
			scope,
			`Invalid ${field} URL "${button.url}"`,
			'Enter an http(s) URL; a variable {{1}} may end it, such as https://example.com/orders/{{1}}.',
		);
	}
	const variables = [...button.url.matchAll(VARIABLE)];
	if (variables.length === 0) return { type: 'URL', text: button.text, url: button.url };
	if (variables.length > 1 || variables[0][1] !== '1' || !button.url.trimEnd().endsWith('}}')) {
		throw invalidParameter(
			scope,
			`${field} URL may have one variable {{1}}, at its end`,
			'Such as https://example.com/orders/{{1}}.',
		);
	}
	if (button.urlExample.trim() === '') {
		throw invalidParameter(
			scope,
			`${field} URL variable {{1}} has no example`,
			'Enter an example of the full URL or of the value, such as https://example.com/orders/4711.',
		);
	}
	return { type: 'URL', text: button.text, url: button.url, example: [button.urlExample] };
}

function buttonsComponent(scope: ItemScope, buttons: ButtonSpec[]): IDataObject | undefined {
	if (buttons.length === 0) return undefined;
	const counts = (type: ButtonSpec['type']) =>
		buttons.filter((button) => button.type === type).length;
	const rules: Array<[string, number, number]> = [
		['buttons', buttons.length, TEMPLATE_LIMITS.buttons],
		['URL buttons', counts('URL'), TEMPLATE_LIMITS.urlButtons],
		['phone number buttons', counts('PHONE_NUMBER'), TEMPLATE_LIMITS.phoneButtons],
		['copy code buttons', counts('COPY_CODE'), TEMPLATE_LIMITS.copyCodeButtons],
	];
	for (const [what, count, max] of rules) {
		if (count > max)
			throw invalidParameter(
				scope,
				`${count} ${what}: a template takes at most ${max}`,
				`Remove ${count - max} of the ${what}.`,
			);
	}
	return {
		type: 'BUTTONS',
		buttons: buttons.map((button, index) => buttonComponent(scope, button, index)),
	};
}

/** The checked components, and whether named variables need `parameter_format: "NAMED"`. */
export function buildTemplateComponents(
	scope: ItemScope,
	spec: TemplateSpec,
): { components: IDataObject[]; named: boolean } {
	const header = headerComponent(scope, spec.header);
	checkLength(scope, 'Body', spec.body, TEMPLATE_LIMITS.body);
	const body = textExample(scope, 'Body', spec.body, spec.bodyExamples, 'body_text');
	if (
		header.component?.format === 'TEXT' &&
		header.named !== body.named &&
		/\{\{/.test(String(header.component.text))
	) {
		throw invalidParameter(
			scope,
			'Header Text and Body use different kinds of variables',
			'Use numbered variables in both, or named ones in both.',
		);
	}
	if (spec.footer !== '') checkLength(scope, 'Footer', spec.footer, TEMPLATE_LIMITS.footer);
	const buttons = buttonsComponent(scope, spec.buttons);
	const components: IDataObject[] = [
		...(header.component ? [header.component] : []),
		{ type: 'BODY', text: spec.body, ...(body.example ? { example: body.example } : {}) },
		...(spec.footer !== '' ? [{ type: 'FOOTER', text: spec.footer }] : []),
		...(buttons ? [buttons] : []),
	];
	return { components, named: body.named || header.named };
}
