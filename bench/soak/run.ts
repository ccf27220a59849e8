import { freePort, selectedN8nVersion } from '../../harness/n8n';
import { startStack, type Stack } from '../../harness/stack';
import { forwardTo, outputs } from '../../harness/workflows/nodes';
import {
	BENCH_MAIN_WEBHOOK,
	BENCH_STACK,
	buildWorkflows,
	resolveTargets,
	TRIGGER_NODE,
	workflowIdOf,
	type Built,
	type Target,
} from '../workflows';
import { createSender, newLoadState, runLoad } from './load';
import { InspectorProfiler } from '../profiler';
import { countEmissions, report, writeToBenchmarks, type SoakResult } from './report';
import {
	allExecutionsFinished,
	logSample,
	sampleDuringLoad,
	soakProcesses,
	takeSample,
	type Sample,
} from './samples';
import { EMITTED_PATH, SOAK_SHAPE, SPEC, type SoakOptions } from './setup';

/**
 * `npm run bench:soak [-- --minutes 30 --rate 10 --sample 60]`: steady deliveries to n8n in queue
 * mode (PostgreSQL, Redis, main, two webhook processors, two workers) for `minutes`, `rate`
 * notifications a second whatever the answers (open loop), one in ten a redelivery of a recent
 * body. Every `sample` seconds: each n8n process's memory with its children (the task runner),
 * the trigger's row in n8n's processed-items store and the execution count. At the end: what was
 * emitted per message id (no duplicates, no redelivery), and whether memory and the store stayed
 * bounded. Prints a Markdown section and puts it into BENCHMARKS.md between the soak markers.
 *
 * This file starts the stack and runs the load beside the samples; load.ts sends, samples.ts
 * measures, report.ts turns the result into the section, setup.ts holds what they share.
 */

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
		// Inspectors on every process: the heap after a full collection is sampled through them.
		queueMode: { ...SOAK_SHAPE, inspect: true },
		inspectPort: await freePort(),
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
	const inspectors = await Promise.all(
		processes.map(async ({ label, inspectPort }) => {
			if (inspectPort === undefined) throw new Error(`${label} has no inspector`);
			return await InspectorProfiler.attach(inspectPort);
		}),
	);
	const load = newLoadState();
	const started = Date.now();
	const until = started + options.minutes * 60_000;
	const sources = {
		stack,
		processes,
		inspectors,
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
	for (const inspector of inspectors) inspector.close();
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
