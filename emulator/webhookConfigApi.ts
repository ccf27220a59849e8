import type { ApiContext } from './apiContext';
import { errorResponse, ok, type ApiResponse } from './apiResponses';
import { checkWebhook } from './webhookRules';

function fail(status: number, message: string): ApiResponse {
	return errorResponse('meta', status, message);
}

/** GET /v1/configs/webhook: the phone number's own webhook, `{"url":""}` when there is none. */
export function getPhoneNumberWebhook(ctx: ApiContext): ApiResponse {
	return ok(structuredClone(ctx.applied().phoneNumberWebhook) ?? { url: '' });
}

/**
 * POST /v1/configs/webhook: applies at once, unlike the multi-webhook and WABA endpoints.
 * `{"url": ""}` removes the webhook. UNVERIFIED: 360dialog says the webhook can be removed "at
 * any time" but documents no call for it; an empty URL is how the WhatsApp On-Premise settings
 * this endpoint mirrors remove a webhook, and it touches nothing but this one webhook.
 */
export function postPhoneNumberWebhook(
	ctx: ApiContext,
	body: Record<string, unknown>,
): ApiResponse {
	if (body.url === '') {
		ctx.applyNow((s) => {
			s.phoneNumberWebhook = null;
		});
		return ok({ url: '' });
	}
	const webhook = checkWebhook(body);
	if (!webhook.ok) return fail(400, webhook.error);
	ctx.applyNow((s) => {
		s.phoneNumberWebhook = structuredClone(webhook.value);
	});
	return ok({ url: webhook.value.url });
}

/** GET /waba_webhook. 360dialog's reference types waba_id as an integer, so it is sent as one. */
export function getWabaWebhook(ctx: ApiContext): ApiResponse {
	const webhook = ctx.applied().wabaWebhook;
	return ok({
		...(structuredClone(webhook) ?? { url: '' }),
		waba_id: wabaIdAsSent(ctx.wabaId),
		numbers_on_this_waba: [ctx.displayPhoneNumber],
	});
}

/**
 * POST /waba_webhook: applies later (360dialog: 15-20 s). override_all:true also replaces the
 * phone-number webhook; false leaves it, so only a number without one is reached through the WABA
 * webhook (fan-out falls back to it).
 */
export function postWabaWebhook(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	const webhook = checkWebhook(body);
	if (!webhook.ok) return fail(400, webhook.error);
	if (typeof body.override_all !== 'boolean') return fail(400, 'override_all must be a boolean');
	const overrideAll = body.override_all;
	ctx.enqueueWabaWebhookChange((s) => {
		s.wabaWebhook = structuredClone(webhook.value);
		if (overrideAll) s.phoneNumberWebhook = structuredClone(webhook.value);
	});
	return ok({ message: `Webhook will be set for waba_id: ${ctx.wabaId}` });
}

function wabaIdAsSent(wabaId: string): number | string {
	const asNumber = Number(wabaId);
	return /^\d+$/.test(wabaId) && Number.isSafeInteger(asNumber) ? asNumber : wabaId;
}
