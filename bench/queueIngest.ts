import type { Destination } from '../emulator';
import type { N8nRest } from '../harness/n8n';
import { finishedExecutions, withBenchStack } from './benchStack';
import {
	combine,
	loadUrl,
	measureTargets,
	median,
	type Combined,
	type LoadOptions,
} from './ingest';
import { uniqueTextMessage } from './notifications';
import { fillTriggerStores } from './processedItems';
import { TRIGGER_NODE, triggerTypeVersion, type Target, type TargetSpec } from './workflows';

/** What a builder who scales out runs: two webhook processors behind a balancer, one worker. */
export const QUEUE_SHAPE = { webhookProcessors: 2, workers: 1 };

export interface QueueSpecs {
	dropOn: TargetSpec;
	dropOff: TargetSpec;
	reference: TargetSpec;
	referenceAuth: TargetSpec;
}

/**
 * The trigger with Drop Redeliveries on (its default) and off, beside n8n's Webhook node without
 * and with Header Auth.
 */
export function queueSpecs(
	references: Pick<QueueSpecs, 'reference' | 'referenceAuth'>,
): QueueSpecs {
	const version = triggerTypeVersion();
	const trigger = `360dialog Trigger v${version}`;
	return {
		dropOn: {
			key: 'dropon',
			label: `${trigger}, Drop Redeliveries on`,
			kind: 'trigger',
			typeVersion: version,
		},
		dropOff: {
			key: 'dropoff',
			label: `${trigger}, Drop Redeliveries off`,
			kind: 'trigger',
			typeVersion: version,
			parameters: { dropRedeliveries: false },
		},
		...references,
	};
}

export interface QueueIngest {
	targets: Record<keyof QueueSpecs, Target>;
	results: Record<keyof QueueSpecs, Combined>;
	/**
	 * The trigger's own step in the worker (its execute(): Drop Redeliveries' check and record),
	 * median of n8n's executionTime in milliseconds: under the load (the last round's executions,
	 * waits for the other executions' checks included) and alone (one notification at a time).
	 * Measured once, on n8n's defaults: the expression engine plays no part in it.
	 */
	triggerStepMs?: Record<'dropOn' | 'dropOff', { underLoad: number; alone: number }>;
}

const SAMPLED_EXECUTIONS = 30;

/** Median executionTime of the trigger over the newest executions of the target. */
async function triggerStepMs(rest: N8nRest, target: Target): Promise<number> {
	const { results } = await rest.executions(target.workflowId);
	const times = await Promise.all(
		results.slice(0, SAMPLED_EXECUTIONS).map(async ({ id }) => {
			const { runData } = await rest.execution(id);
			return runData[TRIGGER_NODE]?.[0]?.executionTime ?? NaN;
		}),
	);
	return median(times.filter((time) => !Number.isNaN(time)));
}

/** The step under the load just measured, then alone: each delivery after the last finished. */
async function triggerStep(rest: N8nRest, target: Target) {
	const underLoad = await triggerStepMs(rest, target);
	const one = { concurrency: 1, maxRequests: 1, maxSeconds: 10 };
	for (let i = 0; i < SAMPLED_EXECUTIONS; i++) {
		const { count } = await rest.executions(target.workflowId);
		const sent = await loadUrl(target.key, target.urls, target.headers, uniqueTextMessage, one);
		if (sent.failures > 0) throw new Error(`${target.label} did not answer 200`);
		await finishedExecutions(rest, target, count + 1);
	}
	return { underLoad, alone: await triggerStepMs(rest, target) };
}

/**
 * The queue-mode stack (PostgreSQL, Redis, the main process, two webhook processors, one worker)
 * with four workflows: the trigger with Drop Redeliveries on and off, and n8n's Webhook node
 * without and with Header Auth.
 * The load client takes the webhook processors in turn; every body is a new message, so Drop
 * Redeliveries checks and records each one and drops none, against a store already holding
 * REMEMBERED_EVENTS events (a busy number's steady state). Answered/s is what the processors
 * take in; completed/s counts until the worker has finished every execution.
 */
export async function measureQueueMode(options: {
	specs: QueueSpecs;
	foreign: Destination;
	warmUp: LoadOptions;
	load: LoadOptions;
	rounds: number;
	log: (line: string) => void;
	/** n8n's settings under test, for every process. */
	serverEnv?: Record<string, string>;
	/** Also time the trigger's step on the worker, alone and under the load. */
	stepTimes?: boolean;
}): Promise<QueueIngest> {
	const { specs } = options;
	const list = [specs.dropOn, specs.dropOff, specs.reference, specs.referenceAuth];
	const stackOptions = {
		label: 'bench-queue',
		queueMode: QUEUE_SHAPE,
		foreign: options.foreign,
		serverEnv: options.serverEnv,
	};
	return await withBenchStack(list, stackOptions, async (stack, targets, built) => {
		fillTriggerStores(stack, built);
		const ingest = await measureTargets(targets, {
			payload: uniqueTextMessage,
			warmUp: options.warmUp,
			load: options.load,
			rounds: options.rounds,
			log: options.log,
			settle: async (target, answered) => {
				await finishedExecutions(stack.rest, target, answered);
			},
		});
		const target = (spec: TargetSpec) => targets.find((t) => t.key === spec.key) as Target;
		const combined = (spec: TargetSpec) => combine(ingest.get(spec.key) ?? []);
		const dropOn = target(specs.dropOn);
		const dropOff = target(specs.dropOff);
		const triggerStepMs = options.stepTimes
			? {
					dropOn: await triggerStep(stack.rest, dropOn),
					dropOff: await triggerStep(stack.rest, dropOff),
				}
			: undefined;
		return {
			targets: {
				dropOn,
				dropOff,
				reference: target(specs.reference),
				referenceAuth: target(specs.referenceAuth),
			},
			triggerStepMs,
			results: {
				dropOn: combined(specs.dropOn),
				dropOff: combined(specs.dropOff),
				reference: combined(specs.reference),
				referenceAuth: combined(specs.referenceAuth),
			},
		};
	});
}
