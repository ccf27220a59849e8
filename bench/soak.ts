import { execFile, execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Pool } from 'undici';

import { PROJECT_DIR, selectedN8nVersion, waitFor } from '../harness/n8n';
import type { RunningPostgres } from '../harness/services/postgres';
import { startStack, type Stack } from '../harness/stack';
import { forwardTo, outputs } from '../harness/workflows/nodes';
import { REMEMBERED_EVENTS } from '../nodes/Dialog360Trigger/afterReceipt/redeliveries';
import { uniqueTextMessage } from './notifications';
import { QUEUE_SHAPE } from './queueIngest';
import {
	BENCH_MAIN_WEBHOOK,
	BENCH_STACK,
	buildWorkflows,
	resolveTargets,
	TRIGGER_NODE,
	triggerTypeVersion,
	workflowIdOf,
	type Built,
	type Target,
	type TargetSpec,
} from './workflows';

/**
 * `npm run bench:soak [-- --minutes 30 --rate 10 --sample 60]`: steady deliveries to n8n in queue
 * mode (PostgreSQL, Redis, main, two webhook processors, two workers) for `minutes`, `rate`
 * notifications a second whatever the answers (open loop), one in ten a redelivery of a recent
 * body. Every `sample` seconds: each n8n process's memory with its children (the task runner),
 * the trigger's row in n8n's processed-items store and the execution count. At the end: what was
 * emitted per message id (no duplicates, no redelivery), and whether memory and the store stayed
 * bounded. Prints a Markdown section and puts it into BENCHMARKS.md between the soak markers.
 */

interface SoakOptions {
	minutes: number;
	/** Notifications per second. */
	rate: number;
	sampleSeconds: number;
}

/** Open loop, but not unbounded: a stalled n8n must not pile up sockets in the client. */
const MAX_IN_FLIGHT = 32;
/** Every tenth delivery repeats a body, as 360dialog redelivers one it got no 200 for in time. */
const REDELIVERY_EVERY = 10;
/** Redeliveries repeat one of the newest answered bodies: retries come minutes, not days, later. */
const RECENT_BODIES = 100;
const TICK_MS = 20;
/** Where the workflow reports each emitted message: the sink counts emissions per message id. */
const EMITTED_PATH = '/soak/messages';
/** n8n's first minutes load code, fill caches and let the JIT settle: not the steady state. */
const WARM_UP_MAX_SECONDS = 300;
/**
 * "Growing": over the load's second half, RSS rises by more than this per 10 minutes (keeping
 * 1 KB per notification at 10/s would be about 6 MiB) and by more than twice the slope's standard
 * error. A Node process's RSS swings by a hundred MiB and more as V8 collects and hands pages
 * back: a least-squares slope through a few such points is a trend only when it stands out of
 * that scatter. Otherwise "bounded".
 */
const GROWING_MIB_PER_10_MIN = 5;
const MARKERS = { start: '<!-- soak:start -->', end: '<!-- soak:end -->' };
const MiB = 1024 * 1024;

/** The bench's queue shape (two webhook processors), with a second worker: the setup. */
const SOAK_SHAPE = { ...QUEUE_SHAPE, workers: 2 };

const SPEC: TargetSpec = {
	key: 'soak',
	label: `360dialog Trigger v${triggerTypeVersion()}, Drop Redeliveries on`,
	kind: 'trigger',
	typeVersion: triggerTypeVersion(),
};

function optionsFromArgv(argv = process.argv.slice(2)): SoakOptions {
	const value = (name: string, fallback: number) => {
		const index = argv.indexOf(`--${name}`);
		if (index === -1) return fallback;
		const parsed = Number(argv[index + 1]);
		if (!(parsed > 0)) throw new Error(`--${name} takes a positive number, not ${argv[index + 1]}`);
		return parsed;
	};
	return {
		minutes: value('minutes', 30),
		rate: value('rate', 10),
		sampleSeconds: value('sample', 60),
	};
}

