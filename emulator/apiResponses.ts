/** What an endpoint answers; the server writes it (or a fault replaces it). */
export interface ApiResponse {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
	/** A file instead of JSON (a media download); `delayMs` spreads its body over that long. */
	file?: { bytes: Buffer; mimeType: string; delayMs?: number };
}

/**
 * The error shapes 360dialog uses: one for /multi_webhook, one for configs and WABA, and Meta's
 * Graph envelope, which the messaging endpoints pass through from WhatsApp.
 */
export type ErrorFamily = 'multiWebhook' | 'meta' | 'graph';

export const OPERATION_STARTED =
	'Operation has been started, please wait several seconds until change is applied';

export function ok(body: unknown): ApiResponse {
	return { status: 200, body };
}

export function operationStarted(): ApiResponse {
	return ok({ message: OPERATION_STARTED });
}

export function errorResponse(family: ErrorFamily, status: number, message: string): ApiResponse {
	if (family === 'multiWebhook') return { status, body: { error: message } };
	if (family === 'graph') return graphError(status, status >= 500 ? 131000 : 100, message);
	return {
		status,
		body: { meta: { success: false, httpCode: status, developerMessage: message } },
	};
}

// A wrong key is refused by 360dialog's gateway, before WhatsApp: its own envelope, also for /messages.
export function unauthorized(family: ErrorFamily): ApiResponse {
	return family === 'multiWebhook'
		? errorResponse(family, 401, 'Unauthorized')
		: errorResponse('meta', 401, 'Invalid api_key or token expired');
}

/** The titles Meta gives its error codes in `message` ("(#132001) Template name does not exist"). */
const GRAPH_TITLES: Record<number, string> = {
	100: 'Invalid parameter',
	131000: 'Something went wrong',
	131026: 'Message undeliverable',
	131047: 'Re-engagement message',
	131051: 'Unsupported message type',
	131056: '(Business Account, Consumer Account) pair rate limit hit',
	130429: 'Rate limit hit',
	132000: 'Number of parameters does not match the expected number of params',
	132001: 'Template name does not exist in the translation',
	132005: 'Translated text too long',
	132012: 'Parameter format does not match format in the created template',
};

/** Meta's error envelope, which 360dialog passes through for messages, media and templates. */
export function graphError(status: number, code: number, details: string): ApiResponse {
	return {
		status,
		body: {
			error: {
				message: `(#${code}) ${GRAPH_TITLES[code] ?? 'Error'}`,
				type: 'OAuthException',
				code,
				error_data: { messaging_product: 'whatsapp', details },
				fbtrace_id: 'AEmulatorTrace360',
			},
		},
	};
}
