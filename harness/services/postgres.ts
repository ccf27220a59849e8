import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../n8n/ports';
import { runOrThrow } from '../n8n/run';
import { waitFor } from '../n8n/waitFor';
import { ensureDebianPackages } from './debian';
import { stopPid } from './servicePids';

export interface RunningPostgres {
	host: string;
	port: number;
	user: string;
	database: string;
	/** The postmaster's pid at start, from its own postmaster.pid. */
	pid: number;
	stop(): Promise<void>;
	/** A fast shutdown (SIGINT), then the server again on the same data and port. */
	restart(): Promise<void>;
}

const USER = 'n8n';
const DATABASE = 'n8n';

/** The newest server Debian's postgresql installed: /usr/lib/postgresql/<version>/bin. */
function serverBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((version) => existsSync(join(root, version, 'bin/postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** The environment with which Debian's psql reaches this server (trust authentication, no password). */
export function psqlEnv(postgres: RunningPostgres): NodeJS.ProcessEnv {
	return {
		...process.env,
		PGHOST: postgres.host,
		PGPORT: String(postgres.port),
		PGUSER: postgres.user,
		PGDATABASE: postgres.database,
	};
}

/**
 * Its own PostgreSQL: Debian's server binaries, a fresh data folder, a free loopback port, trust
 * authentication for the one user. As root (CI) the server runs as Debian's postgres user, since
 * PostgreSQL refuses to run as root. Durability is off: the data lives as long as one test run.
 */
export async function startPostgres(): Promise<RunningPostgres> {
	await ensureDebianPackages([{ name: 'postgresql', isInstalled: () => !!serverBinDir() }]);
	const bin = serverBinDir() as string;
	const asRoot = process.getuid?.() === 0;
	const as = (command: string, args: string[]) =>
		asRoot
			? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
			: { command, args };

	const dir = await mkdtemp(join(tmpdir(), 'n8n-360dialog-postgres-'));
	const data = join(dir, 'data');
	if (asRoot)
		chownSync(dir, Number(await idOf('postgres', '-u')), Number(await idOf('postgres', '-g')));
	const initdb = as(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		USER,
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	await runOrThrow(initdb.command, initdb.args);

	const port = await freePort();
	const explain = async () =>
		`PostgreSQL log:\n${await readFile(join(dir, 'postgres.log'), 'utf8').catch(() => '')}`;
	let child = await launch({ bin, as, dir, data, port, explain }).catch(async (error: unknown) => {
		await rm(dir, { recursive: true, force: true });
		throw error;
	});
	const halt = async () => {
		const pid = await postmasterPid(data);
		if (pid)
			await stopPid(pid, 'SIGINT'); // "fast" shutdown
		else if (child.pid) await stopPid(child.pid, 'SIGTERM');
	};
	const stop = async () => {
		await halt();
		await rm(dir, { recursive: true, force: true });
	};
	try {
		await runOrThrow(join(bin, 'createdb'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			USER,
			DATABASE,
		]);
		const pid = await postmasterPid(data);
		if (!pid) throw new Error(`PostgreSQL started without a postmaster.pid\n${await explain()}`);
		return {
			host: '127.0.0.1',
			port,
			user: USER,
			database: DATABASE,
			pid,
			stop,
			restart: async () => {
				await halt();
				child = await launch({ bin, as, dir, data, port, explain });
			},
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Starts the server on the data folder and port; resolves once it accepts connections. */
async function launch(server: {
	bin: string;
	as: (command: string, args: string[]) => { command: string; args: string[] };
	dir: string;
	data: string;
	port: number;
	explain: () => Promise<string>;
}): Promise<ChildProcess> {
	const { bin, data, port } = server;
	const log = await open(join(server.dir, 'postgres.log'), 'a');
	const command = server.as(join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		data,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
	]);
	const child = spawn(command.command, command.args, {
		detached: true,
		stdio: ['ignore', log.fd, log.fd],
	});
	await log.close();
	child.unref();
	try {
		await waitFor(
			`PostgreSQL on 127.0.0.1:${port}`,
			async () =>
				await runOrThrow(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).then(
					() => true,
					() => false,
				),
			{ timeoutMs: 60_000, intervalMs: 250, explain: server.explain },
		);
	} catch (error) {
		if (child.pid) await stopPid(child.pid, 'SIGTERM');
		throw error;
	}
	return child;
}

async function idOf(user: string, flag: '-u' | '-g'): Promise<string> {
	return (await runOrThrow('id', [flag, user])).trim();
}

/** The first line of postmaster.pid is the server's pid (the runuser wrapper is not it). */
async function postmasterPid(data: string): Promise<number | undefined> {
	const text = await readFile(join(data, 'postmaster.pid'), 'utf8').catch(() => '');
	const pid = Number(text.split('\n')[0]);
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
