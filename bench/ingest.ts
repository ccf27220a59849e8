import { Pool, request } from 'undici';

import type { Target } from './workflows';

export interface IngestResult {
	target: string;
	requests: number;
	failures: number;
	seconds: number;
	perSecond: number;
	p50ms: number;
	p99ms: number;
	/** Per request, in milliseconds, sorted. */
	latencies: number[];
	/** How long n8n took after the load to finish the executions still running (see settle). */
	settleSeconds?: number;
}

export interface LoadOptions {
	concurrency: number;
	/** The run stops at whichever comes first. */
	maxRequests: number;
	maxSeconds: number;
}

export function percentile(sorted: number[], fraction: number): number {
	// Nearest rank.
	return sorted[Math.max(0, Math.ceil(sorted.length * fraction) - 1)] ?? NaN;
}

export const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/** The body of the nth request of the bench process: every notification a new message. */
export type Payload = (n: number) => string;

let requestCount = 0;

/**
 * A closed-loop load on loopback URLs: `concurrency` workers, each sending the next POST as soon
 * as the previous one is answered, bounded in count and time. Several URLs (n8n's webhook
 * processors in queue mode) take the requests in turn, as a load balancer would.
 */
export async function loadUrl(
	target: string,
	urls: string[],
	headers: Record<string, string>,
	payload: Payload,
	options: LoadOptions,
): Promise<IngestResult> {
	const endpoints = urls.map((url) => {
		const { origin, pathname } = new URL(url);
		return {
			pathname,
			pool: new Pool(origin, { connections: options.concurrency, pipelining: 1 }),
		};
	});
	const latencies: number[] = [];
	let sent = 0;
	let failures = 0;
	const started = process.hrtime.bigint();
	const deadline = Date.now() + options.maxSeconds * 1000;
	const worker = async () => {
		while (sent < options.maxRequests && Date.now() < deadline) {
			const { pool, pathname } = endpoints[sent % endpoints.length];
			sent++;
			const body = payload(++requestCount);
			const start = process.hrtime.bigint();
			try {
				const response = await pool.request({
					method: 'POST',
					path: pathname,
					headers,
					body,
					headersTimeout: 30_000,
					bodyTimeout: 30_000,
				});
				await response.body.dump();
				if (response.statusCode !== 200) failures++;
			} catch {
				failures++;
			}
			latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
		}
	};
	try {
		await Promise.all(Array.from({ length: options.concurrency }, worker));
	} finally {
		await Promise.all(endpoints.map(async ({ pool }) => await pool.close()));
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	latencies.sort((a, b) => a - b);
	return {
		target,
		requests: latencies.length,
		failures,
		seconds,
		perSecond: (latencies.length - failures) / seconds,
		p50ms: percentile(latencies, 0.5),
		p99ms: percentile(latencies, 0.99),
		latencies,
	};
}

export interface Combined {
	requests: number;
	failures: number;
	seconds: number;
	/** Answered requests per second. */
	perSecond: number;
	/** Executions finished per second: answered requests over the load's and the settling's time. */
	completedPerSecond: number;
	/** Time spent after the runs waiting for n8n to finish their executions. */
	settleSeconds: number;
	p50ms: number;
	p99ms: number;
}

/** Several rounds of one target as one: answered requests over the summed time, pooled latencies. */
export function combine(runs: IngestResult[]): Combined {
	const requests = runs.reduce((total, run) => total + run.requests, 0);
	const failures = runs.reduce((total, run) => total + run.failures, 0);
	const seconds = runs.reduce((total, run) => total + run.seconds, 0);
	const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
	const settled = runs.reduce((total, run) => total + (run.settleSeconds ?? 0), 0);
	return {
		requests,
		failures,
		seconds,
		perSecond: (requests - failures) / seconds,
		completedPerSecond: (requests - failures) / (seconds + settled),
		settleSeconds: settled,
		p50ms: percentile(latencies, 0.5),
		p99ms: percentile(latencies, 0.99),
	};
}

export interface RoundsOptions {
	payload: Payload;
	warmUp: LoadOptions;
	load: LoadOptions;
	/** How often each target is measured; every other round runs the targets in reverse order. */
	rounds: number;
	log?: (line: string) => void;
	/**
	 * Called after each run with the target and how many requests it has had answered so far
	 * (warm-up included): waits until n8n has finished their executions, so that no backlog of
	 * one target runs into the next one's measurement.
	 */
	settle?: (target: Target, answered: number) => Promise<void>;
}

/**
 * A warm-up per target, then `rounds` bounded runs of each, alternating the order so that drift
 * (SQLite growing, JIT, the other core's load) spreads over all targets.
 */
export async function measureTargets(
	targets: Target[],
	options: RoundsOptions,
): Promise<Map<string, IngestResult[]>> {
	const answered = new Map<string, number>(targets.map((t) => [t.key, 0]));
	const run = async (target: Target, load: LoadOptions) => {
		const result = await loadUrl(target.key, target.urls, target.headers, options.payload, load);
		const total = (answered.get(target.key) ?? 0) + result.requests - result.failures;
		answered.set(target.key, total);
		const settling = process.hrtime.bigint();
		await options.settle?.(target, total);
		return { ...result, settleSeconds: Number(process.hrtime.bigint() - settling) / 1e9 };
	};
	for (const target of targets) {
		const warm = await run(target, options.warmUp);
		if (warm.failures > 0) {
			throw new Error(
				`${target.label}: ${warm.failures} of ${warm.requests} warm-up requests failed`,
			);
		}
	}
	const results = new Map<string, IngestResult[]>(targets.map((t) => [t.key, []]));
	for (let round = 0; round < options.rounds; round++) {
		const order = round % 2 === 0 ? targets : [...targets].reverse();
		for (const target of order) {
			const result = await run(target, options.load);
			results.get(target.key)?.push(result);
			options.log?.(
				`  ${target.label}: ${result.perSecond.toFixed(1)} req/s, p50 ${result.p50ms.toFixed(0)} ms, p99 ${result.p99ms.toFixed(0)} ms (${result.requests} requests, ${result.failures} failed)`,
			);
		}
	}
	return results;
}

/**
 * The trigger and a Webhook node with Header Auth must refuse a POST without their secret header
 * (401 and 403): else the comparison would time a check that never happens.
 */
export async function expectRefusedWithoutSecret(
	target: Pick<Target, 'kind' | 'headerAuth' | 'label' | 'urls'>,
	body: string,
): Promise<void> {
	if (target.kind === 'webhook' && !target.headerAuth) return;
	const response = await request(target.urls[0], {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body,
	});
	await response.body.dump();
	if (response.statusCode !== 401 && response.statusCode !== 403) {
		throw new Error(`${target.label} answered ${response.statusCode} to a POST without its secret`);
	}
}
