import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { Destination } from '../emulator';
import { ensureRuntime, PROJECT_DIR } from '../harness/n8n';
import { REMEMBERED_EVENTS } from '../nodes/Dialog360Trigger/afterReceipt/redeliveries';
import { countApiCalls } from './apiCalls';
import { expectRefusedWithoutSecret, measureTargets, type LoadOptions } from './ingest';
import { uniqueTextMessage } from './notifications';
import { benchParseSplit } from './parseSplit';
import { finishedExecutions, withBenchStack } from './benchStack';
import { measureQueueMode, QUEUE_SHAPE, queueSpecs } from './queueIngest';
import {
	ingestSummary,
	INGEST_TARGET,
	machine,
	onceTable,
	queueSummary,
	table,
	type BenchResults,
} from './report';
import { N8N_SETTINGS, SETTINGS_KEYS, type SettingsKey } from './settings';
import type { Stack } from '../harness/stack';
import {
	BENCH_MAIN_WEBHOOK,
	publicTriggerUrl,
	triggerTypeVersion,
	WEBHOOK_SPECS,
	type Target,
	type TargetSpec,
} from './workflows';

/**
 * `npm run bench`: a real n8n 2.41.1 with the packed package, the emulator, and a load client;
 * under n8n's defaults and with lazy expression isolates, first one n8n process, then n8n in queue
 * mode. Prints the tables (throughput under each settings; parse and split, API calls) and writes
 * BENCHMARKS.md.
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
	...WEBHOOK_SPECS,
} satisfies Record<string, TargetSpec>;

/** Ingest in one n8n process (n8n's regular mode) under the given settings. */
async function measureIngest(stack: Stack, targets: Target[]) {
	const byKey = (key: string) => targets.find((t) => t.key === key) as Target;
	for (const target of targets) await expectRefusedWithoutSecret(target, uniqueTextMessage(0));
	console.log(
		`ingest: ${CONCURRENCY} requests in flight, ${ROUNDS} alternating rounds of <= ${LOAD.maxSeconds} s per target`,
	);
	let settleMs = 0;
	const ingest = await measureTargets(targets, {
		payload: uniqueTextMessage,
		warmUp: WARM_UP,
		load: LOAD,
		rounds: ROUNDS,
		log: (line) => console.log(line),
		settle: async (target, answered) => {
			const from = Date.now();
			await finishedExecutions(stack.rest, target, answered);
			settleMs += Date.now() - from;
		},
	});
	return {
		targets: {
			ours: byKey(SPECS.ours.key),
			reference: byKey(SPECS.reference.key),
			referenceAuth: byKey(SPECS.referenceAuth.key),
			control: byKey(SPECS.control.key),
		},
		ingest,
		settleSeconds: settleMs / 1000,
	};
}

/** One n8n process: ingest; on n8n's defaults also parse and split, and the API calls. */
async function measureSingleProcess(settings: SettingsKey) {
	const specs = [SPECS.ours, SPECS.reference, SPECS.referenceAuth, SPECS.control];
	const options = { foreign: FOREIGN, serverEnv: N8N_SETTINGS[settings].env };
	return await withBenchStack(specs, options, async (stack, targets, built) => {
		const ingest = await measureIngest(stack, targets);
		if (settings !== 'defaults') return { ingest };
		console.log('parse and split...');
		const parseSplit = benchParseSplit();
		console.log('API calls of activation and deactivation...');
		const ours = built.find((b) => b.spec.key === SPECS.ours.key);
		const apiCalls = await countApiCalls(
			stack.rest,
			stack.emulator,
			ingest.targets.ours.workflowId,
			publicTriggerUrl(ours?.triggerWebhookId ?? ''),
			FOREIGN,
			BENCH_MAIN_WEBHOOK,
		);
		return { ingest, parseSplit, apiCalls };
	});
}

