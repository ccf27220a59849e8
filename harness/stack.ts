import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions, type StateInput } from '../emulator';
import {
	ensureRuntime,
	freePort,
	launchInstance,
	preferredPort,
	type CredentialImport,
	type N8nRest,
	type Owner,
	type RunningN8n,
	type N8nVersion,
} from './n8n';
import { PUBLIC_HOST } from './publicHost';
import {
	QUEUE_MAIN_ENV,
	startQueueProcesses,
	startQueueServices,
	type QueueModeOptions,
	type QueueProcesses,
} from './queueMode';
import { startSink, type Sink } from './sink';
import { packageTarball } from './tarball';
import { emulatorCredential } from './workflows/credential';
import type { Workflow } from './workflows/nodes';

export const TEST_OWNER: Owner = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-360',
};

export interface StackSetup {
	credential: CredentialImport;
	sink: Sink;
	emulator: Emulator;
	/**
	 * Where each n8n process will take webhooks on loopback, known before any starts: the first
	 * instance (main in queue mode), then the webhook processors (queue mode). A trigger that must
	 * reach its own n8n (Send and Wait's Base URL for Answers) is built with one of these.
	 */
	n8nUrls: { main: string; webhookProcessors: string[] };
}

export interface StackOptions {
	workflows: (setup: StackSetup) => Workflow[];
	/** Ids of the workflows to publish before n8n starts. */
	publish?: string[];
	/** Credentials beside the 360dialog one (say, a header credential for an HTTP Request node). */
	extraCredentials?: (setup: StackSetup) => CredentialImport[];
	/** The emulated number's state before n8n starts. */
	emulatorState?: (setup: Pick<StackSetup, 'credential' | 'sink'>) => StateInput;
	emulatorOptions?: Pick<EmulatorOptions, 'validateAgainst' | 'applyDelayMs' | 'port' | 'log'>;
	/**
	 * One n8n per public host (its N8N_WEBHOOK_URL), each with its own user folder (so its own
	 * instance id) and the same credential and workflows imported: the same exported workflow
	 * on several n8n instances. Default: one, PUBLIC_HOST.
	 */
	hosts?: string[];
	/** The first n8n's port when it is free (npm run dev: 5678); otherwise any free port. */
	preferredN8nPort?: number;
	owner?: Owner;
	/** The 360dialog credential's id in n8n. */
	credentialId?: string;
	/** `n8n start` only (the CLI imports before it run plain): the V8 inspector on this port. */
	inspectPort?: number;
	/**
	 * Extra environment of the servers (`n8n start`, and in queue mode its webhook processors and
	 * workers); none of the caller's N8N_* variables reach n8n.
	 */
	serverEnv?: Record<string, string>;
	/**
	 * SIGINT, SIGTERM or SIGHUP stop everything, also while n8n still boots, and end the process
	 * (the dev command and the benchmarks; jest has its own teardown).
	 */
	stopOnSignals?: boolean;
	/** Names the temporary folders: n8n-360dialog-<label>-… Default 'e2e'. */
	label?: string;
	/**
	 * n8n in queue mode on its own PostgreSQL and Redis: the main process (editor, activation)
	 * plus webhook processors, which the emulator delivers to in turn, and workers. One host only.
	 */
	queueMode?: QueueModeOptions;
	/** Which pinned n8n runs (harness/n8n/versions.ts). Default: HARNESS_N8N_VERSION, else 2.41.1. */
	n8nVersion?: N8nVersion;
}

export interface Instance {
	host: string;
	n8n: RunningN8n;
	rest: N8nRest;
	userFolder: string;
}

export interface Stack extends StackSetup {
	/** The first instance. */
	n8n: RunningN8n;
	rest: N8nRest;
	userFolder: string;
	instances: Instance[];
	workflows: Workflow[];
	owner: Owner;
	/** The webhook processors and workers, in queue mode. */
	queue?: QueueProcesses;
	/** Stops everything that started, last first; safe to call twice. */
	stop(): Promise<void>;
}

/** `groups` lists of `count` free loopback ports, no port twice. */
async function distinctPorts(count: number, groups: number, first?: number): Promise<number[][]> {
	const taken = new Set<number>(first === undefined ? [] : [await preferredPort(first)]);
	while (taken.size < count * groups) taken.add(await freePort());
	const all = [...taken];
	return Array.from({ length: groups }, (_, group) =>
		all.slice(group * count, (group + 1) * count),
	);
}

/** HARNESS_LOG_DIR (CI) keeps n8n's logs, to search them for API keys, before the folder goes. */
async function keepLogAndRemove(userFolder: string): Promise<void> {
	const logDir = process.env.HARNESS_LOG_DIR;
	if (logDir) {
		await mkdir(logDir, { recursive: true });
		const logs = (await readdir(userFolder)).filter((file) => file.endsWith('.log'));
		for (const log of logs) {
			await copyFile(join(userFolder, log), join(logDir, `${basename(userFolder)}-${log}`));
		}
	}
	if (!process.env.HARNESS_KEEP) await rm(userFolder, { recursive: true, force: true });
}

