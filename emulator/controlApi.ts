import { randomBytes } from 'node:crypto';
import type { ApiResponse } from './apiResponses';
import { replyWithText, tapButton } from './customerAnswers';
import type { Emulator, FaultSpec, MediaSeed, StateInput, TemplateInput } from './types';
import { isPlainObject } from './webhookRules';

export const CONTROL_PREFIX = '/_emulator';

/** The emulator as the control endpoints drive it (from other processes: dev command, e2e tests). */
export type ControlTarget = Omit<Emulator, 'url' | 'apiKey' | 'close'> & {
	pendingChanges(): number;
	/** Who the emulated number is, for building notifications that match it. */
	number(): { phoneNumberId: string; wabaId: string; displayPhoneNumber: string };
};

export function stateSnapshot(target: ControlTarget) {
	return {
		multiWebhook: target.multiWebhook(),
		phoneNumberWebhook: target.phoneNumberWebhook(),
		wabaWebhook: target.wabaWebhook(),
		pendingChanges: target.pendingChanges(),
		number: target.number(),
	};
}

/** The /_emulator/* endpoints: no API key, JSON in and out. */
export async function handleControlRequest(
	target: ControlTarget,
	method: string,
	path: string,
	body: unknown,
): Promise<ApiResponse> {
	const done = { status: 200, body: { ok: true } };
	try {
		switch (`${method} ${path.slice(CONTROL_PREFIX.length)}`) {
			case 'GET /state':
				return { status: 200, body: stateSnapshot(target) };
			case 'POST /state':
				target.setState(requireObject(body) as StateInput);
				return { status: 200, body: stateSnapshot(target) };
			case 'POST /deliver':
				if (body === undefined) throw new TypeError('The body must be the notification, as JSON');
				return { status: 200, body: await target.deliver(body) };
			case 'POST /faults':
				target.injectFault(requireObject(body) as unknown as FaultSpec);
				return done;
			case 'DELETE /faults':
				target.clearFaults();
				return done;
			case 'GET /requests':
				return { status: 200, body: target.requests };
			case 'DELETE /requests':
				target.clearRequests();
				return done;
			case 'POST /settle':
				await target.settle();
				return { status: 200, body: stateSnapshot(target) };
			case 'POST /reset':
				target.reset();
				return { status: 200, body: stateSnapshot(target) };
			case 'POST /apply-delay':
				target.setApplyDelay(requireDelay(body));
				return done;
			case 'GET /messages':
				return { status: 200, body: target.messages() };
			case 'GET /read-receipts':
				return { status: 200, body: target.readReceipts() };
			case 'GET /templates':
				return { status: 200, body: target.templates() };
			case 'POST /templates':
				return { status: 200, body: target.registerTemplates(requireTemplates(body)) };
			case 'POST /window': {
				const { wa_id: waId, open } = requireObject(body);
				if (typeof waId !== 'string' || typeof open !== 'boolean') {
					throw new TypeError('The body must be {"wa_id": "<digits>", "open": true|false}');
				}
				target.setWindow(waId, open);
				return done;
			}
			case 'POST /read': {
				const { message_id: messageId } = requireObject(body);
				if (typeof messageId !== 'string')
					throw new TypeError('The body must be {"message_id": "wamid..."}');
				await target.markRead(messageId);
				return done;
			}
			case 'POST /tap':
				return { status: 200, body: await tapButton(target, requireObject(body)) };
			case 'POST /reply':
				return { status: 200, body: await replyWithText(target, requireObject(body)) };
			case 'GET /media':
				return { status: 200, body: target.media() };
			case 'POST /media':
				return { status: 200, body: target.seedMedia(requireMediaSeed(body)) };
			case 'POST /media-url-lifetime':
				target.setMediaUrlLifetime(requireDelay(body));
				return done;
			default:
				return { status: 404, body: { error: `No control endpoint ${method} ${path}` } };
		}
	} catch (error) {
		if (error instanceof TypeError) return { status: 400, body: { error: error.message } };
		throw error;
	}
}

function requireObject(body: unknown): Record<string, unknown> {
	if (!isPlainObject(body)) throw new TypeError('The body must be a JSON object');
	return body;
}

/** One template or an array of them. */
function requireTemplates(body: unknown): TemplateInput[] {
	const list = Array.isArray(body) ? body : [requireObject(body)];
	return list as TemplateInput[];
}

function requireDelay(body: unknown): number {
	const ms = requireObject(body).ms;
	if (typeof ms !== 'number' || !(ms >= 0)) throw new TypeError('ms must be a number >= 0');
	return ms;
}

/**
 * {"mime_type", "base64" | "size", "id"?, "file_name"?, "delay_ms"?, "fail"?: {"status", "body"?}}:
 * the file's bytes as base64, or `size` random bytes.
 */
function requireMediaSeed(body: unknown): MediaSeed {
	const input = requireObject(body);
	const { mime_type: mimeType, base64, size, id, file_name: fileName, delay_ms: delayMs } = input;
	if (typeof mimeType !== 'string' || mimeType === '') {
		throw new TypeError('mime_type is required, e.g. "image/jpeg"');
	}
	let bytes: Buffer;
	if (typeof base64 === 'string') bytes = Buffer.from(base64, 'base64');
	else if (typeof size === 'number' && Number.isInteger(size) && size >= 0)
		bytes = randomBytes(size);
	else throw new TypeError('Give the file as "base64", or "size" (random bytes)');
	if (id !== undefined && typeof id !== 'string')
		throw new TypeError('id must be a string of digits');
	if (fileName !== undefined && typeof fileName !== 'string') {
		throw new TypeError('file_name must be a string');
	}
	if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0)) {
		throw new TypeError('delay_ms must be a number >= 0');
	}
	const fail = input.fail === undefined ? undefined : requireObject(input.fail);
	if (fail && !(typeof fail.status === 'number' && fail.status >= 400 && fail.status <= 599)) {
		throw new TypeError('fail.status must be an HTTP error status (400-599)');
	}
	return {
		mimeType,
		bytes,
		id,
		fileName,
		delayMs,
		fail: fail && { status: fail.status as number, body: fail.body },
	};
}
