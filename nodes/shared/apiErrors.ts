import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { explainWhatsAppCode, WHATSAPP_RATE_LIMIT_CODES } from './whatsAppErrors';

/**
 * Turns whatever 360dialog (or a proxy in front of it) answered into an error that says what
 * happened in 360dialog's own words and what to do. The original request is never attached:
 * it carries the D360-API-KEY header.
 */

// Every error body 360dialog is documented to send, most specific first.
const messageShapes: Array<z.ZodType<string>> = [
	z
		.object({
			error: z.object({
				message: z.string(),
				error_data: z.object({ details: z.string() }).optional(),
			}),
		})
		.transform(({ error }) =>
			error.error_data?.details && error.error_data.details !== error.message
				? `${error.message}: ${error.error_data.details}`
				: error.message,
		),
	z.object({ error: z.string() }).transform(({ error }) => error),
	z
		.object({ meta: z.object({ developerMessage: z.string() }) })
		.transform(({ meta }) => meta.developerMessage),
	z
		.object({ meta: z.object({ developer_message: z.string() }) })
		.transform(({ meta }) => meta.developer_message),
	z.object({ message: z.string() }).transform(({ message }) => message),
	// On-Premise's envelope.
	z
		.object({
			errors: z.array(z.object({ title: z.string(), details: z.string().optional() })).min(1),
		})
		.transform(({ errors: [first] }) =>
			first.details ? `${first.title}: ${first.details}` : first.title,
		),
];

// WhatsApp's error code and details: Meta's envelope (Cloud API) or On-Premise's list.
const whatsAppCodeShapes: Array<z.ZodType<{ code: number; details?: string }>> = [
	z
		.object({
			error: z.object({
				code: z.number(),
				error_data: z.object({ details: z.string().optional() }).optional(),
			}),
		})
		.transform(({ error }) => ({ code: error.code, details: error.error_data?.details })),
	z
		.object({
			errors: z.array(z.object({ code: z.number(), details: z.string().optional() })).min(1),
		})
		.transform(({ errors: [first] }) => ({ code: first.code, details: first.details })),
];

const httpFailureSchema = z.object({
	code: z.string().optional(),
	response: z.object({ status: z.number(), data: z.unknown() }).optional(),
});

export interface ApiFailure {
	status?: number;
	/** 360dialog's own message, or a description of the page a proxy sent. */
	apiMessage?: string;
	/** Node's error code for failures without an answer (timeouts, refused connections). */
	networkCode?: string;
	isHtml: boolean;
	/** WhatsApp's error code (131047, 132000, ...) when the body carries one. */
	code?: number;
	/** WhatsApp's error details (Meta's error_data.details). */
	details?: string;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

interface BodyReading {
	message?: string;
	isHtml: boolean;
	code?: number;
	details?: string;
}

function messageFromBody(data: unknown): BodyReading {
	if (typeof data === 'string') {
		const text = data.trim();
		if (/^<(!doctype|html|head|body)/i.test(text)) {
			const title =
				/<title>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1>([^<]*)<\/h1>/i.exec(text)?.[1];
			return { message: `an HTML error page${title ? ` (${title.trim()})` : ''}`, isHtml: true };
		}
		if (text.startsWith('{')) {
			try {
				return messageFromBody(JSON.parse(text));
			} catch {
				// Not JSON after all: fall through and show the text itself.
			}
		}
		return { message: text.slice(0, 300) || undefined, isHtml: false };
	}
	const reading: BodyReading = { isHtml: false };
	for (const shape of whatsAppCodeShapes) {
		const parsed = shape.safeParse(data);
		if (!parsed.success) continue;
		reading.code = parsed.data.code;
		if (parsed.data.details) reading.details = parsed.data.details;
		break;
	}
	for (const shape of messageShapes) {
		const parsed = shape.safeParse(data);
		if (parsed.success) return { ...reading, message: parsed.data };
	}
	return reading;
}

const ownFailureSchema = z.object({
	errorResponse: z.object({
		call: z.string(),
		status: z.number().optional(),
		apiMessage: z.string().optional(),
		networkCode: z.string().optional(),
		isHtml: z.boolean().default(false),
		code: z.number().optional(),
		details: z.string().optional(),
	}),
});

/**
 * Reads status, message and network code from the error n8n's HTTP helper threw, or from an
 * error this module already made (callers look at the status to decide what to do next).
 */
export function readApiFailure(error: unknown): ApiFailure {
	const own = ownFailureSchema.safeParse(error);
	if (own.success) {
		const { status, apiMessage, networkCode, isHtml, code, details } = own.data.errorResponse;
		return { status, apiMessage, networkCode, isHtml, code, details };
	}
	const cause = (error as { cause?: unknown })?.cause ?? error;
	const parsed = httpFailureSchema.safeParse(cause);
	if (!parsed.success) return { isHtml: false };
	const { response, code } = parsed.data;
	if (!response) return { networkCode: code, isHtml: false };
	const { message, ...reading } = messageFromBody(response.data);
	return { status: response.status, apiMessage: message, ...reading };
}

export function isRateLimit(failure: ApiFailure): boolean {
	if (failure.code !== undefined && WHATSAPP_RATE_LIMIT_CODES.has(failure.code)) return true;
	return (
		failure.status === 429 ||
		(failure.status === 400 && /limit|request every|too many/i.test(failure.apiMessage ?? ''))
	);
}

export function isTimeout(failure: ApiFailure): boolean {
	return failure.networkCode !== undefined && TIMEOUT_CODES.has(failure.networkCode);
}

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
