import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

import type { ApiCallCounts } from './apiCalls';
import { combine, type Combined, type IngestResult } from './ingest';
import type { ParseSplitRow } from './parseSplit';
import { REMEMBERED_EVENTS } from '../nodes/Dialog360Trigger/afterReceipt/redeliveries';
import type { QueueIngest } from './queueIngest';
import { N8N_SETTINGS, SETTINGS_KEYS, type SettingsKey } from './settings';
import type { Target } from './workflows';

/** One n8n process under one settings: the four targets' rounds. */
export interface IngestRun {
	targets: { ours: Target; reference: Target; referenceAuth: Target; control: Target };
	ingest: Map<string, IngestResult[]>;
	/** Seconds spent waiting for n8n to finish the executions of each run (a backlog, if large). */
	settleSeconds: number;
}

export interface BenchResults {
	runs: Record<SettingsKey, { single: IngestRun; queue: QueueIngest }>;
	concurrency: number;
	parseSplit: ParseSplitRow[];
	apiCalls: ApiCallCounts;
	n8nNode: string;
	seconds: number;
	/** The day of the run, YYYY-MM-DD. */
	measuredOn: string;
}

export const INGEST_TARGET = 0.9;
export const PARSE_TARGET = 3;

const singular = { messages: 'message', statuses: 'status' };
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const ms = (value: number) => `${value.toFixed(Math.abs(value) < 10 ? 1 : 0)} ms`;

function ingestCell(result: Combined): string {
	return `${result.perSecond.toFixed(1)} req/s; p50 ${ms(result.p50ms)}, p99 ${ms(result.p99ms)} (${result.requests}, ${result.failures} failed)`;
}

function queueCell(result: Combined): string {
	return `${result.completedPerSecond.toFixed(1)} completed/s (${result.perSecond.toFixed(1)} answered/s; p50 ${ms(result.p50ms)}, p99 ${ms(result.p99ms)}; ${result.requests}, ${result.failures} failed)`;
}

/** Queue mode, by executions the worker completed: what a scaled-out number sustains. */
export function queueSummary(queue: QueueIngest) {
	const { dropOn, dropOff, reference, referenceAuth } = queue.results;
	return {
		...queue.results,
		/** The fair anchor: the Webhook node checking a secret header through a credential too. */
		ratioAuth: dropOn.completedPerSecond / referenceAuth.completedPerSecond,
		dropOffRatioAuth: dropOff.completedPerSecond / referenceAuth.completedPerSecond,
		/** What the webhook processors take in: where the trigger's own per-request cost shows. */
		answeredRatioAuth: dropOn.perSecond / referenceAuth.perSecond,
		ratio: dropOn.completedPerSecond / reference.completedPerSecond,
		/** Milliseconds per notification that checking and recording the event adds, end to end. */
		dropCostMs: 1000 / dropOn.completedPerSecond - 1000 / dropOff.completedPerSecond,
	};
}

export function ingestSummary(run: IngestRun) {
	const get = (target: Target) => combine(run.ingest.get(target.key) ?? []);
	const ours = get(run.targets.ours);
	const reference = get(run.targets.reference);
	const referenceAuth = get(run.targets.referenceAuth);
	const control = get(run.targets.control);
	return {
		ours,
		reference,
		referenceAuth,
		control,
		ratioAuth: ours.perSecond / referenceAuth.perSecond,
		ratio: ours.perSecond / reference.perSecond,
		controlRatio: ours.perSecond / control.perSecond,
	};
}

type Run = BenchResults['runs'][SettingsKey];

/** Rows with one value per settings (n8n's defaults, lazy isolates). */
const settingsRows =
	(results: BenchResults) =>
	(measure: string, value: (run: Run) => string, target = '', result = ''): string => {
		const cells = SETTINGS_KEYS.map((settings) => value(results.runs[settings]));
		return `| ${measure} | ${cells.join(' | ')} | ${target} | ${result} |`;
	};

