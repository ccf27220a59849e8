import type { Dialog360Context } from '../transport';
import { readSingleWebhook } from './singleWebhook';
import type { HeaderMap } from './webhook';

/**
 * The number's main destination: the phone-number webhook, or where that is empty the WABA
 * webhook. 360dialog copies a notification to the multi-webhook destinations only after the main
 * destination answered 200, so without one they receive nothing.
 */
export interface MainWebhook {
	source: 'phoneNumber' | 'waba' | 'none';
	url: string;
	headers: HeaderMap;
}

/** One read, or two where the phone-number webhook is empty. */
export async function readMainWebhook(
	context: Dialog360Context,
	timeoutMs: number,
): Promise<MainWebhook> {
	const phoneNumber = await readSingleWebhook(context, '/v1/configs/webhook', timeoutMs);
	if (phoneNumber.url)
		return { source: 'phoneNumber', url: phoneNumber.url, headers: phoneNumber.headers };
	const waba = await readSingleWebhook(context, '/waba_webhook', timeoutMs);
	if (waba.url) return { source: 'waba', url: waba.url, headers: waba.headers };
	return { source: 'none', url: '', headers: {} };
}
