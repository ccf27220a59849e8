import { execFile, execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { waitFor, type RunningN8n } from '../../harness/n8n';
import { psqlEnv, type RunningPostgres } from '../../harness/services/postgres';
import type { Stack } from '../../harness/stack';
import type { InspectorProfiler } from '../profiler';
import type { LoadState } from './load';
import { EMITTED_PATH, type SoakOptions } from './setup';

/**
 * What the soak samples: each n8n process's RSS with its children (from /proc), the trigger's
 * processed-items row and the executions (with psql), and the load's counts; and the wait for the
 * executions to finish after the load.
 */

const MiB = 1024 * 1024;

export interface SoakProcess {
	label: string;
	pid: number;
	/** Its V8 inspector port (every soaked n8n process starts with one). */
	inspectPort?: number;
}

export interface Sample {
	/** Seconds since the load started. */
	seconds: number;
	/** 'settled': after the load, once every execution finished. */
	phase: 'load' | 'settled';
	/** Per process, in the order of soakProcesses(). */
	rssMiB: number[];
	/** Per process, V8's used heap after a full collection (the task runner's not included). */
	heapMiB: number[];
	entries: number;
	storeBytes: number;
	executions: number;
	/** Executions new or running: the queue's backlog. */
	backlog: number;
	/** Executions that ended in error, crashed or were canceled. */
	unsuccessful: number;
	sent: number;
	answered: number;
	failed: number;
	emitted: number;
}

export function soakProcesses(stack: Stack): SoakProcess[] {
	const queue = stack.queue;
	if (!queue) throw new Error('the soak runs in queue mode');
	const of = (label: string, n8n: RunningN8n) => ({
		label,
		pid: n8n.pid,
		inspectPort: n8n.inspectPort,
	});
	return [
		of('main', stack.n8n),
		...queue.webhookProcessors.map((p, i) => of(`webhook ${i + 1}`, p)),
		...queue.workers.map((p, i) => of(`worker ${i + 1}`, p)),
	];
}

const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE']).toString().trim());

/** Every process's parent and resident pages, from /proc/<pid>/stat. */
async function processTable(): Promise<Array<{ pid: number; ppid: number; rssPages: number }>> {
	const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
	const rows = await Promise.all(
		pids.map(async (pid) => {
			try {
				const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
				// The command name may hold spaces and parentheses: fields count from its last ')'.
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				return { pid: Number(pid), ppid: Number(fields[1]), rssPages: Number(fields[21]) };
			} catch {
				return undefined; // Gone meanwhile.
			}
		}),
	);
	return rows.filter((row) => row !== undefined);
}

/** Each root's RSS with all its descendants (n8n spawns its task runner as a child), in MiB. */
async function treeRssMiB(roots: number[]): Promise<number[]> {
	const table = await processTable();
	const children = new Map<number, number[]>();
	for (const { pid, ppid } of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
	const pages = new Map(table.map(({ pid, rssPages }) => [pid, rssPages]));
	const treePages = (pid: number): number =>
		(pages.get(pid) ?? 0) +
		(children.get(pid) ?? []).reduce((total, child) => total + treePages(child), 0);
	return roots.map((pid) => (treePages(pid) * PAGE_BYTES) / MiB);
}

const execFileAsync = promisify(execFile);

/** One query with Debian's psql into the queue-mode PostgreSQL, as processedItems.ts writes it. */
async function psql(postgres: RunningPostgres, sql: string): Promise<string[]> {
	const { stdout } = await execFileAsync(
		'psql',
		['-v', 'ON_ERROR_STOP=1', '-qAt', '-F', ' ', '-c', sql],
		{ env: psqlEnv(postgres) },
	);
	return stdout.trim().split(' ');
}

/**
 * The trigger's row in n8n's processed-items store (value `{mode:'entries', data:[md5…]}`, one
 * row per workflow and node), and the workflow's executions: all (soft-deleted ones too), those
 * not finished yet, and those that ended otherwise than in success.
 */
async function databaseFigures(
	postgres: RunningPostgres,
	row: { workflowId: string; nodeId: string },
) {
	// Ids are alphanumerics and dashes: dollar quoting needs no escaping.
	const workflow = `"workflowId" = $q$${row.workflowId}$q$`;
	const store = `${workflow} AND "context" = $q$n:${row.nodeId}$q$`;
	const figures = await psql(
		postgres,
		`SELECT
			(SELECT count(*) FROM execution_entity WHERE ${workflow}),
			(SELECT count(*) FROM execution_entity WHERE ${workflow} AND status IN ('new', 'running')),
			(SELECT count(*) FROM execution_entity
				WHERE ${workflow} AND status NOT IN ('new', 'running', 'success')),
			coalesce((SELECT json_array_length(value::json -> 'data') FROM processed_data WHERE ${store}), 0),
			coalesce((SELECT octet_length(value::text) FROM processed_data WHERE ${store}), 0)`,
	);
	const [executions, backlog, unsuccessful, entries, storeBytes] = figures.map(Number);
	return { executions, backlog, unsuccessful, entries, storeBytes };
}

export interface SampleSources {
	stack: Stack;
	processes: SoakProcess[];
	/** One per process, in the same order. */
	inspectors: InspectorProfiler[];
	row: { workflowId: string; nodeId: string };
	load: LoadState;
	started: number;
}

export async function takeSample(sources: SampleSources, phase: Sample['phase']): Promise<Sample> {
	const { stack, load } = sources;
	const postgres = stack.queue?.services.postgres;
	if (!postgres) throw new Error('the soak runs in queue mode');
	const [rssMiB, figures] = await Promise.all([
		treeRssMiB(sources.processes.map(({ pid }) => pid)),
		databaseFigures(postgres, sources.row),
	]);
	// One process after the other: a full collection pauses the process it runs in.
	const heapMiB: number[] = [];
	for (const inspector of sources.inspectors)
		heapMiB.push(await inspector.heapAfterCollectionMiB());
	return {
		seconds: (Date.now() - sources.started) / 1000,
		phase,
		rssMiB,
		heapMiB,
		...figures,
		sent: load.sent,
		answered: load.answered,
		failed: load.failed,
		emitted: stack.sink.received.filter((call) => call.path === EMITTED_PATH).length,
	};
}

/**
 * Until the workflow has an execution per answered delivery and none new or running. Counted in
 * the database, not through finishedExecutions: n8n's pruning soft-deletes all but the newest
 * 10,000 executions (hourly), which n8n's REST API then no longer counts, and a failed execution
 * is one of the soak's numbers, not a reason to throw its samples away.
 */
export async function allExecutionsFinished(
	sources: SampleSources,
	answered: number,
): Promise<void> {
	const postgres = sources.stack.queue?.services.postgres;
	if (!postgres) throw new Error('the soak runs in queue mode');
	await waitFor(
		`${answered} finished executions`,
		async () => {
			const { executions, backlog } = await databaseFigures(postgres, sources.row);
			return executions >= answered && backlog === 0;
		},
		{ timeoutMs: 60_000 + answered * 100, intervalMs: 1000 },
	);
}

/** Minutes with one decimal, as the progress lines and the report show them. */
export const minutes = (seconds: number) => (seconds / 60).toFixed(1);

/** A progress line per sample, so that a 30-minute run shows it is alive. */
export function logSample(sample: Sample, processes: SoakProcess[]): void {
	const rss = processes.map((p, i) => `${p.label} ${sample.rssMiB[i].toFixed(0)}`).join(', ');
	const heap = processes.map((p, i) => `${p.label} ${sample.heapMiB[i].toFixed(1)}`).join(', ');
	console.log(
		`  t=${minutes(sample.seconds)} min (${sample.phase}): RSS MiB ${rss}; heap after GC MiB ${heap}; store ${sample.entries} entries, ${sample.storeBytes} B; executions ${sample.executions} (backlog ${sample.backlog}, not success ${sample.unsuccessful}); sent ${sample.sent}, 200 ${sample.answered}, failed ${sample.failed}, emitted ${sample.emitted}`,
	);
}

/** A sample at the load's start and every `sampleSeconds` of it, on the clock, not after the last. */
export async function sampleDuringLoad(
	sources: SampleSources,
	options: SoakOptions,
	until: number,
	signal: AbortSignal,
): Promise<Sample[]> {
	const samples: Sample[] = [];
	for (let k = 0; ; k++) {
		const at = sources.started + k * options.sampleSeconds * 1000;
		if (at > until || signal.aborted) return samples;
		await sleep(Math.max(0, at - Date.now()), undefined, { signal }).catch(() => undefined);
		if (signal.aborted) return samples;
		const sample = await takeSample(sources, 'load');
		logSample(sample, sources.processes);
		samples.push(sample);
	}
}
