import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

import type { ApiCallCounts } from './apiCalls';
import { combine, type Combined, type IngestResult } from './ingest';
import type { ParseSplitRow } from './parseSplit';
import type { Target } from './workflows';

export interface BenchResults {
	targets: { ours: Target; reference: Target; control: Target };
	ingest: Map<string, IngestResult[]>;
	/** Seconds spent waiting for n8n to finish the executions of each run (a backlog, if large). */
	settleSeconds: number;
	concurrency: number;
	parseSplit: ParseSplitRow[];
	apiCalls: ApiCallCounts;
	n8nNode: string;
	seconds: number;
}

export const INGEST_TARGET = 0.9;
export const PARSE_TARGET = 3;

const singular = { messages: 'message', statuses: 'status' };
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function ingestCell(result: Combined): string {
	return `${result.perSecond.toFixed(1)} req/s; p50 ${ms(result.p50ms)}, p99 ${ms(result.p99ms)} (${result.requests} requests, ${result.failures} failed)`;
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