/** Throughput under each settings, one process and queue mode, as a Markdown table. */
export function table(results: BenchResults): string {
	const { targets } = results.runs.defaults.single;
	const { targets: q } = results.runs.defaults.queue;
	const row = settingsRows(results);
	const ingest = (run: Run) => ingestSummary(run.single);
	const queue = (run: Run) => queueSummary(run.queue);
	const ingestVerdicts = SETTINGS_KEYS.map((settings) => {
		const summary = ingestSummary(results.runs[settings].single);
		const ok = summary.ratioAuth >= INGEST_TARGET && summary.ours.failures === 0;
		return `${N8N_SETTINGS[settings].label}: ${verdict(ok)}`;
	}).join('; ');
	const lines = [
		`| measure | ${SETTINGS_KEYS.map((key) => N8N_SETTINGS[key].label).join(' | ')} | target | result |`,
		`|---|${SETTINGS_KEYS.map(() => '---|').join('')}---|---|`,
		row(`one process: ${targets.referenceAuth.label}`, (run) =>
			ingestCell(ingest(run).referenceAuth),
		),
		row(`one process: ${targets.reference.label}`, (run) => ingestCell(ingest(run).reference)),
		row(`one process: ${targets.ours.label}`, (run) => ingestCell(ingest(run).ours)),
		row(`one process, control: ${targets.control.label}`, (run) => ingestCell(ingest(run).control)),
		row(
			'**one process: throughput, trigger / Webhook node v2.1 with Header Auth**',
			(run) => `**${ingest(run).ratioAuth.toFixed(2)}**`,
			`>= ${INGEST_TARGET.toFixed(2)}`,
			ingestVerdicts,
		),
		row(
			'one process: throughput, trigger / Webhook node v2.1 without auth',
			(run) => ingest(run).ratio.toFixed(2),
			'(for comparison)',
		),
		row(
			'one process, control: throughput, trigger / Webhook node v1',
			(run) => ingest(run).controlRatio.toFixed(2),
			'(for comparison)',
		),
		row(`queue mode: ${q.referenceAuth.label}`, (run) => queueCell(queue(run).referenceAuth)),
		row(`queue mode: ${q.reference.label}`, (run) => queueCell(queue(run).reference)),
		row(`queue mode: ${q.dropOn.label}`, (run) => queueCell(queue(run).dropOn)),
		row(`queue mode: ${q.dropOff.label}`, (run) => queueCell(queue(run).dropOff)),
		row(
			'**queue mode: completed/s, trigger (Drop Redeliveries on) / Webhook node v2.1 with Header Auth**',
			(run) =>
				`**${queue(run).ratioAuth.toFixed(2)}** (off: ${queue(run).dropOffRatioAuth.toFixed(2)})`,
			'(reported)',
		),
		row(
			'queue mode: answered/s (the webhook processors), trigger / Webhook node v2.1 with Header Auth',
			(run) => queue(run).answeredRatioAuth.toFixed(2),
			'(reported)',
		),
		row(
			'queue mode: completed/s, trigger / Webhook node v2.1 without auth',
			(run) => queue(run).ratio.toFixed(2),
			'(for comparison)',
		),
		row(
			'queue mode: Drop Redeliveries on against off, per notification end to end',
			(run) => `${ms(queue(run).dropCostMs)} (1000 / completed/s, on minus off)`,
			'(reported)',
		),
		row(
			`queue mode: Drop Redeliveries' check and record (n8n's store full at ${REMEMBERED_EVENTS} events), the trigger's step on the worker, median executionTime`,
			(run) => {
				const step = run.queue.triggerStepMs;
				if (!step) return '(measured on the defaults)';
				return `**${ms(step.dropOn.alone)}** alone (off: ${ms(step.dropOff.alone)}, as off checks too, to mark repeats); under the load ${ms(step.dropOn.underLoad)} (off: ${ms(step.dropOff.underLoad)})`;
			},
			'(reported)',
		),
	];
	return lines.join('\n');
}

/** What does not depend on n8n's settings: parse and split, the API calls of (de)activation. */
export function onceTable(results: BenchResults): string {
	const lines = ['| measure | value | target | result |', '|---|---|---|---|'];
	for (const row of results.parseSplit) {
		const perItem = row.parseAndSplitUs / row.perPost;
		lines.push(
			`| parse + split, ${row.perPost} ${row.perPost === 1 ? singular[row.kind] : row.kind} per POST | ${row.parseAndSplitUs.toFixed(1)} µs per POST, ${perItem.toFixed(2)} µs per notification; JSON.parse alone ${row.jsonParseUs.toFixed(1)} µs: **${row.ratio.toFixed(2)}x** | <= ${PARSE_TARGET}x | ${verdict(row.ratio <= PARSE_TARGET)} |`,
		);
	}
	const { activateFresh, activateEnabled, deactivate } = results.apiCalls;
	const calls = (list: string[]) => `**${list.length}** (${list.join(', ') || 'none'})`;
	lines.push(
		`| API calls: activation, multi-webhook never enabled | ${calls(activateFresh)} | (n8n calls checkExists, then create) | |`,
		`| API calls: activation, multi-webhook enabled, a foreign destination present | ${calls(activateEnabled)} | <= 3 (main webhook, multi-webhook, one write) | ${verdict(activateEnabled.length <= 3)} |`,
		`| API calls: deactivation | ${calls(deactivate)} | 1 | ${verdict(deactivate.length === 1)} |`,
	);
	return lines.join('\n');
}

function cpuModel(): string {
	try {
		const line = readFileSync('/proc/cpuinfo', 'utf8')
			.split('\n')
			.find((l) => l.startsWith('model name'));
		if (line) return line.split(':')[1].trim();
	} catch {
		// Not Linux.
	}
	return cpus()[0]?.model ?? 'unknown CPU';
}

/** The machine, as a Markdown list. */
export function machine(n8nNode: string): string {
	const nproc = execFileSync('nproc').toString().trim();
	const kernel = execFileSync('uname', ['-sr']).toString().trim();
	return [
		`- \`nproc\`: ${nproc}; CPU (/proc/cpuinfo): ${cpuModel()}; memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ${kernel}`,
		`- Node: ${process.version} for the bench and its load client (undici 7), ${n8nNode} for n8n 2.41.1 (SQLite in one process; PostgreSQL and Redis in queue mode)`,
		'- n8n, its executions and the load client share those cores; all traffic stays on loopback',
	].join('\n');
}
