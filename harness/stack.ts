import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions, type StateInput } from '../emulator';
import {
	ensureRuntime,
	freePort,
	launchInstance,
	type CredentialImport,
	type N8nRest,
	type Owner,
	type RunningN8n,
} from './n8n';
import { emulatorCredential } from './workflows/credential';
import type { Workflow } from './workflows/nodes';
import { startSink, type Sink } from './sink';
import { packageTarball } from './tarball';

export const E2E_OWNER: Owner = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-360',
};

/** The host the trigger registers (N8N_WEBHOOK_URL); the emulator maps it to n8n's port. */
export const N8N_PUBLIC_HOST = 'n8n.test';

export interface StackSetup {
	credential: CredentialImport;
	sink: Sink;
	emulator: Emulator;
}

export interface StackOptions {
	workflows: (setup: StackSetup) => Workflow[];
	/** Ids of the workflows to publish before n8n starts. */
	publish?: string[];
	/** The emulated number's state before n8n starts. */
	emulatorState?: (setup: Omit<StackSetup, 'emulator'>) => StateInput;
	/** How the emulator applies and validates changes (validateAgainst, applyDelayMs). */
	emulatorOptions?: Pick<EmulatorOptions, 'validateAgainst' | 'applyDelayMs'>;
	/**
	 * One n8n per public host (its N8N_WEBHOOK_URL), each with its own user folder (so its own
	 * instance id) and the same credential and workflows imported: the same exported workflow
	 * on several n8n instances. Default: one, N8N_PUBLIC_HOST.
	 */
	hosts?: string[];
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
	stop(): Promise<void>;
}

/** `groups` lists of `count` free loopback ports, no port twice. */
async function distinctPorts(count: number, groups: number): Promise<number[][]> {
	const taken = new Set<number>();
	while (taken.size < count * groups) taken.add(await freePort());
	const all = [...taken];
	return Array.from({ length: groups }, (_, group) =>
		all.slice(group * count, (group + 1) * count),
	);
}

/** CI keeps n8n's log to search it for API keys (sk360-…) before the folder goes. */
async function keepLogAndRemove(userFolder: string): Promise<void> {
	const logDir = process.env.E2E_LOG_DIR;
	if (logDir) {
		await mkdir(logDir, { recursive: true });
		await copyFile(join(userFolder, 'n8n.log'), join(logDir, `${basename(userFolder)}.log`)).catch(
			() => undefined,
		);
	}
	if (!process.env.E2E_KEEP) await rm(userFolder, { recursive: true, force: true });
}

/**
 * A loopback sink, the emulator and a fresh n8n (or several) with the packed package installed,
 * the credential and workflows imported and published. Whatever started is stopped again if a
 * later step fails.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
	const stops: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const step of stops.reverse())
			await step().catch((error: unknown) => console.error(error));
		stops.length = 0;
	};
	try {
		const [runtime, tarball] = await Promise.all([ensureRuntime(), packageTarball()]);
		const sink = await startSink();
		stops.push(() => sink.close());
		const hosts = options.hosts ?? [N8N_PUBLIC_HOST];
		// Every port up front and distinct: one n8n must not pick another's while that one waits.
		const [ports, brokerPorts] = await distinctPorts(hosts.length, 2);
		const emulator = await startEmulator({
			hostMap: Object.fromEntries(hosts.map((host, index) => [host, ports[index]])),
			...options.emulatorOptions,
		});
		stops.push(() => emulator.close());
		const credential = emulatorCredential(emulator);
		if (options.emulatorState) emulator.setState(options.emulatorState({ credential, sink }));

		const workflows = options.workflows({ credential, sink, emulator });
		const instances: Instance[] = [];
		// One after the other: each boots its database and activates its workflows.
		for (const [index, host] of hosts.entries()) {
			const userFolder = await mkdtemp(join(tmpdir(), 'n8n-360dialog-e2e-'));
			stops.push(() => keepLogAndRemove(userFolder));
			const { n8n, rest } = await launchInstance({
				runtime,
				userFolder,
				tarball,
				port: ports[index],
				brokerPort: brokerPorts[index],
				webhookUrl: `https://${host}/`,
				credentials: [credential],
				workflows,
				publish: options.publish ?? [],
				owner: E2E_OWNER,
			});
			stops.push(() => n8n.stop());
			instances.push({ host, n8n, rest, userFolder });
		}
		const [first] = instances;
		return { credential, sink, emulator, ...first, instances, workflows, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
