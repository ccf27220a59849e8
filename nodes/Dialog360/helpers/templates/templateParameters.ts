import type { IDataObject, ResourceMapperField } from 'n8n-workflow';

import type { Template, TemplateComponent } from './templates';

/**
 * A template's parameters as fields of the Send Template form (n8n's resource mapper), and the
 * components WhatsApp wants (contract §1, "template") from the values filled in. A field's id
 * says where its value goes:
 *   header:text:<placeholder>   header:image | header:video | header:document
 *   body:<placeholder>          button:<index>:url | button:<index>:copy_code | button:<index>:quick_reply
 * Placeholders are positional ({{1}}) or named ({{order_id}}, sent as parameter_name).
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const MEDIA_HEADERS = new Set(['IMAGE', 'VIDEO', 'DOCUMENT']);

function placeholders(text: string | undefined): string[] {
	return [...new Set([...(text ?? '').matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

function field(id: string, displayName: string, required = true): ResourceMapperField {
	return {
		id,
		displayName,
		required,
		defaultMatch: false,
		display: true,
		type: 'string',
		canBeUsedToMatch: false,
	};
}

function part(template: Template, type: string): TemplateComponent | undefined {
	return template.components.find((component) => component.type.toUpperCase() === type);
}

function headerFields(header: TemplateComponent | undefined): ResourceMapperField[] {
	const format = header?.format?.toUpperCase() ?? 'TEXT';
	if (MEDIA_HEADERS.has(format)) {
		const kind = format.toLowerCase();
		// Not required in the editor: Send Template's Header File may fill it; the node checks it.
		return [
			field(
				`header:${kind}`,
				`Header ${kind[0].toUpperCase()}${kind.slice(1)} (URL or Media ID)`,
				false,
			),
		];
	}
	if (format !== 'TEXT') return [];
	return placeholders(header?.text).map((name) =>
		field(`header:text:${name}`, `Header {{${name}}}`),
	);
}

function buttonFields(buttons: TemplateComponent['buttons']): ResourceMapperField[] {
	return (buttons ?? []).flatMap((button, index) => {
		const label = `Button "${button.text ?? index + 1}"`;
		switch (button.type.toUpperCase()) {
			case 'URL':
				return placeholders(button.url).length > 0
					? [field(`button:${index}:url`, `${label} URL {{1}}`)]
					: [];
			case 'COPY_CODE':
				return [field(`button:${index}:copy_code`, `${label} Coupon Code`)];
			case 'QUICK_REPLY':
				// The payload comes back when the customer taps the button; optional.
				return [field(`button:${index}:quick_reply`, `${label} Payload`, false)];
			default:
				return [];
		}
	});
}

/** The fields of the Template Parameters form, header first, then body, then buttons. */
export function templateFields(template: Template): ResourceMapperField[] {
	return [
		...headerFields(part(template, 'HEADER')),
		...placeholders(part(template, 'BODY')?.text).map((name) =>
			field(`body:${name}`, `Body {{${name}}}`),
		),
		...buttonFields(part(template, 'BUTTONS')?.buttons),
	];
}

/** The header location format has no fields: its four values go in Components (JSON). */
export function hasLocationHeader(template: Template): boolean {
	return part(template, 'HEADER')?.format?.toUpperCase() === 'LOCATION';
}

/** Which component a field fills: 'header', 'body' or 'button:<index>'. */
export function componentKeyOf(fieldId: string): string {
	const [type, index] = fieldId.split(':');
	return type === 'button' ? `button:${index}` : type;
}

/** The same key for a component of the JSON. */
export function keyOfComponent(component: IDataObject): string {
	const type = String(component.type ?? '').toLowerCase();
	return type === 'button' ? `button:${String(component.index)}` : type;
}

function textParameter(name: string, value: string): IDataObject {
	// Named parameters are seen in client code only (contract §1, UNVERIFIED in the docs).
	return /^\d+$/.test(name)
		? { type: 'text', text: value }
		: { type: 'text', parameter_name: name, text: value };
}

/** A media header's value: digits are a media ID, anything else a link. */
function mediaParameter(kind: string, value: string): IDataObject {
	return { type: kind, [kind]: /^\d+$/.test(value) ? { id: value } : { link: value } };
}

/**
 * URL-button values are percent-encoded (contract §1): what may not stand in a URL is encoded,
 * what may (including an existing %XX) stays, so an encoded value is not encoded twice.
 */
function urlSuffix(value: string): string {
	return value.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu, (character) =>
		encodeURIComponent(character),
	);
}

/** The components for the filled-in fields, in the order of the fields; empty values are left out. */
export function componentsFromFields(fields: Array<{ id: string; value: string }>): IDataObject[] {
	const header: IDataObject[] = [];
	const body: IDataObject[] = [];
	const buttons = new Map<string, IDataObject>();
	for (const { id, value } of fields) {
		if (value === '') continue;
		const [type, second, third] = id.split(':');
		if (type === 'header') {
			header.push(second === 'text' ? textParameter(third, value) : mediaParameter(second, value));
		} else if (type === 'body') {
			body.push(textParameter(second, value));
		} else if (type === 'button') {
			const parameter =
				third === 'url'
					? { type: 'text', text: urlSuffix(value) }
					: third === 'copy_code'
						? { type: 'coupon_code', coupon_code: value }
						: { type: 'payload', payload: value };
			buttons.set(second, {
				type: 'button',
				sub_type: third,
				index: second,
				parameters: [parameter],
			});
		}
	}
	return [
		...(header.length > 0 ? [{ type: 'header', parameters: header }] : []),
		...(body.length > 0 ? [{ type: 'body', parameters: body }] : []),
		...buttons.values(),
	];
}
