import { samePath } from '../../shared/urlPath';
import { MAX_DESTINATIONS } from '../../shared/webhookRules';
import type { View } from './state';

export type MainWebhookChoice = 'requireOne' | 'useTrigger';

export interface Target {
	/** Our destination name on this n8n instance. */
	name: string;
	url: string;
	timeoutMs: number;
	mainWebhook: MainWebhookChoice;
}

type Listed = NonNullable<View['multiWebhook']>['destinations'][number];

/**
 * A DELETE of ours still showing after this long never applied: the destination (still carrying
 * our secret) is ours again. 360dialog applies changes within seconds.
 */
export const ABANDONED_DELETE_MS = 5 * 60_000;

/** A DELETE of ours that may still be pending for a name. */
export interface PendingDelete {
	/** 360dialog answered it (200): it is queued. False when no answer came (time-out, fault). */
	answered: boolean;
	/** Since it was sent. */
	ageMs: number;
}

/** Why activation cannot go on; each becomes an error that says what to do. */
export type Blocker =
	| { kind: 'noMainWebhook' }
	| { kind: 'mainAtOurUrl'; url: string }
	| { kind: 'foreignSameName'; destination: Listed }
	| { kind: 'disabledWithOthers'; others: Listed[] }
	| { kind: 'limit'; others: Listed[] };

/** The one next thing activation does, decided from what 360dialog shows. */
export type Step =
	| { kind: 'inPlace' }
	| { kind: 'blocked'; blocker: Blocker }
	/** POST /v1/configs/webhook with our URL and secret: we are (or become) the main destination. */
	| { kind: 'setMain' }
	/** A DELETE of ours that 360dialog answered is still pending, the name still listed: wait until it is gone. */
	| { kind: 'awaitRemoval'; name: string }
	/**
	 * A DELETE of ours got no answer and ours still shows: it may never apply, or apply later and
	 * take away whatever we keep or write under the name. Sent again, so that 360dialog answers.
	 */
	| { kind: 'resendRemoval'; name: string }
	/** A DELETE of ours still shows ours long after it was sent: it never applied. Forget it. */
	| { kind: 'reclaim'; name: string }
	/** POST {enabled: true, destinations: [ours]} when `enable`, else PUT {destinations: [ours]}. */
	| { kind: 'add'; enable: boolean }
	/** POST {enabled: true}: ours is listed and nothing else would come back to life. */
	| { kind: 'enable' }
	/** PATCH our destination (N8N_WEBHOOK_URL moved). */
	| { kind: 'update'; name: string };

/**
 * What to do next. `pendingDelete` tells of a DELETE of ours that may still be pending for a
 * name. Writes only ever touch a destination named as ours and carrying a secret we hold; a
 * main webhook is only ever set where there is none.
 */
export function decide(
	view: View,
	target: Target,
	pendingDelete: (name: string) => PendingDelete | undefined,
): Step {
	if (view.main.ours)
		return view.main.url === target.url ? { kind: 'inPlace' } : { kind: 'setMain' };
	if (view.main.source === 'none') {
		return target.mainWebhook === 'useTrigger'
			? { kind: 'setMain' }
			: { kind: 'blocked', blocker: { kind: 'noMainWebhook' } };
	}
	// Someone set our URL as the main webhook without our secret: the trigger refuses every
	// notification with 401, so 360dialog would deliver to no destination at all.
	if (samePath(view.main.url, target.url)) {
		return { kind: 'blocked', blocker: { kind: 'mainAtOurUrl', url: view.main.url } };
	}
	const { enabled, destinations } = view.multiWebhook ?? { enabled: false, destinations: [] };
	const named = destinations.find((d) => d.name === target.name);
	const pending = named && pendingDelete(named.name);
	if (named && pending) {
		if (named.ours && pending.ageMs >= ABANDONED_DELETE_MS)
			return { kind: 'reclaim', name: named.name };
		if (pending.answered) return { kind: 'awaitRemoval', name: named.name };
		if (named.ours) return { kind: 'resendRemoval', name: named.name };
	}
	if (named && !named.ours) {
		return { kind: 'blocked', blocker: { kind: 'foreignSameName', destination: named } };
	}
	const others = destinations.filter((d) => d !== named);
	if (!enabled) {
		// Enabling brings back every listed destination: someone switched them off on purpose.
		if (others.length > 0) {
			return { kind: 'blocked', blocker: { kind: 'disabledWithOthers', others } };
		}
		return named ? { kind: 'enable' } : { kind: 'add', enable: true };
	}
	if (named) {
		return named.url === target.url ? { kind: 'inPlace' } : { kind: 'update', name: named.name };
	}
	if (others.length >= MAX_DESTINATIONS) {
		return { kind: 'blocked', blocker: { kind: 'limit', others } };
	}
	return { kind: 'add', enable: false };
}

/** The view once a step's write has applied, so the next step needs no read. */
export function afterStep(view: View, step: Step, target: Target): View {
	const next: View = { ...view, main: { ...view.main } };
	const multiWebhook = {
		enabled: view.multiWebhook?.enabled ?? false,
		destinations: (view.multiWebhook?.destinations ?? []).map((d) => ({ ...d })),
	};
	switch (step.kind) {
		case 'setMain':
			next.main = { source: 'phoneNumber', url: target.url, ours: true };
			return next;
		case 'add':
			multiWebhook.enabled = true;
			multiWebhook.destinations.push({ name: target.name, url: target.url, ours: true });
			break;
		case 'enable':
			multiWebhook.enabled = true;
			break;
		case 'update':
			for (const d of multiWebhook.destinations) if (d.name === step.name) d.url = target.url;
			break;
	}
	next.multiWebhook = multiWebhook;
	return next;
}

/** Whether a fresh view shows the step's write applied: how a fault's outcome is decided. */
export function showsStep(view: View, step: Step, target: Target): boolean {
	const listed = view.multiWebhook?.destinations ?? [];
	const enabled = view.multiWebhook?.enabled === true;
	switch (step.kind) {
		case 'setMain':
			return view.main.ours && view.main.url === target.url;
		case 'add':
			return (
				enabled && listed.some((d) => d.name === target.name && d.ours && d.url === target.url)
			);
		case 'enable':
			return enabled;
		case 'update':
			return listed.some((d) => d.name === step.name && d.ours && d.url === target.url);
		default:
			return false;
	}
}

/** Two steps that would send the same write. */
export function sameStep(a: Step, b: Step): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
