import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, readFile } from 'node:fs/promises';
import { request } from 'undici';
import { n8nEnv, scratchDir, type N8nEnvOptions } from './env';
import { freePort } from './ports';
import type { N8nRuntime } from './runtime';
import { waitFor } from './waitFor';

/**
 * What the process is: `start` (the main process: editor, REST API, activation), or in queue mode
 * `webhook` (answers production webhooks) or `worker` (runs executions from the queue).
 */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface StartN8nOptions
	extends Partial<Pick<N8nEnvOptions, 'port' | 'brokerPort' | 'extraEnv'>> {
	userFolder: string;
	/** Default `start`. A worker serves only its health check, on `port`. */
	command?: N8nCommand;
	webhookUrl?: string;
	logFile: string;
	/** How long to wait for n8n to be ready. Default 120 s. */
	startTimeoutMs?: number;
	/** Called as soon as the process exists, so that a caller can stop it while it boots. */
	onSpawn?: (n8n: RunningN8n) => void;
	/** The V8 inspector on this loopback port (for CPU profiles of the server). */
	inspectPort?: number;
	/** Extra environment of the server (the caller's own N8N_* variables are not passed on). */
	serverEnv?: Record<string, string>;
}

export interface RunningN8n {
	url: string;
	port: number;
	pid: number;
	logFile: string;
	env: NodeJS.ProcessEnv;
	/** Where its V8 inspector listens, when started with one. */
	inspectPort?: number;
	/** The end of n8n's log, for error messages. */
	logTail(lines?: number): Promise<string>;
	/** SIGTERM to the whole process group (n8n and its task runner), SIGKILL after a grace period. */
	stop(): Promise<void>;
	/** For process 'exit' handlers, where nothing asynchronous runs any more. */
	killNow(): void;
}

// Every n8n still running. n8n is detached (its own process group), so nothing else stops it.
const live = new Set<RunningN8n>();
process.once('exit', () => {
	for (const n8n of live) n8n.killNow();
});

/**
 * Stops every n8n this module started that is still running, e.g. one still booting when a jest
 * hook gave up (jest's sandbox never sees the 'exit' hook above).
 */
export async function stopAllN8n(): Promise<void> {
	await Promise.all([...live].map((n8n) => n8n.stop()));
}

/** The env the CLI commands need before start: the same ports, so nothing differs but the command. */
export async function prepareEnv(
	runtime: N8nRuntime,
	options: Omit<StartN8nOptions, 'logFile'>,
): Promise<N8nEnvOptions & { env: NodeJS.ProcessEnv }> {
	const resolved: N8nEnvOptions = {
		userFolder: options.userFolder,
		port: options.port ?? (await freePort()),
		brokerPort: options.brokerPort ?? (await freePort()),
		webhookUrl: options.webhookUrl,
		extraEnv: options.extraEnv,
	};
	await mkdir(scratchDir(options.userFolder), { recursive: true });
	return { ...resolved, env: n8nEnv(runtime, resolved) };
}

/** What answers 200 once each kind of process is ready to work. */
const READINESS: Record<N8nCommand, string[]> = {
	// /healthz answers before the REST controllers are mounted; /rest/settings after.
	start: ['/healthz/readiness', '/rest/settings'],
	webhook: ['/healthz/readiness'],
	worker: ['/healthz/readiness'],
};

/** An n8n process in its own process group, logging to a file; resolves once it is ready. */
export async function startN8n(runtime: N8nRuntime, options: StartN8nOptions): Promise<RunningN8n> {
	const command = options.command ?? 'start';
	const prepared = await prepareEnv(runtime, options);
	const { port } = prepared;
	// A worker serves no HTTP but its health check, which is off unless asked for.
	const env =
		command === 'worker'
			? {
					...prepared.env,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
				}
			: prepared.env;
	const log = await open(options.logFile, 'a');
	let child: ChildProcess;
	try {
		// BENCH_CPU_PROF_DIR: write a V8 CPU profile of n8n on exit, to see where ingest time goes.
		const profile = process.env.BENCH_CPU_PROF_DIR
			? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
			: [];
		const inspect =
			options.inspectPort === undefined ? [] : [`--inspect=127.0.0.1:${options.inspectPort}`];
		child = spawn(runtime.node, [...profile, ...inspect, runtime.n8nBin, command], {
			env: { ...env, ...options.serverEnv },
			detached: true,
			stdio: ['ignore', log.fd, log.fd],
		});
	} finally {
		await log.close();
	}
	let exitCode: number | null | undefined;
	const exited = new Promise<void>((resolve) => {
		child.once('exit', (code) => resolve(void (exitCode = code)));
		child.once('error', () => resolve(void (exitCode = null)));
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`n8n did not start: ${runtime.node} ${runtime.n8nBin}`);

	const url = `http://127.0.0.1:${port}`;
	const logTail = async (lines = 60) => {
		const text = await readFile(options.logFile, 'utf8').catch(() => '');
		return text.split('\n').slice(-lines).join('\n');
	};
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-pid, signal);
		} catch {
			// Already gone.
		}
	};
	const running: RunningN8n = {
		url,
		port,
		pid,
		logFile: options.logFile,
		env,
		inspectPort: options.inspectPort,
		logTail,
		killNow: () => signalGroup('SIGKILL'),
		stop: async () => {
			if (exitCode === undefined) {
				signalGroup('SIGTERM');
				const timer = setTimeout(() => signalGroup('SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			}
			// The task runner may outlive its parent for a moment.
			signalGroup('SIGKILL');
			live.delete(running);
		},
	};
	live.add(running);
	options.onSpawn?.(running);
	try {
		const state = await waitFor(
			`n8n ${command} on ${url} to be ready`,
			async () => {
				if (exitCode !== undefined) return 'exited';
				for (const path of READINESS[command]) {
					const response = await request(`${url}${path}`, { headersTimeout: 2000 });
					await response.body.dump();
					if (response.statusCode !== 200) return false;
				}
				return 'healthy';
			},
			{
				timeoutMs: options.startTimeoutMs ?? 120_000,
				intervalMs: 250,
				explain: async () => `n8n log (${options.logFile}):\n${await logTail()}`,
			},
		);
		if (state === 'exited') {
			throw new Error(`n8n exited with code ${exitCode} before it was ready:\n${await logTail()}`);
		}
	} catch (error) {
		await running.stop();
		throw error;
	}
	return running;
}
