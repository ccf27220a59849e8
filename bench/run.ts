import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Destination } from '../emulator';
import { ensureRuntime, PROJECT_DIR, waitFor, type N8nRest } from '../harness/n8n';
import { countApiCalls } from './apiCalls';
import { measureTargets, type LoadOptions } from './ingest';
import { benchParseSplit } from './parseSplit';
import { ingestSummary, INGEST_TARGET, machine, table, type BenchResults } from './report';
import { startStack } from '../harness/stack';
import {
	BENCH_MAIN_WEBHOOK,
	BENCH_STACK,
	buildWorkflows,
	publicTriggerUrl,
	resolveTargets,
	triggerTypeVersion,
	workflowIdOf,
	type Target,
	type TargetSpec,
} from './workflows';

/**
 * `npm run bench`: one real n8n 2.41.1 with the packed package, the emulator, and a load client.
 * Prints one table (ingest, parse and split, API calls) and writes BENCHMARKS.md.
 */

const FOREIGN: Destination = {
	name: 'crm',
	url: 'https://crm.example.com/hook',
	headers: { Authorization: 'Bearer s3cr3t' },
};
const CONCURRENCY = 8;
const LOAD: LoadOptions = { concurrency: CONCURRENCY, maxRequests: 4000, maxSeconds: 8 };
const WARM_UP: LoadOptions = { concurrency: CONCURRENCY, maxRequests: 200, maxSeconds: 4 };
const ROUNDS = 3;

const SPECS = {
	ours: {
		key: 'ours',
		label: `360dialog Trigger v${triggerTypeVersion()}`,
		kind: 'trigger',
		typeVersion: triggerTypeVersion(),
	},
	reference: { key: 'hookv21', label: 'n8n Webhook node v2.1', kind: 'webhook', typeVersion: 2.1 },
	control: { key: 'hookv1', label: 'n8n Webhook node v1', kind: 'webhook', typeVersion: 1 },
} satisfies Record<string, TargetSpec>;

/**
 * Waits until n8n has finished the executions of `answered` requests to this target, and checks
 * that the newest of them (up to 100) succeeded.
 */
async function executionsFinished(rest: N8nRest, target: Target, answered: number) {
	const newest = await waitFor(
		`${answered} finished executions of ${target.label}`,
		async () => {
			const page = await rest.executions(target.workflowId);
			const busy = page.results.some((e) => e.status === 'new' || e.status === 'running');
			return page.count >= answered && !busy && page.results;
		},
		{ timeoutMs: 60_000, intervalMs: 250 },
	);
	const failed = newest.find((execution) => execution.status !== 'success');
	if (failed) {
		throw new Error(`Execution ${failed.id} of ${target.label} ended with status ${failed.status}`);
	}
}

async function main() {
	const started = Date.now();
	const payload = readFileSync(join(PROJECT_DIR, 'test/fixtures/payloads/cloud/text.json'), 'utf8');
	const specs = [SPECS.ours, SPECS.reference, SPECS.control];
	let built: ReturnType<typeof buildWorkflows> = [];
	console.log('starting the emulator and n8n 2.41.1 with the packed package...');
	const stack = await startStack({
		...BENCH_STACK,
		workflows: ({ credential }) => {
			built = buildWorkflows(specs, credential);
			return built.map((b) => b.workflow);
		},
		publish: specs.map(workflowIdOf),
		emulatorState: () => ({
			phoneNumberWebhook: BENCH_MAIN_WEBHOOK,
			multiWebhook: { enabled: true, destinations: [FOREIGN] },
		}),
	});
	try {
		const targets = await resolveTargets(built, stack);
		const byKey = (key: string) => targets.find((t) => t.key === key) as Target;

		console.log(
			`ingest: ${CONCURRENCY} requests in flight, ${ROUNDS} alternating rounds of <= ${LOAD.maxSeconds} s per target`,
		);
		let settleMs = 0;
		const ingest = await measureTargets(targets, {
			payload,
			warmUp: WARM_UP,
			load: LOAD,
			rounds: ROUNDS,
			log: (line) => console.log(line),
			settle: async (target, answered) => {
				const from = Date.now();
				await executionsFinished(stack.rest, target, answered);
				settleMs += Date.now() - from;
			},
		});

		console.log('parse and split...');
		const parseSplit = benchParseSplit();

		console.log('API calls of activation and deactivation...');
		const ours = built.find((b) => b.spec.key === SPECS.ours.key);
		const apiCalls = await countApiCalls(
			stack.rest,
			stack.emulator,
			byKey(SPECS.ours.key).workflowId,
			publicTriggerUrl(ours?.triggerWebhookId ?? ''),
			FOREIGN,
			BENCH_MAIN_WEBHOOK,
		);

		const n8nNode = execFileSync((await ensureRuntime()).node, ['--version'])
			.toString()
			.trim();
		const results: BenchResults = {
			targets: {
				ours: byKey(SPECS.ours.key),
				reference: byKey(SPECS.reference.key),
				control: byKey(SPECS.control.key),
			},
			ingest,
			settleSeconds: settleMs / 1000,
			concurrency: CONCURRENCY,
			parseSplit,
			apiCalls,
			n8nNode,
			seconds: (Date.now() - started) / 1000,
		};
		const report = table(results);
		console.log(`\n${report}\n`);
		writeBenchmarks(results, report);
	} finally {
		await stack.stop();
	}
	console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function writeBenchmarks(results: BenchResults, report: string) {
	const ingest = ingestSummary(results);
	const values: Record<string, string> = {
		date: new Date().toISOString().slice(0, 10),
		machine: machine(results.n8nNode),
		table: report,
		concurrency: String(results.concurrency),
		rounds: String(ROUNDS),
		loadSeconds: String(LOAD.maxSeconds),
		loadRequests: String(LOAD.maxRequests),
		settleSeconds: results.settleSeconds.toFixed(1),
		runSeconds: results.seconds.toFixed(0),
		ours: results.targets.ours.label,
		oursMsPerRequest: (1000 / ingest.ours.perSecond).toFixed(1),
		referenceMsPerRequest: (1000 / ingest.reference.perSecond).toFixed(1),
		controlMsPerRequest: (1000 / ingest.control.perSecond).toFixed(1),
		gapMs: (1000 / ingest.ours.perSecond - 1000 / ingest.reference.perSecond).toFixed(1),
		warmUpRequests: String(WARM_UP.maxRequests),
		warmUpSeconds: String(WARM_UP.maxSeconds),
		ingestVerdict:
			ingest.ratio >= INGEST_TARGET
				? `The ingest target is met: the trigger reaches ${ingest.ratio.toFixed(2)} of the Webhook node's throughput.`
				: [
						`The ingest target is missed (${ingest.ratio.toFixed(2)}), and not because of the trigger's code: n8n 2.41`,
						'gives its own Webhook node (v2 and later) a shortcut that no other trigger gets; its Webhook',
						`node v1, which does not get it, is where the trigger is (${ingest.controlRatio.toFixed(2)} of it, the control rows). See`,
						'"Where the time goes" and "What was done about it" below.',
					].join('\n'),
		splitUs:
			results.parseSplit
				.find((row) => row.kind === 'messages' && row.perPost === 1)
				?.parseAndSplitUs.toFixed(1) ?? '?',
	};
	const template = readFileSync(join(PROJECT_DIR, 'bench/BENCHMARKS.template.md'), 'utf8');
	const text = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
	writeFileSync(join(PROJECT_DIR, 'BENCHMARKS.md'), text);
	console.log('BENCHMARKS.md written');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
