import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startEmulator, type Emulator, type StateInput } from '../../emulator';
import {
	ensureRuntime,
	freePort,
	launchInstance,
	type CredentialImport,
	type N8nRest,
	type Owner,
	type RunningN8n,
} from '../n8n';
import { emulatorCredential } from '../workflows/credential';
import type { Workflow } from '../workflows/nodes';
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
}

export interface Stack extends StackSetup {
	n8n: RunningN8n;
	rest: N8nRest;
	workflows: Workflow[];
	userFolder: string;
	stop(): Promise<void>;
}

/**
 * A loopback sink, the emulator and a fresh n8n with the packed package installed, the credential
 * and workflows imported and published. Whatever started is stopped again if a later step fails.
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
		const userFolder = await mkdtemp(join(tmpdir(), 'n8n-360dialog-e2e-'));
		stops.push(async () => {
			// CI keeps n8n's log to search it for API keys (sk360-…) before the folder goes.
			const logDir = process.env.E2E_LOG_DIR;
			if (logDir) {
				await mkdir(logDir, { recursive: true });
				await copyFile(
					join(userFolder, 'n8n.log'),
					join(logDir, `${basename(userFolder)}.log`),
				).catch(() => undefined);
			}
			if (!process.env.E2E_KEEP) await rm(userFolder, { recursive: true, force: true });
		});
		const sink = await startSink();
		stops.push(() => sink.close());
		const port = await freePort();
		const emulator = await startEmulator({ hostMap: { [N8N_PUBLIC_HOST]: port } });
		stops.push(() => emulator.close());
		const credential = emulatorCredential(emulator);
		if (options.emulatorState) emulator.setState(options.emulatorState({ credential, sink }));

		const workflows = options.workflows({ credential, sink, emulator });
		const { n8n, rest } = await launchInstance({
			runtime,
			userFolder,
			tarball,
			port,
			webhookUrl: `https://${N8N_PUBLIC_HOST}/`,
			credentials: [credential],
			workflows,
			publish: options.publish ?? [],
			owner: E2E_OWNER,
		});
		stops.push(() => n8n.stop());
		return { credential, sink, emulator, n8n, rest, workflows, userFolder, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
