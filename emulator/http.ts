import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';

/** The body as bytes: a multipart upload carries binary files. */
export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
	return buffer(req);
}

/** The query string without '?', '' when there is none. */
export function requestQuery(req: IncomingMessage): string {
	const target = req.url ?? '/';
	const queryStart = target.indexOf('?');
	return queryStart < 0 ? '' : target.slice(queryStart + 1);
}

/** The parsed JSON body, or undefined when it is empty or not JSON. */
export function parseJson(raw: string): unknown {
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return undefined;
	}
}

/** Node already lower-cases the names; repeated headers are joined as HTTP allows. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

/** The path as sent: still URL-encoded, without the query. */
export function requestPath(req: IncomingMessage): string {
	const target = req.url ?? '/';
	const queryStart = target.indexOf('?');
	return queryStart < 0 ? target : target.slice(0, queryStart);
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const payload = JSON.stringify(body ?? null);
	res.writeHead(status, {
		...headers,
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(payload),
	});
	res.end(payload);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
	res.writeHead(status, {
		'content-type': 'text/html',
		'content-length': Buffer.byteLength(html),
		server: 'nginx',
	});
	res.end(html);
}

/** How many pieces a slow file is written in. */
const SLOW_FILE_PIECES = 20;

/**
 * A file as a CDN sends it: headers at once, then the body, spread over `delayMs` when given
 * (a slow download). A client that gives up ends the writing.
 */
export async function sendFile(
	res: ServerResponse,
	file: { bytes: Buffer; mimeType: string; delayMs?: number },
): Promise<void> {
	res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length });
	const delayMs = file.delayMs ?? 0;
	if (delayMs <= 0 || file.bytes.length === 0) {
		res.end(file.bytes);
		return;
	}
	const { length } = file.bytes;
	const pieces = Math.min(SLOW_FILE_PIECES, length);
	for (let piece = 0; piece < pieces; piece++) {
		await sleep(delayMs / pieces);
		if (res.destroyed) return;
		const start = Math.floor((piece * length) / pieces);
		res.write(file.bytes.subarray(start, Math.floor(((piece + 1) * length) / pieces)));
	}
	res.end();
}
