import type { ApiContext } from './apiContext';
import { errorResponse, ok, operationStarted, type ApiResponse } from './apiResponses';
import { checkDestinations, checkHeaders, checkWebhookUrl } from './webhookRules';
import type { Destination, MultiWebhookState } from './types';

/** 360dialog: "Each phone number is limited to a maximum of 3 unique webhooks." */
export const MAX_DESTINATIONS = 3;

const NOT_ENABLED = 'Multi-webhook is not enabled. Enable it first with POST /multi_webhook';

function fail(status: number, message: string): ApiResponse {
	return errorResponse('multiWebhook', status, message);
}

/**
 * Every write below is checked against ctx.validationBasis(): the applied state plus the pending
 * changes (default), or the applied state alone. 360dialog does not say which; a client has to
 * come out right under both (see EmulatorOptions.validateAgainst).
 */

/** GET /multi_webhook: the APPLIED state only, so it may lag behind a change just accepted. */
export function getMultiWebhook(ctx: ApiContext): ApiResponse {
	const { enabled, everEnabled, destinations } = ctx.applied().multiWebhook;
	if (!everEnabled && ctx.neverEnabledGet === 'conflict') {
		return fail(409, 'Multi-webhook is not enabled for this number');
	}
	return ok({ enabled, destinations: structuredClone(destinations) });
}

/**
 * POST /multi_webhook. Disabling KEEPS the destinations (they get nothing while disabled) and a
 * later enable brings them back: 360dialog does not document this, it is the emulator's choice.
 * Destinations together with enabled:false are refused, also the emulator's choice, so that a
 * client which thinks it added them while disabling is caught.
 */
export function postMultiWebhook(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	if (typeof body.enabled !== 'boolean') return fail(400, 'enabled must be a boolean');
	if (body.destinations !== undefined && !Array.isArray(body.destinations)) {
		return fail(400, 'destinations must be an array');
	}
	const given = (body.destinations as unknown[] | undefined) ?? [];
	const basis = ctx.validationBasis().multiWebhook;

	if (!body.enabled) {
		if (given.length > 0) {
			return fail(400, 'Destinations can only be given when enabling multi-webhook');
		}
		ctx.enqueueMultiWebhookChange((s) => {
			s.multiWebhook.enabled = false;
		});
		return operationStarted();
	}

	if (basis.enabled && given.length > 0) {
		return fail(
			400,
			'Multi-webhook is already enabled. Use PUT /multi_webhook to add destinations',
		);
	}
	const added = checkNewDestinations(basis, given);
	if (!added.ok) return added.response;
	ctx.enqueueMultiWebhookChange((s) => {
		s.multiWebhook.enabled = true;
		s.multiWebhook.everEnabled = true;
		addNew(s.multiWebhook, added.destinations);
	});
	return operationStarted();
}

/** PUT /multi_webhook: appends destinations with new names. */
export function putMultiWebhook(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	const basis = ctx.validationBasis().multiWebhook;
	if (!basis.enabled) return fail(400, NOT_ENABLED);
	if (!Array.isArray(body.destinations) || body.destinations.length === 0) {
		return fail(400, 'destinations must be a non-empty array');
	}
	const added = checkNewDestinations(basis, body.destinations);
	if (!added.ok) return added.response;
	ctx.enqueueMultiWebhookChange((s) => addNew(s.multiWebhook, added.destinations));
	return operationStarted();
}

/** PATCH /multi_webhook: replaces url and headers of the destination whose name matches exactly. */
export function patchMultiWebhook(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	const basis = ctx.validationBasis().multiWebhook;
	if (!basis.enabled) return fail(400, NOT_ENABLED);
	const name = body.name;
	if (typeof name !== 'string' || name === '') {
		return fail(400, 'name must be a non-empty string');
	}
	const urlError = checkWebhookUrl(body.url);
	if (urlError) return fail(400, urlError);
	const headers = checkHeaders(body.headers);
	if (!headers.ok) return fail(400, headers.error);
	if (!basis.destinations.some((d) => d.name === name)) {
		return fail(404, `Webhook '${name}' not found`);
	}
	const url = body.url as string;
	const newHeaders = headers.value ?? {};
	ctx.enqueueMultiWebhookChange((s) => {
		const destination = s.multiWebhook.destinations.find((d) => d.name === name);
		if (!destination) return;
		destination.url = url;
		destination.headers = { ...newHeaders };
	});
	return operationStarted();
}

/** DELETE /multi_webhook/{name}: the name arrives URL-encoded and must match exactly. */
export function deleteMultiWebhook(ctx: ApiContext, encodedName: string): ApiResponse {
	let name: string;
	try {
		name = decodeURIComponent(encodedName);
	} catch {
		return fail(400, `Invalid webhook name in path: ${encodedName}`);
	}
	const basis = ctx.validationBasis().multiWebhook;
	if (!basis.enabled) return fail(400, NOT_ENABLED);
	if (!basis.destinations.some((d) => d.name === name)) {
		return fail(404, `Webhook '${name}' not found`);
	}
	ctx.enqueueMultiWebhookChange((s) => {
		s.multiWebhook.destinations = s.multiWebhook.destinations.filter((d) => d.name !== name);
	});
	return operationStarted();
}

/**
 * 360dialog "will only add a new webhook if the name does not match any existing configuration".
 * Checked again as the change applies: validated against the applied state alone, two adds of
 * one name can both be accepted while it is pending.
 */
function addNew(state: MultiWebhookState, destinations: Destination[]): void {
	for (const destination of destinations) {
		if (state.destinations.some((d) => d.name === destination.name)) continue;
		state.destinations.push(structuredClone(destination));
	}
}

type NewDestinations =
	| { ok: true; destinations: Destination[] }
	| { ok: false; response: ApiResponse };

/** Valid, uniquely named (case-sensitive, within the request and against existing), within the max. */
function checkNewDestinations(basis: MultiWebhookState, given: unknown[]): NewDestinations {
	const checked = checkDestinations(given);
	if (!checked.ok) return { ok: false, response: fail(400, checked.error) };
	const names = new Set(basis.destinations.map((d) => d.name));
	for (const { name } of checked.value) {
		if (names.has(name)) {
			return { ok: false, response: fail(400, `Webhook name '${name}' already exists`) };
		}
		names.add(name);
	}
	if (names.size > MAX_DESTINATIONS) {
		return {
			ok: false,
			response: fail(400, `Maximum of ${MAX_DESTINATIONS} webhooks per phone number reached`),
		};
	}
	return { ok: true, destinations: checked.value };
}
