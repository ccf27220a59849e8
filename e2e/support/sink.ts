import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

export interface SinkRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** Parsed JSON, else the text. */
	body: unknown;
	/** The body as received (a file a workflow sent). */
	raw: Buffer;
}

export interface Sink {
	url: string;
	readonly requests: SinkRequest[];
	/** The JSON bodies POSTed to one path, in arrival order. */
	bodies(path: string): unknown[];
	close(): Promise<void>;
}

/** A loopback HTTP server that answers 200 {} to everything and remembers what it got. */
export async function startSink(): Promise<Sink> {
	const requests: SinkRequest[] = [];
	const server = createServer((req, res) => {
		buffer(req).then(
			(raw) => {
				let body: unknown = raw.toString('utf8');
				try {
					body = JSON.parse(body as string);
				} catch {
					// Keep the text.
				}
				requests.push({
					method: req.method ?? '',
					path: req.url ?? '',
					headers: req.headers,
					body,
					raw,
				});
				res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
			},
			() => res.writeHead(400).end(),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		bodies: (path) => requests.filter((r) => r.path === path).map((r) => r.body),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
