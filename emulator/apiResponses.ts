/** What an endpoint answers; the server writes it (or a fault replaces it). */
export interface ApiResponse {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** The two error shapes 360dialog uses: one for /multi_webhook, one for configs and WABA. */
export type ErrorFamily = 'multiWebhook' | 'meta';

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
	return {
		status,
		body: { meta: { success: false, httpCode: status, developerMessage: message } },
	};
}

export function unauthorized(family: ErrorFamily): ApiResponse {
	return family === 'multiWebhook'
		? errorResponse(family, 401, 'Unauthorized')
		: errorResponse(family, 401, 'Invalid api_key or token expired');
}
