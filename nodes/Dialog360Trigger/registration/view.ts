import type { IHookFunctions } from 'n8n-workflow';

import { pollUntil } from '../../shared/pollUntil';
import { readMainWebhook } from '../../shared/webhooks/mainWebhook';
import { readMultiWebhook, type MultiWebhookConfig } from '../../shared/webhooks/multiWebhook';
import { secretIn } from './identity';
import type { Target } from './plan';
import { readRegistration, type Registration, type View } from './state';

const POLL_INTERVAL_MS = 500;

/**
 * The secret we hold for a name, if that name is ours to touch. Our old-format name counts only
 * while its stored URL has this n8n's host: a copy of this workflow on another n8n carries the
 * same old-format entry in its static data and must not take this n8n's destination.
 */
export function heldSecret(context: IHookFunctions, target: Target, name: string) {
	const registration = readRegistration(context.getWorkflowStaticData('node'), name);
	if (!registration) return undefined;
	if (name === target.name) return registration.secret;
	if (name === target.legacyName && sameOrigin(registration, target.url)) {
		return registration.secret;
	}
	return undefined;
}

function sameOrigin(registration: Registration, url: string): boolean {
	try {
		return new URL(registration.url).origin === new URL(url).origin;
	} catch {
		return false;
	}
}

function listed(context: IHookFunctions, target: Target, config: MultiWebhookConfig) {
	return {
		enabled: config.enabled,
		destinations: config.destinations.map(({ name, url, headers }) => {
			const held = heldSecret(context, target, name);
			return { name, url, ours: held !== undefined && secretIn(headers) === held };
		}),
	};
}

/**
 * Reads the main webhook, and the multi-webhook only when the main webhook is someone else's
 * (the usual case): one read more than before the main webhook mattered, two where the number
 * has only a WABA webhook.
 */
export async function readView(context: IHookFunctions, target: Target): Promise<View> {
	const main = await readMainWebhook(context, target.timeoutMs);
	const held = heldSecret(context, target, target.name);
	const ours =
		main.source === 'phoneNumber' && held !== undefined && secretIn(main.headers) === held;
	const view: View = { main: { source: main.source, url: main.url, ours }, at: Date.now() };
	if (ours || main.source === 'none') return view;
	const config = await readMultiWebhook(context, target.timeoutMs);
	return { ...view, multiWebhook: listed(context, target, config) };
}

/** The view with what 360dialog shows now: the part a multi-webhook step touches, or all of it. */
export async function refreshView(
	context: IHookFunctions,
	target: Target,
	view: View,
): Promise<View> {
	if (!view.multiWebhook) return await readView(context, target);
	const config = await readMultiWebhook(context, target.timeoutMs);
	return { ...view, multiWebhook: listed(context, target, config), at: Date.now() };
}

/**
 * Reads again until the view passes the check, for at most the API timeout. Failed reads are
 * logged and retried: this only decides what an unclear answer meant.
 */
export async function pollView(
	context: IHookFunctions,
	target: Target,
	view: View,
	check: (view: View) => boolean,
): Promise<{ view: View; met: boolean }> {
	let latest = view;
	const polled = await pollUntil({
		read: async () => (latest = await refreshView(context, target, latest)),
		until: check,
		timeoutMs: target.timeoutMs,
		intervalMs: POLL_INTERVAL_MS,
		onReadError: (error) =>
			context.logger.debug(`360dialog Trigger: reading ${target.name} again failed`, { error }),
	});
	return { view: latest, met: polled.met };
}
