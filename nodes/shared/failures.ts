import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { WHATSAPP_RATE_LIMIT_CODES } from './whatsAppErrors';

/**
 * What went wrong with a call to 360dialog, read from whatever n8n's HTTP helper threw (or from an
 * error apiErrors.ts already made), and what that means for the caller: a refusal made nothing, a
 * fault may still have been applied, a rejected key or a rate limit ends the attempt.
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

/**
 * n8n 1.x's NodeApiError keeps no cause: the status (or Node's network code) is its httpCode, as
 * text, and a JSON body is its context.data. n8n 2.x keeps the HTTP client's error as the cause.
 */
const n8n1FailureSchema = z.object({
	cause: z.undefined(),
	httpCode: z.string(),
	context: z.object({ data: z.unknown().optional() }).optional(),
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

/** The status and body of an error answer, from the error n8n's HTTP helper threw. */
export function readErrorAnswer(error: unknown): { status: number; data: unknown } | undefined {
	const cause = (error as { cause?: unknown })?.cause ?? error;
	const parsed = httpFailureSchema.safeParse(cause);
	return parsed.success ? parsed.data.response : undefined;
}

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
	const n8n1 = n8n1FailureSchema.safeParse(error);
	if (n8n1.success) {
		const { httpCode, context } = n8n1.data;
		if (!/^\d{3}$/.test(httpCode)) return { networkCode: httpCode, isHtml: false };
		const { message, ...reading } = messageFromBody(context?.data);
		return { status: Number(httpCode), apiMessage: message, ...reading };
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

/**
 * A 5xx, a gateway page, a time-out or a lost connection: the call may have been applied with its
 * answer lost, so only a read can tell.
 */
export function isFault(failure: ApiFailure): boolean {
	return failure.status === undefined ? failure.networkCode !== undefined : failure.status >= 500;
}

/**
 * How a failed write is read. A refusal (4xx) made nothing and may come from a view that was
 * already stale; a fault may still land; a rejected key, a blocked path or a rate limit ends the
 * attempt.
 */
export function failureKind(error: unknown): 'fatal' | 'refused' | 'fault' {
	const failure = readApiFailure(error);
	if (failure.status === 401 || failure.status === 403 || isRateLimit(failure)) return 'fatal';
	return isFault(failure) ? 'fault' : 'refused';
}

/**
 * The error as n8n should show it. The transport already throws NodeApiErrors in 360dialog's words
 * (and NodeApiError hands such an instance back as it is); anything else becomes a
 * NodeOperationError of this node.
 */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}