/**
 * The bench workflow with its No Operation swapped for an HTTP Request that POSTs each emitted
 * message to the sink: emissions are then counted per message id outside n8n, as the E2E test of
 * two workers counts them.
 */
function reportingToSink(built: Built, sinkUrl: string): Built {
	const trigger = built.workflow.nodes.find((node) => node.name === TRIGGER_NODE);
	if (!trigger) throw new Error(`the bench workflow has no ${TRIGGER_NODE}`);
	const report = forwardTo('Report Message', `${sinkUrl}${EMITTED_PATH}`, [300, 0]);
	const connections = { [TRIGGER_NODE]: outputs(report.name) };
	return { ...built, workflow: { ...built.workflow, nodes: [trigger, report], connections } };
}

/**
 * What withBenchStack does, with the workflow reporting to the stack's sink (whose URL exists only
 * once the stack starts) and in the soak's queue shape. Stopped again afterwards, also on errors.
 */
async function withSoakStack<T>(use: (stack: Stack, target: Target) => Promise<T>): Promise<T> {
	let built: Built | undefined;
	const stack = await startStack({
		...BENCH_STACK,
		label: 'bench-soak',
		queueMode: SOAK_SHAPE,
		workflows: ({ credential, sink }) => {
			built = reportingToSink(buildWorkflows([SPEC], credential)[0], sink.url);
			return [built.workflow];
		},
		publish: [workflowIdOf(SPEC)],
		emulatorState: () => ({ phoneNumberWebhook: BENCH_MAIN_WEBHOOK }),
	});
	try {
		if (!built) throw new Error('the soak workflow was not built');
		const [target] = await resolveTargets([built], stack);
		return await use(stack, target);
	} finally {
		await stack.stop();
	}
}

interface Delivery {
	id: string;
	body: string;
}

interface LoadState {
	sent: number;
	answered: number;
	failed: number;
	/** Ticks that found MAX_IN_FLIGHT requests unanswered: not sent. */
	skipped: number;
	redeliveriesSent: number;
	/** Each new message id sent, and whether it was answered 200. */
	originals: Map<string, boolean>;
	/** Message ids sent again. */
	redelivered: Set<string>;
	/** The newest answered new bodies, oldest first: what a redelivery repeats. */
	recent: Delivery[];
	inFlight: Set<Promise<void>>;
	next: number;
}

const newLoadState = (): LoadState => ({
	sent: 0,
	answered: 0,
	failed: 0,
	skipped: 0,
	redeliveriesSent: 0,
	originals: new Map(),
	redelivered: new Set(),
	recent: [],
	inFlight: new Set(),
	next: 0,
});

const messageIdOf = (body: string): string =>
	(JSON.parse(body) as { entry: Array<{ changes: Array<{ value: { messages: Delivery[] } }> }> })
		.entry[0].changes[0].value.messages[0].id;

/** One undici pool per webhook processor, taken in turn as a load balancer would. */
function createSender(target: Target) {
	const endpoints = target.urls.map((url) => {
		const { origin, pathname } = new URL(url);
		return { pathname, pool: new Pool(origin, { connections: MAX_IN_FLIGHT, pipelining: 1 }) };
	});
	let turn = 0;
	return {
		/** True when n8n answered 200. */
		send: async (body: string): Promise<boolean> => {
			const { pool, pathname } = endpoints[turn++ % endpoints.length];
			try {
				const response = await pool.request({
					method: 'POST',
					path: pathname,
					headers: target.headers,
					body,
					headersTimeout: 30_000,
					bodyTimeout: 30_000,
				});
				await response.body.dump();
				return response.statusCode === 200;
			} catch {
				return false;
			}
		},
		close: async () => {
			await Promise.all(endpoints.map(async ({ pool }) => await pool.close()));
		},
	};
}

type Sender = ReturnType<typeof createSender>;

