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
	/**
	 * Hostname -> the loopback port used for delivery, or several ports taken in turn (a load
	 * balancer in front of n8n's webhook processors).
	 */
	hostMap?: Record<string, number | number[]>;
	/** GET /multi_webhook on a number that never enabled it: 409, or 200 with the empty state. */
	neverEnabledGet?: 'conflict' | 'empty';
	phoneNumberId?: string;
	wabaId?: string;
	displayPhoneNumber?: string;
	/** How long a webhook receiver has to answer during fan-out. Default 5000 (360dialog's limit). */
	deliveryTimeoutMs?: number;
	/** Optional request log; the API key is redacted from every line. */
	log?: (line: string) => void;
	/** The most templates one GET /v1/configs/templates page holds, whatever `limit` asks. Default 1000. */
	templatePageSize?: number;
	/** Pause before each status notification of a sent message. Default 0. */
	statusDelayMs?: number;
}

export interface RecordedRequest {
	method: string;
	/** As sent: still URL-encoded, without the query. */
	path: string;
	/** The query string without '?', '' when there is none. */
	query?: string;
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

/** One component of a template as 360dialog lists it: HEADER, BODY, FOOTER or BUTTONS. */
export interface TemplateComponent {
	type: string;
	/** HEADER: TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION. */
	format?: string;
	/** With {{1}}-style or {{name}}-style placeholders. */
	text?: string;
	buttons?: Array<{ type: string; text: string; url?: string; phone_number?: string }>;
	example?: unknown;
}

/** A message template as GET /v1/configs/templates lists it. */
export interface Template {
	id: string;
	name: string;
	language: string;
	/** Lower case here (approved, pending, rejected, paused, disabled). */
	status: string;
	category: string;
	namespace: string;
	rejected_reason: string | null;
	components: TemplateComponent[];
}

/** What a control call registers: id, namespace and status (approved) are filled in when missing. */
export type TemplateInput = Pick<Template, 'name' | 'language' | 'components'> &
	Partial<Omit<Template, 'name' | 'language' | 'components'>>;

/** A message POST /messages accepted, with the newest status the emulator reported for it. */
export interface SentMessage {
	id: string;
	/** `to` as the client sent it. */
	to: string;
	waId: string;
	type: string;
	/** The request body as sent. */
	body: Record<string, unknown>;
	status: 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';
	at: number;
}

/** A read receipt (POST /messages with status "read") the emulator accepted. */
export interface ReadReceipt {
	messageId: string;
	typingIndicator: boolean;
	at: number;
}

/** A file in the media store, without its bytes. */
export interface MediaInfo {
	id: string;
	mimeType: string;
	fileSize: number;
	sha256: string;
	fileName?: string;
	uploadedAt: number;
}

/** How the download of one media file answers. */
export interface MediaDownloadBehaviour {
	/** Spread the body over this long (headers go out at once), like a slow CDN. */
	delayMs?: number;
	/** Answer this instead of the file (the JSON body defaults to Meta's error envelope). */
	fail?: { status: number; body?: unknown; headers?: Record<string, string> };
}

/** A file as a customer's message carries it, put in the media store by a control call. */
export interface MediaSeed extends MediaDownloadBehaviour {
	/** Digits; default: a new one. An existing file with this id is replaced. */
	id?: string;
	bytes: Buffer;
	mimeType: string;
	fileName?: string;
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
	/** Resolves when every pending change has applied and every status notification due is delivered. */
	settle(): Promise<void>;
	deliver(
		notification: unknown,
		options?: { headers?: Record<string, string> },
	): Promise<DeliveryResult[]>;
	/** Messages POST /messages accepted, oldest first. */
	messages(): SentMessage[];
	readReceipts(): ReadReceipt[];
	/** Adds templates (or replaces those with the same name and language); returns them as listed. */
	registerTemplates(templates: TemplateInput[]): Template[];
	templates(): Template[];
	/** Opens or closes the 24-hour customer-service window of a WhatsApp ID (an inbound message opens it too). */
	setWindow(waId: string, open: boolean): void;
	/** Fans out a `read` status for a message POST /messages accepted; resolves once delivered. */
	markRead(messageId: string): Promise<void>;
	media(): MediaInfo[];
	/**
	 * Puts a file in the media store as if a customer had sent it (no upload rules apply), so a
	 * delivered notification can reference it; optionally with a slow or failing download.
	 */
	seedMedia(seed: MediaSeed): MediaInfo;
	/** How long the URL GET /{media-id} hands out stays valid (360dialog: 5 minutes). */
	setMediaUrlLifetime(ms: number): void;
	/** Back to a fresh number: no faults, no requests, no pending changes, the initial delays. */
	reset(): void;
	/** Also ends hanging requests. */
	close(): Promise<void>;
}
