import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedCall {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** The body as sent, as text. */
	body: string;
	/** The body as sent, as bytes (a file a workflow posted). */
	raw: Buffer;
	/** Arrival order across every sink of this process. */
	sequence: number;
}

/**
 * A loopback HTTP receiver: a number's main webhook, another integration's destination, or
 * where a workflow under test forwards its items. It records every call and answers `status`.
 */
export interface Sink {
	url: string;
	port: number;
	received: ReceivedCall[];
	/** What the sink answers; change it per test. */
	status: number;
	/** How long it waits before answering. */
	delayMs: number;
	/** The bodies POSTed to one path, parsed as JSON (the text when not JSON), in arrival order. */
	bodies(path: string): unknown[];
	close(): Promise<void>;
}

let arrivals = 0;

function parsed(body: string): unknown {
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

export async function startSink(status = 200): Promise<Sink> {
	const received: ReceivedCall[] = [];
	const sink = { received, status, delayMs: 0 } as Sink;
	const server: Server = createServer(async (req, res) => {
		const raw = await buffer(req);
		received.push({
			method: req.method ?? '',
			path: req.url ?? '',
			headers: req.headers,
			body: raw.toString('utf8'),
			raw,
			sequence: ++arrivals,
		});
		if (sink.delayMs > 0) await sleep(sink.delayMs);
		if (!res.destroyed) {
			res.writeHead(sink.status, { 'content-type': 'application/json' }).end('{}');
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	sink.port = (server.address() as AddressInfo).port;
	sink.url = `http://127.0.0.1:${sink.port}`;
	sink.bodies = (path) =>
		received.filter((call) => call.path === path).map((call) => parsed(call.body));
	sink.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return sink;
}
