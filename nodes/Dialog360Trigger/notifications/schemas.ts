import { z } from 'zod/v4';

/*
 * Built once at module load. Every schema is lenient on purpose: it checks only the fields we read,
 * strips nothing from the originals (items keep those as `raw`), and a field of the wrong type reads
 * as absent (`catch`) instead of failing its whole message, status or error.
 */

const text = z.string().optional().catch(undefined);
const textOrNumber = z.union([z.string(), z.number()]).optional().catch(undefined);
const number = z.union([z.number(), z.string()]).optional().catch(undefined);

/** A list taken by reference: its elements are read one by one, so one bad element hurts no other. */
const list = z
	.custom<readonly unknown[]>((value) => Array.isArray(value))
	.optional()
	.catch(undefined);

function optionalObject<Shape extends z.ZodRawShape>(shape: Shape) {
	return z.object(shape).optional().catch(undefined);
}

/** The `value` of a Cloud API change, and equally the whole On-Premise body. */
export const notificationValueSchema = z.object({
	messaging_product: text,
	metadata: optionalObject({ display_phone_number: text, phone_number_id: text }),
	contacts: list,
	messages: list,
	statuses: list,
	errors: list,
});
export type NotificationValue = z.infer<typeof notificationValueSchema>;

export const cloudEnvelopeSchema = z.object({ object: text, entry: list });
export const cloudEntrySchema = z.object({ id: text, changes: list });
export const cloudChangeSchema = z.object({
	field: text,
	value: notificationValueSchema.optional().catch(undefined),
});

export const contactSchema = z.object({ wa_id: text, profile: optionalObject({ name: text }) });

export const messageSchema = z.object({
	id: text,
	from: text,
	timestamp: textOrNumber,
	type: text,
	context: optionalObject({ from: text, id: text }),
});

export const statusSchema = z.object({
	id: text,
	status: text,
	recipient_id: text,
	timestamp: textOrNumber,
});

export const errorSchema = z.object({
	code: textOrNumber,
	title: text,
	message: text,
	details: text,
	href: text,
	error_data: optionalObject({ details: text }),
});

// The contents of the message types we make handy fields for (message[type]).
export const textContentSchema = z.object({ body: text });
const replySchema = optionalObject({ id: text, title: text, description: text });
/** A Flow's answer (and other "native flow messages"): `response_json` is a JSON string. */
const nfmReplySchema = z.object({ name: text, body: text, response_json: text });
export type NfmReplyContent = z.infer<typeof nfmReplySchema>;
export const interactiveContentSchema = z.object({
	type: text,
	button_reply: replySchema,
	list_reply: replySchema,
	nfm_reply: nfmReplySchema.optional().catch(undefined),
});
export const buttonContentSchema = z.object({ payload: text, text });
export const mediaContentSchema = z.object({
	id: text,
	mime_type: text,
	sha256: text,
	caption: text,
	filename: text,
});
export const locationContentSchema = z.object({
	latitude: number,
	longitude: number,
	name: text,
	address: text,
});
export const reactionContentSchema = z.object({ message_id: text, emoji: text });
