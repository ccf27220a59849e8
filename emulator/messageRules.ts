import { checkFlowAction, checkLocationRequest } from './flowRules';
import { isPlainObject } from './webhookRules';

/**
 * The checks WhatsApp makes on a POST /messages body (360dialog's messaging contract §1), each
 * answered as WhatsApp answers it: code 100 (invalid parameter) naming the field, or 131051 for
 * a type it does not know. Lengths count characters (code points), not UTF-16 units.
 */

export interface Refusal {
	code: number;
	details: string;
}

type Body = Record<string, unknown>;

export const MESSAGE_TYPES = [
	'text',
	'image',
	'video',
	'audio',
	'document',
	'sticker',
	'location',
	'contacts',
	'interactive',
	'template',
	'reaction',
] as const;

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const CAPTIONED = new Set(['image', 'video', 'document']);

const invalid = (details: string): Refusal => ({ code: 100, details });
const length = (text: string) => [...text].length;

/** undefined when `value` is a string of 1 to `max` characters, else the refusal naming `field`. */
function checkText(
	value: unknown,
	field: string,
	max: number,
	optional = false,
): Refusal | undefined {
	if (value === undefined && optional) return undefined;
	if (typeof value !== 'string' || value.length === 0) {
		return invalid(`Param ${field} is required and must be a non-empty string`);
	}
	if (length(value) > max) {
		return invalid(`Param ${field} must be at most ${max} characters long`);
	}
	return undefined;
}

/** Digits with a country code; '+', '-', spaces and brackets are allowed around them. */
export function recipientWaId(to: unknown): string | undefined {
	if (typeof to !== 'string' || !/^[+\d\s()-]+$/.test(to)) return undefined;
	const digits = to.replace(/\D/g, '');
	return /^[1-9]\d{6,14}$/.test(digits) ? digits : undefined;
}

/** The envelope every send shares; the type-specific object is checked by checkContent. */
export function checkEnvelope(body: Body): Refusal | undefined {
	if (body.messaging_product !== 'whatsapp') {
		return invalid('Param messaging_product is required and must be "whatsapp"');
	}
	if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
		return invalid('Param recipient_type must be "individual"');
	}
	if (recipientWaId(body.to) === undefined) {
		return invalid(
			`Param to must be a phone number with country code, got ${JSON.stringify(body.to)}`,
		);
	}
	if (body.context !== undefined) {
		if (!isPlainObject(body.context) || typeof body.context.message_id !== 'string') {
			return invalid('Param context.message_id must be a message ID');
		}
	}
	if (typeof body.type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(body.type)) {
		return { code: 131051, details: `Message type ${JSON.stringify(body.type)} is not supported` };
	}
	if (
		!isPlainObject(body[body.type]) &&
		!(body.type === 'contacts' && Array.isArray(body.contacts))
	) {
		return invalid(`Param ${body.type} is required for messages of type ${body.type}`);
	}
	return undefined;
}

export function checkContent(type: string, content: unknown): Refusal | undefined {
	if (MEDIA_TYPES.has(type)) return checkMedia(type, content as Body);
	switch (type) {
		case 'text':
			return checkTextMessage(content as Body);
		case 'location':
			return checkLocation(content as Body);
		case 'contacts':
			return checkContacts(content);
		case 'reaction':
			return checkReaction(content as Body);
		case 'interactive':
			return checkInteractive(content as Body);
		default:
			// Templates are checked against the registered ones (templateRules.ts).
			return undefined;
	}
}

function checkTextMessage(text: Body): Refusal | undefined {
	if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') {
		return invalid('Param text.preview_url must be a boolean');
	}
	return checkText(text.body, 'text.body', 4096);
}

/** An object that names its media by id or by link, never both. */
function checkMediaObject(media: Body, field: string): Refusal | undefined {
	const hasId = media.id !== undefined;
	const hasLink = media.link !== undefined;
	if (hasId === hasLink) return invalid(`Param ${field} needs exactly one of id and link`);
	if (hasId && (typeof media.id !== 'string' || !/^\d+$/.test(media.id))) {
		return invalid(`Param ${field}.id must be a media ID`);
	}
	if (hasLink && (typeof media.link !== 'string' || !/^https?:\/\/\S+$/i.test(media.link))) {
		return invalid(`Param ${field}.link must be an http(s) URL`);
	}
	return undefined;
}

