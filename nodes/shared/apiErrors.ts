import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isRateLimit, isTimeout, readApiFailure, type ApiFailure } from './failures';
import { explainWhatsAppCode } from './whatsAppErrors';

/**
 * Turns whatever 360dialog (or a proxy in front of it) answered into an error that says what
 * happened in 360dialog's own words and what to do. The original request is never attached:
 * it carries the D360-API-KEY header.
 */

/** What the caller knows about its call that the answer cannot say. */
export interface CallHints {
	/**
	 * What to tell the user when the call may or may not have taken effect (a time-out, a 5xx, a
	 * gateway page), e.g. that a message may have been sent already.
	 */
	uncertainOutcome?: string;
}

function explain(
	failure: ApiFailure,
	call: string,
	hints: CallHints,
): { message: string; description: string } {
	const says = failure.apiMessage ? `360dialog says: "${failure.apiMessage}". ` : '';
	const uncertain = hints.uncertainOutcome ? ` ${hints.uncertainOutcome}` : '';
	if (failure.status === undefined) {
		if (isTimeout(failure)) {
			const reading = call.startsWith('GET ');
			return {
				message: `360dialog did not answer ${call} in time`,
				description:
					hints.uncertainOutcome ??
					(reading
						? 'A read changes nothing: try again later, or allow more time for the answer (the time-out option).'
						: '360dialog may still apply the change. Check the configuration with a Get operation before trying again.'),
			};
		}
		return {
			message: `Could not reach 360dialog for ${call}${failure.networkCode ? ` (${failure.networkCode})` : ''}`,
			description:
				'Check the hosting or Base URL in the 360dialog API credential and the network of this n8n.',
		};
	}
	const whatsApp =
		failure.code !== undefined && failure.status !== 401
			? explainWhatsAppCode(failure.code, failure.details, says)
			: undefined;
	if (whatsApp) return whatsApp;
	if (failure.status === 401) {
		return {
			message: `360dialog rejected the API key (401${failure.apiMessage ? `: ${failure.apiMessage}` : ''})`,
			description:
				'Copy the current API key from the 360dialog Hub into the 360dialog API credential, and check its hosting. A newly generated key revokes the old one.',
		};
	}
	if (isRateLimit(failure)) {
		return {
			message: `360dialog is rate limiting these calls (${failure.status}: ${failure.apiMessage ?? 'too many requests'})`,
			description: `${says}Slow down: space the calls out, for example with a Wait node, and try again.`,
		};
	}
	if (failure.isHtml) {
		return {
			message: `360dialog's gateway failed on ${call} (${failure.status})`,
			description: `360dialog answered with ${failure.apiMessage}, which usually means a temporary fault in front of the API. Try again in a minute.${uncertain}`,
		};
	}
	const hint =
		failure.status === 403
			? '360dialog blocks this path for this number or key.'
			: failure.status >= 500
				? "This is a fault on 360dialog's side; try again later."
				: "Check the parameters against 360dialog's rules.";
	return {
		message: `360dialog refused ${call} (${failure.status}${failure.apiMessage ? `: ${failure.apiMessage}` : ''})`,
		description: `${says}${hint}${failure.status >= 500 ? uncertain : ''}`,
	};
}

/** Cuts the API key out of text 360dialog (or a proxy) sent back, should it echo the request. */
export function withoutKey(text: string, apiKey: string | undefined): string {
	return apiKey ? text.split(apiKey).join('[redacted]') : text;
}

export function toApiError(
	node: INode,
	error: unknown,
	call: string,
	apiKey?: string,
	hints: CallHints = {},
): NodeApiError {
	const failure = readApiFailure(error);
	if (failure.apiMessage) failure.apiMessage = withoutKey(failure.apiMessage, apiKey);
	if (failure.details) failure.details = withoutKey(failure.details, apiKey);
	const { message, description } = explain(failure, call, hints);
	const response: JsonObject = { call, isHtml: failure.isHtml };
	if (failure.status) response.status = failure.status;
	if (failure.apiMessage) response.apiMessage = failure.apiMessage;
	if (failure.networkCode) response.networkCode = failure.networkCode;
	if (failure.code !== undefined) response.code = failure.code;
	if (failure.details) response.details = failure.details;
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
	});
}
