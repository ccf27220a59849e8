import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { freePort, PROJECT_DIR } from '../harness/n8n';
import { combine, loadUrl, measureTargets, type LoadOptions } from './ingest';
import { uniqueTextMessage } from './notifications';
import { InspectorProfiler, summarize } from './profiler';
import { withBenchStack } from './benchStack';
import { triggerTypeVersion, type TargetSpec } from './workflows';

/**
 * `node .build/bench/diagnose.js` (after `npm run bench` built it): why the trigger's ingest differs
 * from n8n's Webhook node. Not part of `npm run bench`; about 3 minutes.
 *
 * 1. n8n with its default settings and the V8 profiler attached: CPU per request of the trigger and
 *    of the Webhook node, and how much of it is n8n's expression isolates (isolated-vm). Writes
 *    .cache/bench/<target>.cpuprofile (open in Chrome DevTools).
 * 2. The same four workflows in n8n with default settings and in one with
 *    N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true: the trigger at its version and at 1.1 (n8n evaluates
 *    a Webhook-v1-only expression for every webhook node of typeVersion 1), and the Webhook node
 *    at 2.1 and 1.
 */

const CONCURRENCY = 8;
const LOAD: LoadOptions = { concurrency: CONCURRENCY, maxRequests: 4000, maxSeconds: 6 };
const WARM_UP: LoadOptions = { concurrency: CONCURRENCY, maxRequests: 150, maxSeconds: 4 };
const PROFILED: LoadOptions = { concurrency: CONCURRENCY, maxRequests: 300, maxSeconds: 20 };

const version = triggerTypeVersion();
const SPECS: TargetSpec[] = [
	{ key: 'ours', label: `360dialog Trigger v${version}`, kind: 'trigger', typeVersion: version },
	{ key: 'ours11', label: '360dialog Trigger as v1.1', kind: 'trigger', typeVersion: 1.1 },
	{ key: 'hookv21', label: 'n8n Webhook node v2.1', kind: 'webhook', typeVersion: 2.1 },
	{ key: 'hookv1', label: 'n8n Webhook node v1', kind: 'webhook', typeVersion: 1 },
];

// Inclusive CPU, by script or function name.
const PATTERNS = {
	'expression isolates (isolated-vm)': /expression-runtime|isolated-vm|Isolate|evalClosureSync/,
	'SQLite and TypeORM': /sqlite3|typeorm/,
	'the 360dialog Trigger': /n8n-nodes-360dialog\/dist\/nodes\/Dialog360Trigger/,
	'credential permission check': /credentials-permission-checker/,
};

async function profile() {
	const inspectPort = await freePort();
	const specs = SPECS.filter((s) => s.key === 'ours' || s.key === 'hookv21');
	await withBenchStack(specs, { inspectPort }, async (_stack, targets) => {
		const profiler = await InspectorProfiler.attach(inspectPort);
		try {
			const out = join(PROJECT_DIR, '.cache/bench');
			await mkdir(out, { recursive: true });
			for (const target of targets)
				await loadUrl(target.key, target.urls, target.headers, uniqueTextMessage, WARM_UP);
			for (const target of targets) {
				await profiler.start();
				const result = await loadUrl(
					target.key,
					target.urls,
					target.headers,
					uniqueTextMessage,
					PROFILED,
				);
				const cpu = await profiler.stop();
				await writeFile(join(out, `${target.key}.cpuprofile`), JSON.stringify(cpu));
				const summary = summarize(cpu, PATTERNS, 12);
				const per = (value: number) => `${(value / result.requests).toFixed(1)} ms`;
				console.log(
					`\n${target.label}, profiled: ${result.requests} requests, ${result.perSecond.toFixed(1)} req/s; n8n's main thread busy ${per(summary.busyMs)} per request, of which`,
				);
				for (const [name, value] of Object.entries(summary.inclusive)) {
					console.log(`  ${per(value).padStart(8)}  ${name}`);
				}
				console.log('  heaviest functions (self time per request):');
				for (const fn of summary.top) console.log(`  ${per(fn.ms).padStart(8)}  ${fn.name}`);
			}
		} finally {
			profiler.close();
		}
	});
}

async function compare(name: string, serverEnv?: Record<string, string>) {
	console.log(`\n${name}:`);
	await withBenchStack(SPECS, { serverEnv }, async (_stack, targets) => {
		const results = await measureTargets(targets, {
			payload: uniqueTextMessage,
			warmUp: WARM_UP,
			load: LOAD,
			rounds: 2,
		});
		const reference = combine(results.get('hookv21') ?? []).perSecond;
		for (const target of targets) {
			const result = combine(results.get(target.key) ?? []);
			console.log(
				`  ${target.label.padEnd(28)} ${result.perSecond.toFixed(1).padStart(6)} req/s  p50 ${result.p50ms.toFixed(0).padStart(4)} ms  p99 ${result.p99ms.toFixed(0).padStart(4)} ms  ${(result.perSecond / reference).toFixed(2)} of Webhook v2.1  (${result.failures} failed)`,
			);
		}
	});
}

async function main() {
	await profile();
	await compare('n8n defaults');
	await compare('N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', {
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