function checkMedia(type: string, media: Body): Refusal | undefined {
	const problem = checkMediaObject(media, type);
	if (problem) return problem;
	if (media.caption !== undefined) {
		if (!CAPTIONED.has(type)) return invalid(`Param ${type}.caption is not allowed for ${type}`);
		// The caption limit is UNVERIFIED in the contract; 1024 as it says.
		const captionProblem = checkText(media.caption, `${type}.caption`, 1024);
		if (captionProblem) return captionProblem;
	}
	if (media.filename !== undefined && type !== 'document') {
		return invalid(`Param ${type}.filename is only allowed for documents`);
	}
	return undefined;
}

function checkLocation(location: Body): Refusal | undefined {
	const { latitude, longitude } = location;
	if (typeof latitude !== 'number' || latitude < -90 || latitude > 90) {
		return invalid('Param location.latitude is required and must be a number from -90 to 90');
	}
	if (typeof longitude !== 'number' || longitude < -180 || longitude > 180) {
		return invalid('Param location.longitude is required and must be a number from -180 to 180');
	}
	for (const field of ['name', 'address'] as const) {
		if (location[field] !== undefined && typeof location[field] !== 'string') {
			return invalid(`Param location.${field} must be a string`);
		}
	}
	return undefined;
}

function checkContacts(contacts: unknown): Refusal | undefined {
	if (!Array.isArray(contacts) || contacts.length === 0) {
		return invalid('Param contacts must be a non-empty array');
	}
	for (const [index, contact] of contacts.entries()) {
		const name = isPlainObject(contact) ? contact.name : undefined;
		if (
			!isPlainObject(name) ||
			typeof name.formatted_name !== 'string' ||
			name.formatted_name === ''
		) {
			return invalid(`Param contacts[${index}].name.formatted_name is required`);
		}
	}
	return undefined;
}

function checkReaction(reaction: Body): Refusal | undefined {
	if (typeof reaction.message_id !== 'string' || reaction.message_id === '') {
		return invalid('Param reaction.message_id is required');
	}
	// "" removes a reaction (UNVERIFIED in the contract; accepted here).
	if (typeof reaction.emoji !== 'string') return invalid('Param reaction.emoji must be a string');
	return undefined;
}

function duplicate(values: string[]): string | undefined {
	return values.find((value, index) => values.indexOf(value) !== index);
}

/** A header of an interactive message: text (60) or, where allowed, image, video or document. */
function checkHeader(header: unknown, mediaAllowed: boolean): Refusal | undefined {
	if (header === undefined) return undefined;
	if (!isPlainObject(header)) return invalid('Param interactive.header must be an object');
	if (header.type === 'text') return checkText(header.text, 'interactive.header.text', 60);
	if (
		mediaAllowed &&
		typeof header.type === 'string' &&
		['image', 'video', 'document'].includes(header.type)
	) {
		const media = header[header.type];
		if (!isPlainObject(media))
			return invalid(`Param interactive.header.${header.type} is required`);
		return checkMediaObject(media, `interactive.header.${header.type}`);
	}
	return invalid(
		`Param interactive.header.type must be ${mediaAllowed ? 'text, image, video or document' : 'text'}`,
	);
}

function checkFooter(footer: unknown): Refusal | undefined {
	if (footer === undefined) return undefined;
	if (!isPlainObject(footer)) return invalid('Param interactive.footer must be an object');
	return checkText(footer.text, 'interactive.footer.text', 60);
}