/** The nth delivery: a new message, or every REDELIVERY_EVERY-th a recent body again. */
function nextDelivery(load: LoadState, n: number): { delivery: Delivery; redelivery: boolean } {
	if ((n + 1) % REDELIVERY_EVERY === 0 && load.recent.length > 0) {
		const delivery = load.recent[Math.floor(Math.random() * load.recent.length)];
		return { delivery, redelivery: true };
	}
	const body = uniqueTextMessage(++load.next);
	return { delivery: { id: messageIdOf(body), body }, redelivery: false };
}

/** Sends without waiting for the answer (open loop); skips when MAX_IN_FLIGHT are unanswered. */
function deliver(load: LoadState, sender: Sender, n: number): void {
	if (load.inFlight.size >= MAX_IN_FLIGHT) {
		load.skipped++;
		return;
	}
	const { delivery, redelivery } = nextDelivery(load, n);
	load.sent++;
	if (redelivery) {
		load.redeliveriesSent++;
		load.redelivered.add(delivery.id);
	} else {
		load.originals.set(delivery.id, false);
	}
	const request = sender.send(delivery.body).then((ok) => {
		if (!ok) {
			load.failed++;
			return;
		}
		load.answered++;
		if (redelivery) return;
		load.originals.set(delivery.id, true);
		load.recent.push(delivery);
		if (load.recent.length > RECENT_BODIES) load.recent.shift();
	});
	load.inFlight.add(request);
	void request.finally(() => load.inFlight.delete(request));
}

/**
 * `rate` deliveries a second until `until`, each due one sent on the next tick whatever the
 * answers (a late tick catches up), then waits for the answers still out.
 */
async function runLoad(
	load: LoadState,
	sender: Sender,
	timing: { started: number; until: number; rate: number },
	signal: AbortSignal,
): Promise<void> {
	let issued = 0;
	while (Date.now() < timing.until && !signal.aborted) {
		const due = Math.floor(((Date.now() - timing.started) / 1000) * timing.rate);
		for (; issued < due; issued++) deliver(load, sender, issued);
		await sleep(TICK_MS);
	}
	await Promise.all(load.inFlight);
}

interface SoakProcess {
	label: string;
	pid: number;
}

