import { z } from 'zod/v4';

import { asNodeError, readApiFailure } from '../failures';
import { callDialog360, type Dialog360Context } from '../transport';
import { headersSchema, unexpectedBody } from './webhook';

/**
 * The phone-number webhook or the WABA webhook as 360dialog shows it: its URL ("" when none is
 * set) and headers, with whatever else 360dialog lists beside them (the WABA's id and numbers).
 */
const webhookSchema = z.looseObject({
	url: z
		.string()
		.nullish()
		.transform((url) => url ?? ''),
	headers: headersSchema,
});

export type ShownWebhook = z.infer<typeof webhookSchema>;

export type SingleWebhookPath = '/v1/configs/webhook' | '/waba_webhook';

export async function readSingleWebhook(
	context: Dialog360Context,
	path: SingleWebhookPath,
	timeoutMs?: number,
): Promise<ShownWebhook> {
	let body: unknown;
	try {
		body = await callDialog360(context, 'GET', path, { timeoutMs });
	} catch (error) {
		// UNVERIFIED: 360dialog documents {"url": ""} for "none"; a 404 is read the same way.
		if (readApiFailure(error).status === 404) return { url: '', headers: {} };
		throw asNodeError(context.getNode(), error);
	}
	const parsed = webhookSchema.safeParse(body ?? {});
	if (!parsed.success) {
		throw await unexpectedBody(context, `GET ${path}`, body, '{"url": "...", "headers": {...}}');
	}
	return parsed.data;
}
