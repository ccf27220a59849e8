import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { readApiFailure } from './apiErrors';
import { callDialog360, type Dialog360Context } from './transport';

/**
 * The number's main destination: the phone-number webhook, or where that is empty the WABA
 * webhook. 360dialog copies a notification to the multi-webhook destinations only after the main
 * destination answered 200, so without one they receive nothing.
 */
export interface MainWebhook {
	source: 'phoneNumber' | 'waba' | 'none';
	url: string;
	headers: Record<string, string>;
}

const webhookSchema = z.object({
	url: z
		.string()
		.nullish()
		.transform((url) => url ?? ''),
	headers: z
		.record(z.string(), z.string())
		.nullish()
		.transform((headers) => headers ?? {}),
});

type Webhook = z.infer<typeof webhookSchema>;

async function readWebhook(
	context: Dialog360Context,
	path: string,
	timeoutMs: number,
): Promise<Webhook> {
	let body: unknown;
	try {
		body = await callDialog360.call(context, 'GET', path, { timeoutMs });
	} catch (error) {
		// UNVERIFIED: 360dialog documents {"url": ""} for "none"; a 404 is read the same way.
		if (readApiFailure(error).status === 404) return { url: '', headers: {} };
		// Already a NodeApiError from the transport; n8n hands the same instance back.
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
	const parsed = webhookSchema.safeParse(body ?? {});
	if (!parsed.success) {
		throw new NodeApiError(
			context.getNode(),
			{ call: `GET ${path}` },
			{
				message: `360dialog answered GET ${path} with an unexpected body`,
				description: 'Expected {"url": "...", "headers": {...}}.',
			},
		);
	}
	return parsed.data;
}

export async function readPhoneNumberWebhook(
	this: Dialog360Context,
	timeoutMs: number,
): Promise<Webhook> {
	return await readWebhook(this, '/v1/configs/webhook', timeoutMs);
}

/** One read, or two where the phone-number webhook is empty. */
export async function readMainWebhook(
	this: Dialog360Context,
	timeoutMs: number,
): Promise<MainWebhook> {
	const phoneNumber = await readPhoneNumberWebhook.call(this, timeoutMs);
	if (phoneNumber.url) return { source: 'phoneNumber', ...phoneNumber };
	const waba = await readWebhook(this, '/waba_webhook', timeoutMs);
	if (waba.url) return { source: 'waba', url: waba.url, headers: waba.headers };
	return { source: 'none', url: '', headers: {} };
}
