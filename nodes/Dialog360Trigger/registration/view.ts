import type { IHookFunctions } from 'n8n-workflow';

import { readMainWebhook } from '../../shared/webhooks/mainWebhook';
import { readMultiWebhook, type MultiWebhookConfig } from '../../shared/webhooks/multiWebhook';
import type { HeaderMap } from '../../shared/webhooks/webhook';
import { secretIn } from './identity';
import type { Target } from './plan';
import { readAgainUntil } from './readAgain';
import { readRegistration, type View } from './state';

/** Whether headers carry the secret this workflow holds for our name. */
function carriesOurSecret(context: IHookFunctions, target: Target, headers: HeaderMap): boolean {
	const held = readRegistration(context.getWorkflowStaticData('node'), target.name)?.secret;
	return held !== undefined && secretIn(headers) === held;
}

/** What the multi-webhook lists; ours is our name with our secret. */
function listed(context: IHookFunctions, target: Target, config: MultiWebhookConfig) {
	return {
		enabled: config.enabled,
		destinations: config.destinations.map(({ name, url, headers }) => ({
			name,
			url,
			ours: name === target.name && carriesOurSecret(context, target, headers),
		})),
	};
}

/**
 * Reads the main webhook, and the multi-webhook only when the main webhook is someone else's
 * (the usual case): one read more than before the main webhook mattered, two where the number
 * has only a WABA webhook.
 */
export async function readView(context: IHookFunctions, target: Target): Promise<View> {
	const main = await readMainWebhook(context, target.timeoutMs);
	const ours = main.source === 'phoneNumber' && carriesOurSecret(context, target, main.headers);
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

/** Reads the view again until it passes the check, for at most the API timeout; the latest view. */
export async function pollView(
	context: IHookFunctions,
	target: Target,
	view: View,
	check: (view: View) => boolean,
): Promise<{ view: View; met: boolean }> {
	let latest = view;
	const polled = await readAgainUntil(context, target.name, {
		read: async () => (latest = await refreshView(context, target, latest)),
		until: check,
		timeoutMs: target.timeoutMs,
	});
	return { view: latest, met: polled.met };
}
