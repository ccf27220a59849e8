import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Listens on loopback at `port` (0: the OS picks) and closes again: the port, or undefined if taken. */
function tryPort(port: number): Promise<number | undefined> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(undefined));
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				resolve(typeof address === 'object' && address ? address.port : undefined),
			);
		});
	});
}

/**
 * The first port of the range the OS takes the local ports of outgoing connections from. A port
 * handed out here is bound seconds later (n8n boots first); meanwhile n8n's own connections to
 * PostgreSQL and Redis take local ports too, and one of them landing on ours made n8n fail with
 * "port already in use". Ports below this range are never given to a connection.
 */
function ephemeralStart(): number {
	try {
		const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
			.trim()
			.split(/\s+/);
		return Number(low) || 32768;
	} catch {
		return 32768;
	}
}

const RESERVED_FROM = 20_000;

/** A loopback port that is free right now, below the OS's range for outgoing connections. */
export async function freePort(): Promise<number> {
	const below = ephemeralStart();
	for (let attempt = 0; attempt < 50 && below > RESERVED_FROM; attempt++) {
		const port = RESERVED_FROM + Math.floor(Math.random() * (below - RESERVED_FROM));
		if ((await tryPort(port)) !== undefined) return port;
	}
	const port = await tryPort(0);
	if (port === undefined) throw new Error('No free loopback port');
	return port;
}

/** The given port when it is free, else any free one: friendly URLs for `npm run dev`. */
export async function preferredPort(port: number): Promise<number> {
	return (await tryPort(port)) ?? (await freePort());
}
