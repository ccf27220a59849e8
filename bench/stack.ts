import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type Emulator, type StateInput } from '../emulator';
import {
	ensureRuntime,
	freePort,
	launchInstance,
	type CredentialImport,
	type N8nRest,
	type N8nRuntime,
	type RunningN8n,
} from '../harness/n8n';
import { E2E_OWNER, N8N_PUBLIC_HOST } from '../harness/stack';
import { packageTarball } from '../harness/tarball';
import { emulatorCredential } from '../harness/workflows/credential';
import type { Workflow } from '../harness/workflows/nodes';

/**
 * The number's main webhook, set before anything else: without one the trigger's activation fails
 * (360dialog copies to its destination only after the main webhook answered 200). Never contacted.
 */
export const BENCH_MAIN_WEBHOOK = { url: 'https://app.example.com/whatsapp' };

export interface BenchStackOptions {
	workflows: (credential: CredentialImport, emulator: Emulator) => Workflow[];
	/** Credentials besides the 360dialog one, e.g. for an HTTP Request node to compare with. */
	extraCredentials?: (emulator: Emulator) => CredentialImport[];
	publish: string[];
	emulatorState?: StateInput;
	/** Start `n8n start` with the V8 inspector on this loopback port (for CPU profiles). */
	inspectPort?: number;
	/** Extra environment of `n8n start` (the E2E runner passes none of the caller's N8N_* on). */
	serverEnv?: Record<string, string>;
}

export interface BenchStack {
	emulator: Emulator;
	n8n: RunningN8n;
	rest: N8nRest;
	runtime: N8nRuntime;
	stop(): Promise<void>;
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Node 24 behind a small script that changes `n8n start` only (the CLI imports before it run
 * plain): `--inspect` so that a profiler can attach to the server, and extra environment.
 */
async function wrappedRuntime(
	runtime: N8nRuntime,
	dir: string,
	inspectPort: number | undefined,
	serverEnv: Record<string, string>,
): Promise<N8nRuntime> {
	const wrapper = join(dir, 'node-wrapper.sh');
	const exports = Object.entries(serverEnv).map(
		([name, value]) => `export ${name}=${shellQuote(value)};`,
	);
	const inspect = inspectPort === undefined ? '' : ` --inspect=127.0.0.1:${inspectPort}`;
	await writeFile(
		wrapper,
		[
			'#!/bin/sh',
			`if [ "$2" = start ]; then ${exports.join(' ')} exec ${shellQuote(runtime.node)}${inspect} "$@"; fi`,
			`exec ${shellQuote(runtime.node)} "$@"`,
			'',
		].join('\n'),
	);
	await chmod(wrapper, 0o755);
	return { ...runtime, node: wrapper };
}

/**
 * The emulator and one fresh n8n 2.41.1 with the packed package installed (the E2E runner's
 * launchInstance), on free loopback ports. Whatever started is stopped by stop(), also when a
 * later step fails here.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
	const stops: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const step of stops.reverse()) {
			await step().catch((error: unknown) => console.error(error));
		}
		stops.length = 0;
	};
	// Ctrl-C stops everything too (and the E2E runner kills n8n's process group on exit anyway).
	const onSignal = () => void stop().finally(() => process.exit(130));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	stops.push(async () => {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	});
	try {
		const [realRuntime, tarball] = await Promise.all([ensureRuntime(), packageTarball()]);
		const userFolder = await mkdtemp(join(tmpdir(), 'n8n-360dialog-bench-'));
		stops.push(() => rm(userFolder, { recursive: true, force: true }));
		const wrapped = options.inspectPort !== undefined || options.serverEnv !== undefined;
		const runtime = wrapped
			? await wrappedRuntime(realRuntime, userFolder, options.inspectPort, options.serverEnv ?? {})
			: realRuntime;

		const port = await freePort();
		const emulator = await startEmulator({ hostMap: { [N8N_PUBLIC_HOST]: port } });
		stops.push(() => emulator.close());
		emulator.setState({ phoneNumberWebhook: BENCH_MAIN_WEBHOOK });
		if (options.emulatorState) emulator.setState(options.emulatorState);
		const credential = emulatorCredential(emulator);

		let running: RunningN8n | undefined;
		stops.push(async () => await running?.stop());
		const { n8n, rest } = await launchInstance({
			runtime,
			userFolder,
			tarball,
			port,
			webhookUrl: `https://${N8N_PUBLIC_HOST}/`,
			credentials: [credential, ...(options.extraCredentials?.(emulator) ?? [])],
			workflows: options.workflows(credential, emulator),
			publish: options.publish,
			owner: E2E_OWNER,
			onSpawn: (spawned) => (running = spawned),
		});
		return { emulator, n8n, rest, runtime: realRuntime, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
