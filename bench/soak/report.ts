import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PROJECT_DIR, selectedN8nVersion } from '../../harness/n8n';
import type { Stack } from '../../harness/stack';
import { REMEMBERED_EVENTS } from '../../nodes/Dialog360Trigger/afterReceipt/redeliveries';
import { MAX_IN_FLIGHT, RECENT_BODIES, REDELIVERY_EVERY, type LoadState } from './load';
import { minutes, type Sample, type SoakProcess } from './samples';
import { EMITTED_PATH, SOAK_SHAPE, SPEC, type SoakOptions } from './setup';

/**
 * The soak's result in words: emissions per message id, whether memory stayed bounded, the
 * Markdown section with its tables, and that section put into BENCHMARKS.md between the markers.
 */

/** n8n's first minutes load code, fill caches and let the JIT settle: not the steady state. */
const WARM_UP_MAX_SECONDS = 300;
/**
 * "Growing": over the load's second half, V8's heap after a full collection rises by more than
 * this per 10 minutes (keeping 1 KB per notification at 10/s would be about 6 MiB) and by more
 * than twice the slope's standard error. The heap after a collection is what a process keeps;
 * RSS also holds garbage and pages V8 has not handed back, and swings by a hundred MiB as it
 * collects, so it is reported but does not decide. Otherwise "bounded".
 */
const GROWING_MIB_PER_10_MIN = 5;
const MARKERS = { start: '<!-- soak:start -->', end: '<!-- soak:end -->' };

interface Emissions {
	distinctNew: number;
	emitted: number;
	/** Message ids emitted twice or more. */
	duplicates: number;
	/** Emissions beyond the first of a message id that was sent again. */
	redeliveriesEmitted: number;
	/** New messages answered 200 and never emitted. */
	lost: number;
	/** Emitted ids the load never sent. */
	unknown: number;
}

/** What the sink received, per message id, against what was sent. */
export function countEmissions(stack: Stack, load: LoadState): Emissions {
	const times = new Map<string, number>();
	for (const item of stack.sink.bodies(EMITTED_PATH) as Array<{ message_id?: string }>) {
		const id = String(item.message_id);
		times.set(id, (times.get(id) ?? 0) + 1);
	}
	const answered = [...load.originals].filter(([, ok]) => ok).map(([id]) => id);
	return {
		distinctNew: answered.length,
		emitted: [...times.values()].reduce((a, b) => a + b, 0),
		duplicates: [...times.values()].filter((n) => n > 1).length,
		redeliveriesEmitted: [...load.redelivered].reduce(
			(total, id) => total + Math.max(0, (times.get(id) ?? 0) - 1),
			0,
		),
		lost: answered.filter((id) => !times.has(id)).length,
		unknown: [...times.keys()].filter((id) => !load.originals.has(id)).length,
	};
}

/**
 * Least-squares slope of (seconds, MiB) and its standard error, in MiB per 10 minutes; NaN below
 * two points (the error below three).
 */
function trendPer10Min(points: Array<[number, number]>): { slope: number; error: number } {
	const n = points.length;
	if (n < 2) return { slope: NaN, error: NaN };
	const meanX = points.reduce((s, [x]) => s + x, 0) / n;
	const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
	const sxx = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
	const slope = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) / sxx;
	const residuals = points.reduce((s, [x, y]) => s + (y - meanY - slope * (x - meanX)) ** 2, 0);
	const error = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : NaN;
	return { slope: slope * 600, error: error * 600 };
}

/**
 * A clear rise, not the collector's scatter (see GROWING_MIB_PER_10_MIN); with two samples there
 * is no error to weigh, and the slope alone decides.
 */
const isGrowing = ({ slope, error }: { slope: number; error: number }) =>
	slope > GROWING_MIB_PER_10_MIN && !(slope <= 2 * error);

interface Trend {
	afterWarmUp: number;
	max: number;
	last: number;
	slope: number;
	/** The slope's standard error. */
	error: number;
}

interface MemorySummary {
	label: string;
	rss: Trend;
	heap: Trend;
	/** Decided by the heap after a full collection. */
	bounded: boolean;
}

/**
 * Per process and measure: the first sample after the warm-up, the highest, the last (after the
 * executions finished), and the trend over the load's second half.
 */
function summarizeMemory(
	samples: Sample[],
	processes: SoakProcess[],
	loadSeconds: number,
	warmUpSeconds: number,
): MemorySummary[] {
	const during = samples.filter((s) => s.phase === 'load');
	const warm = during.find((s) => s.seconds >= warmUpSeconds) ?? during[during.length - 1];
	const secondHalf = during.filter((s) => s.seconds >= loadSeconds / 2);
	const trendOf = (value: (sample: Sample) => number): Trend => ({
		afterWarmUp: value(warm),
		max: Math.max(...samples.map(value)),
		last: value(samples[samples.length - 1]),
		...trendPer10Min(secondHalf.map((s) => [s.seconds, value(s)])),
	});
	return processes.map(({ label }, i) => {
		const heap = trendOf((s) => s.heapMiB[i]);
		return { label, rss: trendOf((s) => s.rssMiB[i]), heap, bounded: !isGrowing(heap) };
	});
}

export interface SoakResult {
	options: SoakOptions;
	processes: SoakProcess[];
	samples: Sample[];
	load: LoadState;
	emissions: Emissions;
	settleSeconds: number;
}

