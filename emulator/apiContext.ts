import type { Change } from './changeQueue';
import type { Messaging } from './messaging';
import type { NumberState } from './numberState';

/** What the endpoint handlers may see and do; the server provides it. */
export interface ApiContext {
	/** The applied state (read only: change it through a queue). */
	applied(): NumberState;
	/**
	 * A copy of the state that multi-webhook writes are checked against: by default the applied
	 * state plus every pending change; with `validateAgainst: 'applied'` the applied state alone.
	 */
	validationBasis(): NumberState;
	enqueueMultiWebhookChange(change: Change<NumberState>): void;
	enqueueWabaWebhookChange(change: Change<NumberState>): void;
	/** Phone-number webhook changes apply at once. */
	applyNow(change: Change<NumberState>): void;
	readonly neverEnabledGet: 'conflict' | 'empty';
	readonly wabaId: string;
	readonly displayPhoneNumber: string;
	/** Windows, templates, sent messages and media: apply at once, like the phone-number webhook. */
	readonly messaging: Messaging;
	/** The most templates one page of GET /v1/configs/templates holds. */
	readonly templatePageSize: number;
}

/** One API request as the endpoint handlers get it. */
export interface ApiRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
	/** The query string without '?'. */
	query?: string;
	/** The body as received, for multipart uploads. */
	bytes?: Buffer;
}
