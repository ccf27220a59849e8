import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { Emulator } from '../../emulator';

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	text: string;
}

/** One real HTTP call; the body is parsed as JSON when it is JSON. */
export async function call(
	emulator: Emulator,
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
	path: string,
	options: { body?: unknown; rawBody?: string; key?: string | null; timeoutMs?: number } = {},
): Promise<Reply> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const key = options.key === undefined ? emulator.apiKey : options.key;
	if (key !== null) headers['D360-API-KEY'] = key;
	const body =
		options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const response = await request(`${emulator.url}${path}`, {
		method,
		headers,
		body,
		headersTimeout: options.timeoutMs,
	});
	const responseText = await response.body.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(responseText);
	} catch {
		parsed = undefined;
	}
	return {
		status: response.statusCode,
		headers: response.headers,
		body: parsed,
		text: responseText,
	};
}

export interface ReceivedCall {
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	/** Arrival order across every sink of the test run. */
	sequence: number;
}

export interface Sink {
	port: number;
	received: ReceivedCall[];
	/** What the sink answers; change it per test. */
	status: number;
	/** How long it waits before answering. */
	delayMs: number;
	close(): Promise<void>;
}

let arrivals = 0;

/** A loopback webhook receiver that records every call and answers `status`. */
export async function startSink(status = 200): Promise<Sink> {
	const received: ReceivedCall[] = [];
	const sink = { received, status, delayMs: 0 } as Sink;
	const server: Server = createServer(async (req, res) => {
		const body = await text(req);
		received.push({ path: req.url ?? '', headers: req.headers, body, sequence: ++arrivals });
		if (sink.delayMs > 0) await sleep(sink.delayMs);
		if (!res.destroyed) res.writeHead(sink.status, { 'content-type': 'text/plain' }).end('ok');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	sink.port = (server.address() as AddressInfo).port;
	sink.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return sink;
}

/** A valid destination whose URL and header derive from its name. */
export function destination(name: string, url?: string) {
	const host = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	return {
		name,
		url: url ?? `https://${host}.example.com/hook`,
		headers: { Authorization: `Bearer ${host}` },
	};
}
