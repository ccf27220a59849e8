import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../n8n/ports';
import { waitFor } from '../n8n/waitFor';
import { ensureDebianPackages, installsFile } from './debian';
import { stopPid } from './servicePids';

export interface RunningRedis {
	host: string;
	port: number;
	pid: number;
	stop(): Promise<void>;
	/**
	 * Stops it (SIGTERM) and starts it again on the same port: empty, as nothing is saved, like
	 * a Redis restarted without persistence.
	 */
	restart(): Promise<void>;
}

const REDIS_SERVER = '/usr/bin/redis-server';

/** Answers true once Redis replies +PONG to PING on the port. */
function pings(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (chunk) => {
			socket.destroy();
			resolve(chunk.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** Starts redis-server on the port with the folder; resolves with its pid once it answers. */
async function launch(port: number, dir: string): Promise<number> {
	const log = await open(join(dir, 'redis.log'), 'a');
	const child = spawn(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ detached: true, stdio: ['ignore', log.fd, log.fd] },
	);
	await log.close();
	child.unref();
	const pid = child.pid;
	if (pid === undefined) throw new Error(`${REDIS_SERVER} did not start`);
	try {
		await waitFor(`Redis on 127.0.0.1:${port}`, () => pings(port), {
			timeoutMs: 30_000,
			intervalMs: 100,
			explain: async () =>
				`Redis log:\n${await readFile(join(dir, 'redis.log'), 'utf8').catch(() => '')}`,
		});
	} catch (error) {
		await stopPid(pid, 'SIGTERM');
		throw error;
	}
	return pid;
}

/** Its own Redis from Debian's redis-server: a free loopback port, a fresh folder, nothing saved. */
export async function startRedis(): Promise<RunningRedis> {
	await ensureDebianPackages([installsFile('redis-server', REDIS_SERVER)]);
	const dir = await mkdtemp(join(tmpdir(), 'n8n-360dialog-redis-'));
	const port = await freePort();
	let pid: number;
	try {
		pid = await launch(port, dir);
	} catch (error) {
		await rm(dir, { recursive: true, force: true });
		throw error;
	}
	const redis: RunningRedis = {
		host: '127.0.0.1',
		port,
		get pid() {
			return pid;
		},
		stop: async () => {
			await stopPid(pid, 'SIGTERM');
			await rm(dir, { recursive: true, force: true });
		},
		restart: async () => {
			await stopPid(pid, 'SIGTERM');
			pid = await launch(port, dir);
		},
	};
	return redis;
}