/** Each settings in turn: one process, then queue mode (one stack at a time: two cores). */
async function measureAll() {
	const runs = {} as BenchResults['runs'];
	let once: Pick<BenchResults, 'parseSplit' | 'apiCalls'> | undefined;
	for (const settings of SETTINGS_KEYS) {
		console.log(`\n== ${N8N_SETTINGS[settings].label}: one n8n process ==`);
		const single = await measureSingleProcess(settings);
		if (single.parseSplit && single.apiCalls) {
			once = { parseSplit: single.parseSplit, apiCalls: single.apiCalls };
		}
		console.log(
			`\n== ${N8N_SETTINGS[settings].label}: queue mode (PostgreSQL, Redis, main, ${QUEUE_SHAPE.webhookProcessors} webhook processors, ${QUEUE_SHAPE.workers} worker) ==`,
		);
		const queue = await measureQueueMode({
			specs: queueSpecs(WEBHOOK_SPECS),
			foreign: FOREIGN,
			warmUp: WARM_UP,
			load: LOAD,
			rounds: ROUNDS,
			log: (line) => console.log(line),
			serverEnv: N8N_SETTINGS[settings].env,
			stepTimes: settings === 'defaults',
		});
		runs[settings] = { single: single.ingest, queue };
	}
	if (!once) throw new Error('parse and split and the API calls were not measured');
	return { runs, ...once };
}

// The last run's numbers, so that a changed BENCHMARKS.template.md can be filled in again.
const RESULTS_FILE = join(PROJECT_DIR, '.cache/bench/results.json');

function saveResults(results: BenchResults) {
	mkdirSync(dirname(RESULTS_FILE), { recursive: true });
	// The rounds are Maps; JSON keeps them as entry lists.
	writeFileSync(
		RESULTS_FILE,
		JSON.stringify(results, (_key, value: unknown) =>
			value instanceof Map ? { map: [...value.entries()] } : value,
		),
	);
}

function loadResults(): BenchResults {
	return JSON.parse(readFileSync(RESULTS_FILE, 'utf8'), (_key, value: unknown) =>
		value && typeof value === 'object' && 'map' in value
			? new Map((value as { map: Array<[string, unknown]> }).map)
			: value,
	) as BenchResults;
}

async function measure(): Promise<BenchResults> {
	const started = Date.now();
	console.log('the emulator and n8n 2.41.1 with the packed package, under each settings...');
	const measured = await measureAll();
	const n8nNode = execFileSync((await ensureRuntime()).node, ['--version'])
		.toString()
		.trim();
	const results = {
		...measured,
		concurrency: CONCURRENCY,
		n8nNode,
		seconds: (Date.now() - started) / 1000,
		measuredOn: new Date().toISOString().slice(0, 10),
	};
	saveResults(results);
	return results;
}

/** `--render`: BENCHMARKS.md again from the last run's numbers (after a template change). */
async function main() {
	const results = process.argv.includes('--render') ? loadResults() : await measure();
	const report = table(results);
	console.log(`\n${report}\n`);
	writeBenchmarks(results, report);
}

/** Per notification, in milliseconds, from a rate per second. */
const msEach = (perSecond: number) => (1000 / perSecond).toFixed(1);

/** The ingest verdicts, against the fair anchor (the Webhook node with Header Auth). */
function ingestVerdict(results: BenchResults): string {
	const ratios = SETTINGS_KEYS.map((settings) => {
		const { ratioAuth } = ingestSummary(results.runs[settings].single);
		const met = ratioAuth >= INGEST_TARGET ? 'met' : 'missed';
		return `${N8N_SETTINGS[settings].label}: ${ratioAuth.toFixed(2)}, ${met}`;
	});
	return `One process, the trigger's throughput against n8n's Webhook node v2.1 with Header Auth (target >= ${INGEST_TARGET.toFixed(2)}): ${ratios.join('; ')}.`;
}

