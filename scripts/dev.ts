/**
 * `npm run dev`: the package as users get it, in a real n8n, against the 360dialog emulator.
 * Builds (npm script), packs and installs the package as a community package into a fresh n8n,
 * imports a credential for the emulator and two example workflows, publishes the trigger one,
 * and waits until its destination is registered. Runs until Ctrl-C (or SIGINT/SIGTERM to this
 * process alone), then stops everything it started and removes its temporary folder.
 *
 * `--check`: the same start, then one example message through the emulator; exits 0 once the
 * example workflow ran it successfully, 1 otherwise, stopping everything either way (CI runs it).
 *
 * `--queue`: n8n in queue mode, as builders scale out: a main process, two webhook processors the
 * emulator delivers to in turn, and a worker, on their own PostgreSQL and Redis (installed from
 * Debian's packages when missing).
 *
 * `--n8n <version>`: another tested n8n than 2.41.1, such as 1.123.81, the last 1.x line
 * (harness/n8n/versions.ts; the first run installs it beside the other).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
	DEFAULT_N8N_VERSION,
	isSupportedN8nVersion,
	preferredPort,
	SUPPORTED_N8N_VERSIONS,
	waitFor,
	type N8nVersion,
	type Owner,
} from '../harness/n8n';
import { startStack, type Stack } from '../harness/stack';
import { checkExampleWorkflow } from './dev/check';
import { printReady, watchExecutions } from './dev/report';
import { checkApprovalWorkflow } from './dev/checkApproval';
import {
	adminWorkflow,
	approvalWorkflow,
	EXAMPLE_WORKFLOW_ID,
	exampleWorkflow,
	SAMPLE_CUSTOMER,
} from './dev/workflows';

const { values: flags } = parseArgs({
	options: {
		check: { type: 'boolean', default: false },
		queue: { type: 'boolean', default: false },
		n8n: { type: 'string', default: DEFAULT_N8N_VERSION },
	},
});
const CHECK = flags.check;
const QUEUE = flags.queue;
const N8N_VERSION: N8nVersion = (() => {
	const wanted = flags.n8n;
	if (isSupportedN8nVersion(wanted)) return wanted;
	console.error(`--n8n ${wanted}: the tested versions are ${SUPPORTED_N8N_VERSIONS.join(', ')}`);
	process.exit(2);
})();

/** Where on the sink the number's main webhook points. */
const MAIN_WEBHOOK_PATH = '/main-webhook';

function newOwner(): Owner {
	// n8n wants 8+ characters with a digit and an uppercase letter.
	return {
		email: 'dev@example.com',
		firstName: 'Dev',
		lastName: 'Owner',
		password: `Dev-${randomBytes(4).toString('hex')}-360`,
	};
}

async function start(): Promise<Stack> {
	console.log(
		QUEUE
			? `Starting PostgreSQL, Redis, the emulator and n8n ${N8N_VERSION} in queue mode with the package installed (about a minute)...`
			: `Starting the emulator and n8n ${N8N_VERSION} with the package installed (about 30 s)...`,
	);
	return await startStack({
		label: 'dev',
		n8nVersion: N8N_VERSION,
		queueMode: QUEUE ? { webhookProcessors: 2, workers: 1 } : undefined,
		stopOnSignals: true,
		preferredN8nPort: 5678,
		emulatorOptions: {
			port: await preferredPort(5690),
			log: (line) => console.log(`[emulator] ${line}`),
		},
		credentialId: 'dev360dialogCred',
		owner: newOwner(),
		// 360dialog copies a notification to the trigger only after the number's main webhook
		// answered 200: the sink stands in for the builder's existing integration.
		emulatorState: ({ sink }) => ({
			phoneNumberWebhook: { url: `${sink.url}${MAIN_WEBHOOK_PATH}` },
		}),
		workflows: ({ credential, n8nUrls }) => [
			// Where the trigger passes taps on: n8n's resume URLs (webhook processors in queue mode).
			exampleWorkflow(credential, QUEUE ? n8nUrls.webhookProcessors[0] : n8nUrls.main),
			adminWorkflow(credential),
			approvalWorkflow(credential),
		],
		publish: [EXAMPLE_WORKFLOW_ID],
	});
}

async function main(): Promise<void> {
	const stack = await start();
	try {
		await waitFor(
			"the trigger's destination in the emulator",
			() =>
				stack.emulator
					.multiWebhook()
					.destinations.some((d) => d.name.startsWith(`n8n-${EXAMPLE_WORKFLOW_ID}-`)),
			{ timeoutMs: 60_000, explain: async () => `n8n log:\n${await stack.n8n.logTail()}` },
		);
		// The sample customer wrote lately: free-form messages (the approval question) may go out.
		stack.emulator.setWindow(SAMPLE_CUSTOMER, true);
		if (CHECK) {
			await checkExampleWorkflow({ ...stack, workflowId: EXAMPLE_WORKFLOW_ID });
			await checkApprovalWorkflow(stack);
			console.log('npm run dev -- --check: passed; stopping n8n and the emulator');
			await stack.stop();
			// Everything it started has stopped: nothing may keep the process alive.
			process.exit(0);
		}
	} catch (error) {
		await stack.stop();
		throw error;
	}
	watchExecutions(stack.rest, EXAMPLE_WORKFLOW_ID);
	printReady({
		...stack,
		mainWebhookUrl: `${stack.sink.url}${MAIN_WEBHOOK_PATH}`,
		workflowId: EXAMPLE_WORKFLOW_ID,
	});
}

main().catch((error: unknown) => {
	console.error(`npm run dev: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
