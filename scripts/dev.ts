/**
 * `npm run dev`: the package as users get it, in a real n8n 2.41.1, against the 360dialog emulator.
 * Builds (npm script), packs and installs the package as a community package into a fresh n8n,
 * imports a credential for the emulator and two example workflows, publishes the trigger one,
 * and waits until its destination is registered. Runs until Ctrl-C (or SIGINT/SIGTERM to this
 * process alone), then stops everything it started and removes its temporary folder.
 *
 * `--check`: the same start, then one example message through the emulator; exits 0 once the
 * example workflow ran it successfully, 1 otherwise, stopping everything either way (CI runs it).
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import {
	ensureRuntime,
	launchInstance,
	packPackage,
	preferredPort,
	waitFor,
	type Owner,
	type RunningN8n,
} from '../harness/n8n';
import { startSink, type Sink } from '../harness/sink';
import { emulatorCredential } from '../harness/workflows/credential';
import { checkExampleWorkflow } from './dev/check';
import { printReady, watchExecutions } from './dev/report';
import { adminWorkflow, EXAMPLE_WORKFLOW_ID, exampleWorkflow } from './dev/workflows';

const PUBLIC_HOST = 'n8n.test';
const CHECK = process.argv.includes('--check');

interface Started {
	dataDir?: string;
	emulator?: Emulator;
	mainWebhook?: Sink;
	n8n?: RunningN8n;
	stopWatching?: () => void;
}

const started: Started = {};
let stopping: Promise<void> | undefined;

/** Stops what started, in reverse order; safe to call twice. */
function shutDown(): Promise<void> {
	stopping ??= (async () => {
		started.stopWatching?.();
		await started.n8n?.stop().catch((error: unknown) => console.error(error));
		await started.emulator?.close().catch((error: unknown) => console.error(error));
		await started.mainWebhook?.close().catch((error: unknown) => console.error(error));
		keepLog(started.n8n);
		if (started.dataDir) rmSync(started.dataDir, { recursive: true, force: true });
		started.n8n = undefined;
		started.emulator = undefined;
		started.mainWebhook = undefined;
		started.dataDir = undefined;
	})();
	return stopping;
}

/** CI sets E2E_LOG_DIR to search n8n's log for API keys before the temporary folder goes. */
function keepLog(n8n: RunningN8n | undefined): void {
	const logDir = process.env.E2E_LOG_DIR;
	if (!logDir || !n8n) return;
	mkdirSync(logDir, { recursive: true });
	copyFileSync(n8n.logFile, join(logDir, `dev-${basename(started.dataDir ?? 'n8n')}.log`));
}

function onSignal(signal: NodeJS.Signals): void {
	console.log(`\n${signal}: stopping n8n and the emulator...`);
	shutDown().then(
		() => process.exit(0),
		() => process.exit(1),
	);
}

// Last resort when the process dies without the signal handlers (an uncaught error, process.exit).
process.on('exit', () => {
	started.n8n?.killNow();
	if (started.dataDir) rmSync(started.dataDir, { recursive: true, force: true });
});
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
process.once('SIGHUP', onSignal);

function newOwner(): Owner {
	// n8n wants 8+ characters with a digit and an uppercase letter.
	return {
		email: 'dev@example.com',
		firstName: 'Dev',
		lastName: 'Owner',
		password: `Dev-${randomBytes(4).toString('hex')}-360`,
	};
}

async function main(): Promise<void> {
	const runtime = await ensureRuntime();
	started.dataDir = await mkdtemp(join(tmpdir(), 'n8n-360dialog-dev-'));
	const tarball = await packPackage(join(started.dataDir, 'pack'));

	const port = await preferredPort(5678);
	// 360dialog copies a notification to the trigger only after the number's main webhook answered
	// 200: a loopback server that answers 200 stands in for the builder's existing integration.
	started.mainWebhook = await startSink();
	started.emulator = await startEmulator({
		port: await preferredPort(5690),
		hostMap: { [PUBLIC_HOST]: port },
		log: (line) => console.log(`[emulator] ${line}`),
	});
	started.emulator.setState({
		phoneNumberWebhook: { url: `${started.mainWebhook.url}/main-webhook` },
	});
	const credential = emulatorCredential(started.emulator, 'dev360dialogCred');
	const owner = newOwner();
	console.log('Starting n8n 2.41.1 with the package installed (about 20 s)...');
	const { n8n, rest } = await launchInstance({
		runtime,
		userFolder: join(started.dataDir, 'n8n'),
		tarball,
		port,
		webhookUrl: `https://${PUBLIC_HOST}/`,
		credentials: [credential],
		workflows: [exampleWorkflow(credential), adminWorkflow(credential)],
		publish: [EXAMPLE_WORKFLOW_ID],
		owner,
		// Known before n8n is ready, so that Ctrl-C during start-up stops it too.
		onSpawn: (spawned) => (started.n8n = spawned),
	});

	const emulator = started.emulator;
	await waitFor(
		"the trigger's destination in the emulator",
		() =>
			emulator
				.multiWebhook()
				.destinations.some((d) => d.name.startsWith(`n8n-${EXAMPLE_WORKFLOW_ID}-`)),
		{ timeoutMs: 60_000, explain: async () => `n8n log:\n${await n8n.logTail()}` },
	);
	if (CHECK) {
		await checkExampleWorkflow({ n8n, rest, emulator, workflowId: EXAMPLE_WORKFLOW_ID });
		console.log('npm run dev -- --check: passed; stopping n8n and the emulator');
		await shutDown();
		return;
	}
	started.stopWatching = watchExecutions(rest, EXAMPLE_WORKFLOW_ID);
	printReady({
		n8n,
		emulator,
		owner,
		mainWebhookUrl: `${started.mainWebhook.url}/main-webhook`,
		workflowId: EXAMPLE_WORKFLOW_ID,
		dataDir: started.dataDir,
	});
}

main().then(
	// The check is done and everything it started has stopped: nothing may keep the process alive.
	() => CHECK && process.exit(0),
	async (error: unknown) => {
		console.error(`npm run dev: ${error instanceof Error ? error.message : String(error)}`);
		await shutDown();
		process.exit(1);
	},
);
