import { createServer } from 'node:net';

/** A port that is free on loopback right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => {
				if (address && typeof address === 'object') resolve(address.port);
				else reject(new Error('No port assigned'));
			});
		});
	});
}

/** The given port when it is free, else any free one: friendly URLs for `npm run dev`. */
export function preferredPort(port: number): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(freePort()));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(port)));
	});
}