/**
 * What every real-n8n run here needs: a loopback sink, the 360dialog emulator and a fresh n8n (or
 * several) with the packed package installed as Settings → Community Nodes does, the credential
 * and workflows imported and published, and an owner set up. Whatever started is stopped again
 * if a later step fails.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
	const stops: Array<() => Promise<void>> = [];
	let stopping: Promise<void> | undefined;
	const stop = () => {
		stopping ??= (async () => {
			for (const step of stops.reverse()) {
				await step().catch((error: unknown) => console.error(error));
			}
		})();
		return stopping;
	};
	if (options.stopOnSignals) {
		const onSignal = (signal: NodeJS.Signals) => {
			console.log(`\n${signal}: stopping n8n and the emulator...`);
			// Stopping on request is a normal end (npm would report any other code as a failure).
			void stop().then(
				() => process.exit(0),
				() => process.exit(1),
			);
		};
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
		stops.push(async () => {
			for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
		});
	}
	try {
		const [runtime, tarball] = await Promise.all([
			ensureRuntime(options.n8nVersion),
			packageTarball(),
		]);
		const sink = await startSink();
		stops.push(() => sink.close());
		const hosts = options.hosts ?? [PUBLIC_HOST];
		const queueMode = options.queueMode;
		if (queueMode && hosts.length > 1) throw new Error('queueMode serves one host');
		const queueServices = queueMode ? await startQueueServices(stops) : undefined;
		// Every port up front and distinct: one n8n must not pick another's while that one waits.
		// In queue mode the first hosts.length are the main process's, then the webhook
		// processors', then the workers'.
		const processCount =
			hosts.length + (queueMode ? queueMode.webhookProcessors + queueMode.workers : 0);
		const [ports, brokerPorts] = await distinctPorts(processCount, 2, options.preferredN8nPort);
		const portsOf = (from: number, count: number) =>
			ports
				.slice(from, from + count)
				.map((port, i) => ({ port, brokerPort: brokerPorts[from + i] }));
		const webhookPorts = queueMode ? portsOf(1, queueMode.webhookProcessors) : [];
		const workerPorts = queueMode
			? portsOf(1 + queueMode.webhookProcessors, queueMode.workers)
			: [];
		const emulator = await startEmulator({
			hostMap: queueMode
				? { [hosts[0]]: webhookPorts.map(({ port }) => port) }
				: Object.fromEntries(hosts.map((host, index) => [host, ports[index]])),
			...options.emulatorOptions,
		});
		stops.push(() => emulator.close());
		const credential = emulatorCredential(emulator, options.credentialId);
		if (options.emulatorState) emulator.setState(options.emulatorState({ credential, sink }));

		const n8nUrls = {
			main: `http://127.0.0.1:${ports[0]}`,
			webhookProcessors: webhookPorts.map(({ port }) => `http://127.0.0.1:${port}`),
		};
		const setup = { credential, sink, emulator, n8nUrls };
		const workflows = options.workflows(setup);
		const owner = options.owner ?? TEST_OWNER;
		const instances: Instance[] = [];
		// One after the other: each boots its database and activates its workflows.
		for (const [index, host] of hosts.entries()) {
			const userFolder = await mkdtemp(join(tmpdir(), `n8n-360dialog-${options.label ?? 'e2e'}-`));
			stops.push(() => keepLogAndRemove(userFolder));
			const { n8n, rest } = await launchInstance({
				runtime,
				userFolder,
				tarball,
				port: ports[index],
				brokerPort: brokerPorts[index],
				webhookUrl: `https://${host}/`,
				credentials: [credential, ...(options.extraCredentials?.(setup) ?? [])],
				workflows,
				publish: options.publish ?? [],
				owner,
				inspectPort: options.inspectPort,
				serverEnv: queueMode ? { ...options.serverEnv, ...QUEUE_MAIN_ENV } : options.serverEnv,
				extraEnv: queueServices?.env,
				// Known before n8n is ready, so that a stop during its start-up ends it too.
				onSpawn: (spawned) => stops.push(() => spawned.stop()),
			});
			instances.push({ host, n8n, rest, userFolder });
		}
		const [first] = instances;
		const queue =
			queueMode && queueServices
				? await startQueueProcesses({
						runtime,
						userFolder: first.userFolder,
						webhookUrl: `https://${first.host}/`,
						services: queueServices,
						webhookPorts,
						workerPorts,
						stops,
						inspect: queueMode.inspect,
						serverEnv: options.serverEnv,
					})
				: undefined;
		return { ...setup, ...first, instances, workflows, owner, queue, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
