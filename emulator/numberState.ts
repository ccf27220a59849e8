import type { MultiWebhookState, StateInput, Webhook } from './types';

/** Everything 360dialog stores about the one emulated phone number's webhooks. */
export interface NumberState {
	multiWebhook: MultiWebhookState;
	phoneNumberWebhook: Webhook | null;
	wabaWebhook: Webhook | null;
}

export function freshNumberState(): NumberState {
	return {
		multiWebhook: { enabled: false, everEnabled: false, destinations: [] },
		phoneNumberWebhook: null,
		wabaWebhook: null,
	};
}

export function copyState(state: NumberState): NumberState {
	return structuredClone(state);
}

/** Overwrites the parts of the state that the input names; used for test setup, so no 360dialog rules. */
export function applyStateInput(state: NumberState, input: StateInput): void {
	const copy = structuredClone(input);
	if (copy.multiWebhook) {
		const { enabled, destinations, everEnabled } = copy.multiWebhook;
		if (typeof enabled !== 'boolean' || !Array.isArray(destinations)) {
			throw new TypeError('multiWebhook needs enabled (boolean) and destinations (array)');
		}
		state.multiWebhook = {
			enabled,
			everEnabled: everEnabled ?? (enabled || destinations.length > 0),
			destinations: destinations.map((d) => ({
				name: d.name,
				url: d.url,
				headers: d.headers ?? {},
			})),
		};
	}
	if (copy.phoneNumberWebhook !== undefined) {
		state.phoneNumberWebhook = checkedWebhook(copy.phoneNumberWebhook, 'phoneNumberWebhook');
	}
	if (copy.wabaWebhook !== undefined) {
		state.wabaWebhook = checkedWebhook(copy.wabaWebhook, 'wabaWebhook');
	}
}

function checkedWebhook(webhook: Webhook | null, label: string): Webhook | null {
	if (webhook !== null && typeof webhook?.url !== 'string') {
		throw new TypeError(`${label} must be null or an object with a url`);
	}
	return webhook;
}