/** Prose values from each settings' runs: `<name>` for the defaults, `<name>Lazy` for lazy. */
function settingsValues(results: BenchResults): Record<string, string> {
	const values: Record<string, string> = {};
	for (const settings of SETTINGS_KEYS) {
		const suffix = settings === 'defaults' ? '' : 'Lazy';
		const { single, queue: queueRun } = results.runs[settings];
		const ingest = ingestSummary(single);
		const queue = queueSummary(queueRun);
		Object.assign(values, {
			[`ratioAuth${suffix}`]: ingest.ratioAuth.toFixed(2),
			[`ratio${suffix}`]: ingest.ratio.toFixed(2),
			[`oursMsPerRequest${suffix}`]: msEach(ingest.ours.perSecond),
			[`referenceMsPerRequest${suffix}`]: msEach(ingest.reference.perSecond),
			[`referenceAuthMsPerRequest${suffix}`]: msEach(ingest.referenceAuth.perSecond),
			[`controlMsPerRequest${suffix}`]: msEach(ingest.control.perSecond),
			[`queueRatioAuth${suffix}`]: queue.ratioAuth.toFixed(2),
			[`queueAnsweredRatioAuth${suffix}`]: queue.answeredRatioAuth.toFixed(2),
			[`queueReferenceAuth${suffix}`]: queue.referenceAuth.completedPerSecond.toFixed(1),
			[`queueReference${suffix}`]: queue.reference.completedPerSecond.toFixed(1),
			[`queueDropOn${suffix}`]: queue.dropOn.completedPerSecond.toFixed(1),
			[`queueDropOff${suffix}`]: queue.dropOff.completedPerSecond.toFixed(1),
			[`queueDropOnAnswered${suffix}`]: queue.dropOn.perSecond.toFixed(1),
			[`queueReferenceAuthAnswered${suffix}`]: queue.referenceAuth.perSecond.toFixed(1),
			[`dropCostMs${suffix}`]: queue.dropCostMs.toFixed(1),
			// What the worker spends on the trigger beyond the Header Auth webhook's execution.
			[`workerGapMs${suffix}`]: (
				1000 / queue.dropOn.completedPerSecond -
				1000 / queue.referenceAuth.completedPerSecond
			).toFixed(1),
		});
	}
	return values;
}

function writeBenchmarks(results: BenchResults, report: string) {
	const step = results.runs.defaults.queue.triggerStepMs;
	const settle = (seconds: number) => seconds.toFixed(1);
	const values: Record<string, string> = {
		...settingsValues(results),
		date: results.measuredOn,
		machine: machine(results.n8nNode),
		table: report,
		onceTable: onceTable(results),
		concurrency: String(results.concurrency),
		rounds: String(ROUNDS),
		loadSeconds: String(LOAD.maxSeconds),
		loadRequests: String(LOAD.maxRequests),
		settleSeconds: settle(results.runs.defaults.single.settleSeconds),
		runSeconds: results.seconds.toFixed(0),
		ours: SPECS.ours.label,
		queueProcessors: String(QUEUE_SHAPE.webhookProcessors),
		queueWorkers: String(QUEUE_SHAPE.workers),
		queueSettleSeconds: settle(
			Object.values(results.runs.defaults.queue.results).reduce(
				(total, result) => total + result.settleSeconds,
				0,
			),
		),
		rememberedEvents: REMEMBERED_EVENTS.toLocaleString('en-US'),
		dropStepOnMs: step?.dropOn.alone.toFixed(1) ?? '?',
		dropStepOffMs: step?.dropOff.alone.toFixed(1) ?? '?',
		dropStepUnderLoadMs: step?.dropOn.underLoad.toFixed(0) ?? '?',
		warmUpRequests: String(WARM_UP.maxRequests),
		warmUpSeconds: String(WARM_UP.maxSeconds),
		ingestVerdict: ingestVerdict(results),
		splitUs:
			results.parseSplit
				.find((row) => row.kind === 'messages' && row.perPost === 1)
				?.parseAndSplitUs.toFixed(1) ?? '?',
	};
	const template = readFileSync(join(PROJECT_DIR, 'bench/BENCHMARKS.template.md'), 'utf8');
	const text = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
	const file = join(PROJECT_DIR, 'BENCHMARKS.md');
	writeFileSync(file, text + keptSoakSection(file));
	console.log('BENCHMARKS.md written');
}

/** `npm run bench:soak` writes its own section: a new bench run keeps it. */
function keptSoakSection(file: string): string {
	const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const start = old.indexOf('<!-- soak:start -->');
	const end = old.indexOf('<!-- soak:end -->');
	return start >= 0 && end > start ? `\n${old.slice(start, end)}<!-- soak:end -->\n` : '';
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
