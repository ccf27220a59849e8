import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PROJECT_DIR, type RunningN8n } from '../harness/n8n';
import { loadUrl, type LoadOptions } from './ingest';
import { uniqueTextMessage } from './notifications';
import { InspectorProfiler, summarize } from './profiler';
import { finishedExecutions, withBenchStack } from './benchStack';
import { fillTriggerStores } from './processedItems';
import { QUEUE_SHAPE, queueSpecs } from './queueIngest';
import { N8N_SETTINGS, settingsFromArgv } from './settings';
import { WEBHOOK_SPECS } from './workflows';

/**
 * `node .build/bench/diagnoseQueue.js [--lazy]` (after `npm run bench` built it): where the time of
 * one notification goes in queue mode, per process. The V8 profiler is attached to both webhook
 * processors and the worker while 300 new messages go to each workflow (the trigger with Drop
 * Redeliveries on and off, n8n's Webhook node v2.1 without and with Header Auth) and the worker
 * finishes their executions. `--lazy`: with lazy expression isolates.
 * Writes .cache/bench/queue-<workflow>-<process>.cpuprofile. Not part of `npm run bench`.
 */

const CONCURRENCY = 8;
const WARM_UP: LoadOptions = { concurrency: CONCURRENCY, maxRequests: 150, maxSeconds: 4 };
const PROFILED: LoadOptions = { concurrency: CONCURRENCY, maxRequests: 300, maxSeconds: 30 };

// Inclusive CPU, by script or function name.
const PATTERNS = {
	'expression isolates (isolated-vm)': /expression-runtime|isolated-vm|Isolate|evalClosureSync/,
	'PostgreSQL and TypeORM': /typeorm|node_modules\/pg\/|pg-protocol|pg-pool/,
	'Redis and Bull (the queue)': /ioredis|bull/,
	'the 360dialog Trigger': /n8n-nodes-360dialog\/dist\/nodes\/Dialog360Trigger/,
	"n8n's processed-items store (Drop Redeliveries)": /deduplication|ProcessedData|processed-data/,
};

async function main() {
	const specs = queueSpecs(WEBHOOK_SPECS);
	const list = [specs.reference, specs.referenceAuth, specs.dropOn, specs.dropOff];
	const queueMode = { ...QUEUE_SHAPE, inspect: true };
	const settings = N8N_SETTINGS[settingsFromArgv()];
	console.log(`n8n settings: ${settings.label}`);
	const stackOptions = { label: 'bench-queue', queueMode, serverEnv: settings.env };
	await withBenchStack(list, stackOptions, async (stack, targets, built) => {
		fillTriggerStores(stack, built);
		const queue = stack.queue;
		if (!queue) throw new Error('no queue-mode processes');
		const processes: Array<[string, RunningN8n]> = [
			...queue.webhookProcessors.map((p, i): [string, RunningN8n] => [`webhook${i + 1}`, p]),
			...queue.workers.map((p, i): [string, RunningN8n] => [`worker${i + 1}`, p]),
		];
		const profilers = await Promise.all(
			processes.map(async ([name, n8n]) => {
				if (n8n.inspectPort === undefined) throw new Error(`${name} has no inspector`);
				return [name, await InspectorProfiler.attach(n8n.inspectPort)] as const;
			}),
		);
		const out = join(PROJECT_DIR, '.cache/bench');
		await mkdir(out, { recursive: true });
		try {
			const answered = new Map<string, number>();
			const load = async (target: (typeof targets)[number], options: LoadOptions) => {
				const result = await loadUrl(
					target.key,
					target.urls,
					target.headers,
					uniqueTextMessage,
					options,
				);
				const total = (answered.get(target.key) ?? 0) + result.requests - result.failures;
				answered.set(target.key, total);
				await finishedExecutions(stack.rest, target, total);
				return result;
			};
			for (const target of targets) await load(target, WARM_UP);
			for (const target of targets) {
				await Promise.all(profilers.map(async ([, profiler]) => await profiler.start()));
				const result = await load(target, PROFILED);
				const per = (value: number) => `${(value / result.requests).toFixed(1)} ms`;
				console.log(
					`\n${target.label}: ${result.requests} requests (${result.failures} failed), CPU per request:`,
				);
				for (const [name, profiler] of profilers) {
					const cpu = await profiler.stop();
					await writeFile(join(out, `queue-${target.key}-${name}.cpuprofile`), JSON.stringify(cpu));
					const summary = summarize(cpu, PATTERNS, 6);
					const parts = Object.entries(summary.inclusive)
						.filter(([, value]) => value > 0)
						.map(([part, value]) => `${per(value)} ${part}`);
					console.log(`  ${name}: busy ${per(summary.busyMs)}; ${parts.join('; ')}`);
					for (const fn of summary.top) console.log(`      ${per(fn.ms).padStart(8)}  ${fn.name}`);
				}
			}
		} finally {
			for (const [, profiler] of profilers) profiler.close();
		}
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