function checkInteractive(interactive: Body): Refusal | undefined {
	const { type, body, action } = interactive;
	if (type === 'location_request_message') return checkLocationRequest(interactive);
	if (type !== 'button' && type !== 'list' && type !== 'cta_url' && type !== 'flow') {
		return invalid(
			'Param interactive.type must be button, list, cta_url, flow or location_request_message',
		);
	}
	if (!isPlainObject(body)) return invalid('Param interactive.body is required');
	if (!isPlainObject(action)) return invalid('Param interactive.action is required');
	return (
		checkText(body.text, 'interactive.body.text', type === 'list' ? 4096 : 1024) ??
		checkHeader(interactive.header, type !== 'list' && type !== 'flow') ??
		checkFooter(interactive.footer) ??
		checkAction(type, action)
	);
}

function checkAction(type: string, action: Body): Refusal | undefined {
	if (type === 'button') return checkButtons(action);
	if (type === 'list') return checkList(action);
	if (type === 'flow') return checkFlowAction(action);
	return checkCtaUrl(action);
}

function checkButtons(action: Body): Refusal | undefined {
	const { buttons } = action;
	if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
		return invalid('Param interactive.action.buttons must hold 1 to 3 buttons');
	}
	const ids: string[] = [];
	const titles: string[] = [];
	for (const [index, button] of buttons.entries()) {
		const field = `interactive.action.buttons[${index}]`;
		if (!isPlainObject(button) || button.type !== 'reply' || !isPlainObject(button.reply)) {
			return invalid(`Param ${field} must be {"type": "reply", "reply": {"id", "title"}}`);
		}
		const problem =
			checkText(button.reply.id, `${field}.reply.id`, 256) ??
			checkText(button.reply.title, `${field}.reply.title`, 20);
		if (problem) return problem;
		ids.push(button.reply.id as string);
		titles.push(button.reply.title as string);
	}
	const sameId = duplicate(ids);
	if (sameId !== undefined) return invalid(`Button ID ${JSON.stringify(sameId)} is used twice`);
	const sameTitle = duplicate(titles);
	if (sameTitle !== undefined)
		return invalid(`Button title ${JSON.stringify(sameTitle)} is used twice`);
	return undefined;
}

function checkList(action: Body): Refusal | undefined {
	const buttonProblem = checkText(action.button, 'interactive.action.button', 20);
	if (buttonProblem) return buttonProblem;
	const { sections } = action;
	if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) {
		return invalid('Param interactive.action.sections must hold 1 to 10 sections');
	}
	const ids: string[] = [];
	for (const [index, section] of sections.entries()) {
		const field = `interactive.action.sections[${index}]`;
		if (!isPlainObject(section) || !Array.isArray(section.rows) || section.rows.length === 0) {
			return invalid(`Param ${field}.rows must hold at least one row`);
		}
		const titleProblem = checkText(section.title, `${field}.title`, 24, sections.length === 1);
		if (titleProblem) return titleProblem;
		for (const [rowIndex, row] of section.rows.entries()) {
			const rowField = `${field}.rows[${rowIndex}]`;
			if (!isPlainObject(row)) return invalid(`Param ${rowField} must be an object`);
			const problem =
				checkText(row.id, `${rowField}.id`, 200) ??
				checkText(row.title, `${rowField}.title`, 24) ??
				checkText(row.description, `${rowField}.description`, 72, true);
			if (problem) return problem;
			ids.push(row.id as string);
		}
	}
	if (ids.length > 10) return invalid(`A list holds at most 10 rows in all, got ${ids.length}`);
	const sameId = duplicate(ids);
	if (sameId !== undefined) return invalid(`Row ID ${JSON.stringify(sameId)} is used twice`);
	return undefined;
}

function checkCtaUrl(action: Body): Refusal | undefined {
	const { parameters } = action;
	if (action.name !== 'cta_url' || !isPlainObject(parameters)) {
		return invalid('Param interactive.action must be {"name": "cta_url", "parameters": {...}}');
	}
	const problem = checkText(
		parameters.display_text,
		'interactive.action.parameters.display_text',
		20,
	);
	if (problem) return problem;
	if (typeof parameters.url !== 'string' || !/^https?:\/\/\S+$/i.test(parameters.url)) {
		return invalid('Param interactive.action.parameters.url must be an http(s) URL');
	}
	return undefined;
}