function sampleTable({ samples, processes }: SoakResult): string[] {
	const header = [
		't (min)',
		...processes.map((p) => `${p.label} MiB (heap)`),
		'store entries',
		'store bytes',
		'executions',
		'backlog',
		'not success',
		'sent',
		'200',
		'failed',
		'emitted',
	];
	const rows = samples.map((s) => [
		s.phase === 'settled' ? `${minutes(s.seconds)} (settled)` : minutes(s.seconds),
		...s.rssMiB.map((mib, i) => `${mib.toFixed(0)} (${s.heapMiB[i].toFixed(0)})`),
		...[
			s.entries,
			s.storeBytes,
			s.executions,
			s.backlog,
			s.unsuccessful,
			s.sent,
			s.answered,
			s.failed,
			s.emitted,
		].map(String),
	]);
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

function memoryTable(memory: MemorySummary[]): string[] {
	const mib = (value: number) => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));
	const cells = (t: Trend) =>
		`${mib(t.afterWarmUp)} | ${mib(t.max)} | ${mib(t.last)} | ${mib(t.slope)} ± ${mib(t.error)}`;
	return [
		'| process | heap after GC: after warm-up | max | last | slope, second half (MiB / 10 min) | RSS with its children: after warm-up | max | last | slope, second half | |',
		'|---|---|---|---|---|---|---|---|---|---|',
		...memory.map(
			(m) =>
				`| ${m.label} | ${cells(m.heap)} | ${cells(m.rss)} | ${m.bounded ? 'bounded' : '**growing**'} |`,
		),
	];
}

/** The Markdown section: how it was measured, the samples, the deliveries, memory and the store. */
export function report(result: SoakResult): string {
	const { options, load, emissions: e, samples } = result;
	const loadSeconds = options.minutes * 60;
	const warmUpSeconds = Math.min(WARM_UP_MAX_SECONDS, loadSeconds / 6);
	const memory = summarizeMemory(samples, result.processes, loadSeconds, warmUpSeconds);
	const maxEntries = Math.max(...samples.map((s) => s.entries));
	const maxStoreBytes = Math.max(...samples.map((s) => s.storeBytes));
	const maxBacklog = Math.max(...samples.map((s) => s.backlog));
	const last = samples[samples.length - 1];
	const nproc = execFileSync('nproc').toString().trim();
	const date = new Date().toISOString().slice(0, 10);
	return [
		'## Soak (queue mode)',
		'',
		`Measured ${date} with n8n ${selectedN8nVersion()} in queue mode (main, ${SOAK_SHAPE.webhookProcessors} webhook processors, ${SOAK_SHAPE.workers} workers, Debian's PostgreSQL and Redis) on a machine with \`nproc\` ${nproc}, shared with the load client: ${options.minutes} minutes of ${options.rate} notifications per second, open loop (at most ${MAX_IN_FLIGHT} unanswered), to the webhook processors in turn with the trigger's secret header. Each body is a new text message, except every ${REDELIVERY_EVERY}th delivery, which repeats one of the ${RECENT_BODIES} newest answered bodies, as 360dialog redelivers. One workflow: ${SPEC.label} (the default) -> an HTTP Request that reports each emitted message to a loopback sink, which counts emissions per message id. Every ${options.sampleSeconds} s: the resident memory (RSS, /proc) of each n8n process with its children (main and workers run a task runner; webhook processors start none) and, in brackets, V8's used heap of the n8n process right after a full collection (through its inspector), the trigger's row of n8n's processed-items store (\`processed_data\`: entries, bytes; bounded at ${REMEMBERED_EVENTS} entries), and the workflow's executions in \`execution_entity\` (all, the backlog: new or running, and those that did not end in success). Run with \`npm run bench:soak -- --minutes ${options.minutes} --rate ${options.rate} --sample ${options.sampleSeconds}\`.`,
		'',
		...sampleTable(result),
		'',
		`Deliveries: **${load.sent}** sent (${load.redeliveriesSent} of them redeliveries), **${load.answered}** answered 200, **${load.failed}** failed, ${load.skipped} skipped (${MAX_IN_FLIGHT} unanswered); the executions finished ${result.settleSeconds.toFixed(0)} s after the load, the backlog peaked at ${maxBacklog}; **${last.unsuccessful}** executions did not end in success.`,
		'',
		`Emitted: **${e.distinctNew}** distinct new events answered, **${e.emitted}** emitted, **${e.duplicates}** duplicates (a message id emitted twice or more), **${e.redeliveriesEmitted}** redeliveries emitted, ${e.lost} answered and never emitted, ${e.unknown} emitted that were never sent.`,
		'',
		`Processed-items store: at most **${maxEntries}** entries (bound ${REMEMBERED_EVENTS}) and **${(maxStoreBytes / 1024).toFixed(0)} KiB**; at the end ${last.entries} entries.`,
		'',
		`Memory, in MiB (warm-up: the first ${minutes(warmUpSeconds)} min; "growing": over the load's second half, the heap after a full collection rises by a least-squares slope above ${GROWING_MIB_PER_10_MIN} MiB per 10 min and above twice its standard error; RSS, which swings by a hundred MiB as V8 collects, is shown but does not decide; otherwise "bounded"):`,
		'',
		...memoryTable(memory),
	].join('\n');
}

/** Puts the section between the soak markers of BENCHMARKS.md; appends both if absent. */
export async function writeToBenchmarks(section: string): Promise<void> {
	const file = join(PROJECT_DIR, 'BENCHMARKS.md');
	const text = await readFile(file, 'utf8');
	const block = `${MARKERS.start}\n${section}\n${MARKERS.end}`;
	const from = text.indexOf(MARKERS.start);
	const to = text.indexOf(MARKERS.end);
	const next =
		from !== -1 && to > from
			? `${text.slice(0, from)}${block}${text.slice(to + MARKERS.end.length)}`
			: `${text.trimEnd()}\n\n${block}\n`;
	await writeFile(file, next);
}
