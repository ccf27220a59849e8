/** The emulator's public types: what tests and the dev command see. */

export interface Destination {
	name: string;
	url: string;
	headers: Record<string, string>;
}

/** A single webhook: the phone number's own one, or the WABA's. */
export interface Webhook {
	url: string;
	headers?: Record<string, string>;
}

export interface EmulatorOptions {
	/** Default 0: a free port. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default: random hex. */
	apiKey?: string;
	/** Delay before a multi-webhook change applies. Default 0 (next tick). */
	applyDelayMs?: number;
	/**
	 * What multi-webhook writes are checked against while earlier changes are still pending:
	 * 'projected' (default) the applied state plus every pending change, 'applied' the applied
	 * state alone. 360dialog's documents do not say; a client must come out right under both.
	 * Under 'applied', a PATCH of a destination whose DELETE is pending is accepted and then lands
	 * on nothing.
	 */
	validateAgainst?: 'projected' | 'applied';
	/** Delay for WABA webhook changes. Default: follows applyDelayMs. */
	wabaApplyDelayMs?: number;
	/** Hostname -> loopback port used for delivery. */
	hostMap?: Record<string, number>;
	/** GET /multi_webhook on a number that never enabled it: 409, or 200 with the empty state. */
	neverEnabledGet?: 'conflict' | 'empty';
	phoneNumberId?: string;
	wabaId?: string;
	displayPhoneNumber?: string;
	/** How long a webhook receiver has to answer during fan-out. Default 5000 (360dialog's limit). */
	deliveryTimeoutMs?: number;
	/** Optional request log; the API key is redacted from every line. */
	log?: (line: string) => void;
}

export interface RecordedRequest {
	method: string;
	/** As sent: still URL-encoded, without the query. */
	path: string;
	/** Lower-cased names. */
	headers: Record<string, string>;
	/** Parsed JSON, or undefined. */
	body: unknown;
	rawBody: string;
	at: number;
}

export interface FaultSpec {
	/** Exact request path, e.g. '/multi_webhook' or '/multi_webhook/my%20hook'. */
	path: string;
	method?: string;
	/** How many matching calls fail. Default 1. */
	times?: number;
	/** Let this many matching calls through first, to fault a later one (say, the second GET). */
	after?: number;
	status?: number;
	body?: unknown;
	/** Answer an nginx-style HTML error page (status defaults to 502). */
	html?: boolean;
	/** Never answer, until the client gives up or the emulator closes. */
	hang?: boolean;
	/** Perform the operation anyway, then answer with the fault: a lost response. */
	apply?: boolean;
}

export interface DeliveryResult {
	/** 'phone_number', 'waba' or the destination name. */
	target: string;
	url: string;
	deliveredTo?: string;
	status: number | null;
	error?: string;
	ms: number;
}

export interface MultiWebhookState {
	enabled: boolean;
	everEnabled: boolean;
	destinations: Destination[];
}

export interface StateInput {
	/** everEnabled defaults to true when enabled or destinations are given. */
	multiWebhook?: { enabled: boolean; destinations: Destination[]; everEnabled?: boolean };
	phoneNumberWebhook?: Webhook | null;
	wabaWebhook?: Webhook | null;
}

export interface Emulator {
	readonly url: string;
	readonly apiKey: string;
	/** Calls to the 360dialog endpoints only (not /_emulator). */
	readonly requests: RecordedRequest[];
	clearRequests(): void;
	/** The APPLIED state, deep copy. */
	multiWebhook(): MultiWebhookState;
	phoneNumberWebhook(): Webhook | null;
	wabaWebhook(): Webhook | null;
	/** Immediate and unvalidated, for test setup. */
	setState(s: StateInput): void;
	injectFault(spec: FaultSpec): void;
	clearFaults(): void;
	setApplyDelay(ms: number): void;
	/** Resolves when every pending change has applied. */
	settle(): Promise<void>;
	deliver(
		notification: unknown,
		options?: { headers?: Record<string, string> },
	): Promise<DeliveryResult[]>;
	/** Back to a fresh number: no faults, no requests, no pending changes, the initial delays. */
	reset(): void;
	/** Also ends hanging requests. */
	close(): Promise<void>;
}
