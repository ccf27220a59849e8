import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

import type { ApiCallCounts } from './apiCalls';
import { combine, type Combined, type IngestResult } from './ingest';
import type { ParseSplitRow } from './parseSplit';
import { REMEMBERED_EVENTS } from '../nodes/Dialog360Trigger/afterReceipt/redeliveries';
import type { QueueIngest } from './queueIngest';
import type { Target } from './workflows';

export interface BenchResults {
	targets: { ours: Target; reference: Target; control: Target };
	ingest: Map<string, IngestResult[]>;
	/** Seconds spent waiting for n8n to finish the executions of each run (a backlog, if large). */
	settleSeconds: number;
	concurrency: number;
	parseSplit: ParseSplitRow[];
	apiCalls: ApiCallCounts;
	queue: QueueIngest;
	n8nNode: string;
	seconds: number;
}

export const INGEST_TARGET = 0.9;
export const PARSE_TARGET = 3;

const singular = { messages: 'message', statuses: 'status' };
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const ms = (value: number) => `${value.toFixed(Math.abs(value) < 10 ? 1 : 0)} ms`;

function ingestCell(result: Combined): string {
	return `${result.perSecond.toFixed(1)} req/s; p50 ${ms(result.p50ms)}, p99 ${ms(result.p99ms)} (${result.requests} requests, ${result.failures} failed)`;
}

function queueCell(result: Combined): string {
	return `${result.completedPerSecond.toFixed(1)} completed/s (${result.perSecond.toFixed(1)} answered/s; p50 ${ms(result.p50ms)}, p99 ${ms(result.p99ms)}; ${result.requests} requests, ${result.failures} failed)`;
}

/** Queue mode, by executions the worker completed: what a scaled-out number sustains. */
export function queueSummary({ queue }: BenchResults) {
	const { dropOn, dropOff, reference } = queue.results;
	return {
		...queue.results,
		ratio: dropOn.completedPerSecond / reference.completedPerSecond,
		dropOffRatio: dropOff.completedPerSecond / reference.completedPerSecond,
		/** Milliseconds per notification that checking and recording the event adds, end to end. */
		dropCostMs: 1000 / dropOn.completedPerSecond - 1000 / dropOff.completedPerSecond,
	};
}

export function ingestSummary(results: BenchResults) {
	const get = (target: Target) => combine(results.ingest.get(target.key) ?? []);
	const ours = get(results.targets.ours);
	const reference = get(results.targets.reference);
	const control = get(results.targets.control);
	return {
		ours,
		reference,
		control,
		ratio: ours.perSecond / reference.perSecond,
		controlRatio: ours.perSecond / control.perSecond,
	};
}

/** Every number of the run, with its target and PASS/MISS, as a Markdown table. */
export function table(results: BenchResults): string {
	const { targets } = results;
	const ingest = ingestSummary(results);
	const lines = [
		'| measure | value | target | result |',
		'|---|---|---|---|',
		`| ingest: ${targets.reference.label} | ${ingestCell(ingest.reference)} | | |`,
		`| ingest: ${targets.ours.label} | ${ingestCell(ingest.ours)} | | |`,
		`| **ingest: throughput, trigger / Webhook node v${targets.reference.typeVersion}** | **${ingest.ratio.toFixed(2)}** | >= ${INGEST_TARGET.toFixed(2)} | ${verdict(ingest.ratio >= INGEST_TARGET && ingest.ours.failures === 0)} |`,
		`| ingest, control: ${targets.control.label} | ${ingestCell(ingest.control)} | | |`,
		`| ingest, control: throughput, trigger / Webhook node v${targets.control.typeVersion} | ${ingest.controlRatio.toFixed(2)} | (for comparison) | |`,
	];
	const queue = queueSummary(results);
	const { targets: q, triggerStepMs: step } = results.queue;
	lines.push(
		`| queue mode: ${q.reference.label} | ${queueCell(queue.reference)} | | |`,
		`| queue mode: ${q.dropOn.label} | ${queueCell(queue.dropOn)} | | |`,
		`| queue mode: ${q.dropOff.label} | ${queueCell(queue.dropOff)} | | |`,
		`| **queue mode: completed/s, trigger (Drop Redeliveries on) / Webhook node v${q.reference.typeVersion}** | **${queue.ratio.toFixed(2)}** (off: ${queue.dropOffRatio.toFixed(2)}) | (reported) | |`,
		`| queue mode: Drop Redeliveries' check and record (n8n's store full at ${REMEMBERED_EVENTS} events), the trigger's step on the worker, median executionTime | **${ms(step.dropOn.alone)}** alone (off: ${ms(step.dropOff.alone)}, as off checks too, to mark repeats); under the load ${ms(step.dropOn.underLoad)} (off: ${ms(step.dropOff.underLoad)}), waiting for the other executions' checks | (reported) | |`,
		`| queue mode: Drop Redeliveries on against off, per notification end to end | ${ms(queue.dropCostMs)} (1000 / completed/s, on minus off) | (reported) | |`,
	);
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
		`- Node: ${process.version} for the bench and its load client (undici 7), ${n8nNode} for n8n 2.41.1 (SQLite)`,
		'- n8n, its executions and the load client share those cores; all traffic stays on loopback',
	].join('\n');
}