interface Sample {
	/** Seconds since the load started. */
	seconds: number;
	/** 'settled': after the load, once every execution finished. */
	phase: 'load' | 'settled';
	/** Per process, in the order of soakProcesses(). */
	rssMiB: number[];
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

function soakProcesses(stack: Stack): SoakProcess[] {
	const queue = stack.queue;
	if (!queue) throw new Error('the soak runs in queue mode');
	return [
		{ label: 'main', pid: stack.n8n.pid },
		...queue.webhookProcessors.map((p, i) => ({ label: `webhook ${i + 1}`, pid: p.pid })),
		...queue.workers.map((p, i) => ({ label: `worker ${i + 1}`, pid: p.pid })),
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
		{
			env: {
				...process.env,
				PGHOST: postgres.host,
				PGPORT: String(postgres.port),
				PGUSER: postgres.user,
				PGDATABASE: postgres.database,
			},
		},
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

interface SampleSources {
	stack: Stack;
	processes: SoakProcess[];
	row: { workflowId: string; nodeId: string };
	load: LoadState;
	started: number;
}

async function takeSample(sources: SampleSources, phase: Sample['phase']): Promise<Sample> {
	const { stack, load } = sources;
	const postgres = stack.queue?.services.postgres;
	if (!postgres) throw new Error('the soak runs in queue mode');
	const [rssMiB, figures] = await Promise.all([
		treeRssMiB(sources.processes.map(({ pid }) => pid)),
		databaseFigures(postgres, sources.row),
	]);
	return {
		seconds: (Date.now() - sources.started) / 1000,
		phase,
		rssMiB,
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
async function allExecutionsFinished(sources: SampleSources, answered: number): Promise<void> {
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

const minutes = (seconds: number) => (seconds / 60).toFixed(1);

/** A progress line per sample, so that a 30-minute run shows it is alive. */
function logSample(sample: Sample, processes: SoakProcess[]): void {
	const rss = processes.map((p, i) => `${p.label} ${sample.rssMiB[i].toFixed(0)}`).join(', ');
	console.log(
		`  t=${minutes(sample.seconds)} min (${sample.phase}): RSS MiB ${rss}; store ${sample.entries} entries, ${sample.storeBytes} B; executions ${sample.executions} (backlog ${sample.backlog}, not success ${sample.unsuccessful}); sent ${sample.sent}, 200 ${sample.answered}, failed ${sample.failed}, emitted ${sample.emitted}`,
	);
}

/** A sample at the load's start and every `sampleSeconds` of it, on the clock, not after the last. */
async function sampleDuringLoad(
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
function countEmissions(stack: Stack, load: LoadState): Emissions {
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

interface MemorySummary {
	label: string;
	afterWarmUp: number;
	max: number;
	last: number;
	slope: number;
	/** The slope's standard error. */
	error: number;
	bounded: boolean;
}

/**
 * Per process: the first sample after the warm-up, the highest, the last (after the executions
 * finished), and the trend over the load's second half, which decides "bounded".
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
	return processes.map(({ label }, i) => {
		const trend = trendPer10Min(secondHalf.map((s) => [s.seconds, s.rssMiB[i]]));
		return {
			label,
			afterWarmUp: warm.rssMiB[i],
			max: Math.max(...samples.map((s) => s.rssMiB[i])),
			last: samples[samples.length - 1].rssMiB[i],
			...trend,
			bounded: !isGrowing(trend),
		};
	});
}

interface SoakResult {
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
		...processes.map((p) => `${p.label} MiB`),
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
		...s.rssMiB.map((mib) => mib.toFixed(0)),
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
	return [
		'| process (RSS with its children) | after warm-up | max | last | slope over the second half, ± standard error (MiB / 10 min) | |',
		'|---|---|---|---|---|---|',
		...memory.map(
			(m) =>
				`| ${m.label} | ${mib(m.afterWarmUp)} MiB | ${mib(m.max)} MiB | ${mib(m.last)} MiB | ${mib(m.slope)} ± ${mib(m.error)} | ${m.bounded ? 'bounded' : '**growing**'} |`,
		),
	];
}

/** The Markdown section: how it was measured, the samples, the deliveries, memory and the store. */
function report(result: SoakResult): string {
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
		`Measured ${date} with n8n ${selectedN8nVersion()} in queue mode (main, ${SOAK_SHAPE.webhookProcessors} webhook processors, ${SOAK_SHAPE.workers} workers, Debian's PostgreSQL and Redis) on a machine with \`nproc\` ${nproc}, shared with the load client: ${options.minutes} minutes of ${options.rate} notifications per second, open loop (at most ${MAX_IN_FLIGHT} unanswered), to the webhook processors in turn with the trigger's secret header. Each body is a new text message, except every ${REDELIVERY_EVERY}th delivery, which repeats one of the ${RECENT_BODIES} newest answered bodies, as 360dialog redelivers. One workflow: ${SPEC.label} (the default) -> an HTTP Request that reports each emitted message to a loopback sink, which counts emissions per message id. Every ${options.sampleSeconds} s: the resident memory (RSS, /proc) of each n8n process with its children (main and workers run a task runner; webhook processors start none), the trigger's row of n8n's processed-items store (\`processed_data\`: entries, bytes; bounded at ${REMEMBERED_EVENTS} entries), and the workflow's executions in \`execution_entity\` (all, the backlog: new or running, and those that did not end in success). Run with \`npm run bench:soak -- --minutes ${options.minutes} --rate ${options.rate} --sample ${options.sampleSeconds}\`.`,
		'',
		...sampleTable(result),
		'',
		`Deliveries: **${load.sent}** sent (${load.redeliveriesSent} of them redeliveries), **${load.answered}** answered 200, **${load.failed}** failed, ${load.skipped} skipped (${MAX_IN_FLIGHT} unanswered); the executions finished ${result.settleSeconds.toFixed(0)} s after the load, the backlog peaked at ${maxBacklog}; **${last.unsuccessful}** executions did not end in success.`,
		'',
		`Emitted: **${e.distinctNew}** distinct new events answered, **${e.emitted}** emitted, **${e.duplicates}** duplicates (a message id emitted twice or more), **${e.redeliveriesEmitted}** redeliveries emitted, ${e.lost} answered and never emitted, ${e.unknown} emitted that were never sent.`,
		'',
		`Processed-items store: at most **${maxEntries}** entries (bound ${REMEMBERED_EVENTS}) and **${(maxStoreBytes / 1024).toFixed(0)} KiB**; at the end ${last.entries} entries.`,
		'',
		`Memory (warm-up: the first ${minutes(warmUpSeconds)} min; "growing": over the load's second half, a least-squares slope above ${GROWING_MIB_PER_10_MIN} MiB per 10 min and above twice its standard error, since RSS swings by a hundred MiB as V8 collects; otherwise "bounded"):`,
		'',
		...memoryTable(memory),
	].join('\n');
}

/** Puts the section between the soak markers of BENCHMARKS.md; appends both if absent. */
async function writeToBenchmarks(section: string): Promise<void> {
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

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ctrl-C: BENCH_STACK's own handler stops n8n and ends the process; the load and the samples
 * stop at once, so that nobody sends n8n requests, or samples it, while it shuts down.
 */
function abortOnSignals(abort: AbortController): () => void {
	const onSignal = () => abort.abort();
	for (const signal of SIGNALS) process.once(signal, onSignal);
	return () => {
		for (const signal of SIGNALS) process.off(signal, onSignal);
	};
}

/** The load and the samples side by side; either failing, or Ctrl-C, stops the other. */
async function soak(stack: Stack, target: Target, options: SoakOptions): Promise<SoakResult> {
	const processes = soakProcesses(stack);
	const trigger = stack.workflows[0].nodes.find((node) => node.name === TRIGGER_NODE);
	if (!trigger) throw new Error(`the soak workflow has no ${TRIGGER_NODE}`);
	const load = newLoadState();
	const started = Date.now();
	const until = started + options.minutes * 60_000;
	const sources = {
		stack,
		processes,
		row: { workflowId: target.workflowId, nodeId: trigger.id },
		load,
		started,
	};
	const sender = createSender(target);
	const abort = new AbortController();
	const forgetSignals = abortOnSignals(abort);
	let samples: Sample[];
	try {
		[, samples] = await Promise.all([
			runLoad(load, sender, { started, until, rate: options.rate }, abort.signal),
			sampleDuringLoad(sources, options, until, abort.signal),
		]);
	} catch (error) {
		abort.abort();
		throw error;
	} finally {
		forgetSignals();
		await sender.close();
	}
	// Stopped by a signal: the stack's handler is stopping everything and ends the process.
	if (abort.signal.aborted) await new Promise<never>(() => undefined);
	console.log(`load done; waiting for the ${load.answered} executions to finish...`);
	const settling = Date.now();
	await allExecutionsFinished(sources, load.answered);
	const settleSeconds = (Date.now() - settling) / 1000;
	const settled = await takeSample(sources, 'settled');
	logSample(settled, processes);
	samples.push(settled);
	return {
		options,
		processes,
		samples,
		load,
		emissions: countEmissions(stack, load),
		settleSeconds,
	};
}

async function main() {
	const options = optionsFromArgv();
	console.log(
		`soak: ${options.minutes} min at ${options.rate}/s, a sample every ${options.sampleSeconds} s; starting PostgreSQL, Redis and n8n ${selectedN8nVersion()} in queue mode (${SOAK_SHAPE.webhookProcessors} webhook processors, ${SOAK_SHAPE.workers} workers)...`,
	);
	const result = await withSoakStack(async (stack, target) => await soak(stack, target, options));
	const section = report(result);
	console.log(`\n${section}\n`);
	await writeToBenchmarks(section);
	console.log('written to BENCHMARKS.md between the soak markers');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
