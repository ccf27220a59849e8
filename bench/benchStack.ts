import type { Destination } from '../emulator';
import { waitFor, type ExecutionSummary, type N8nRest } from '../harness/n8n';
import { startStack, type Stack, type StackOptions } from '../harness/stack';
import {
	BENCH_MAIN_WEBHOOK,
	BENCH_STACK,
	buildWorkflows,
	HEADER_AUTH_CREDENTIAL,
	resolveTargets,
	workflowIdOf,
	type Built,
	type Target,
	type TargetSpec,
} from './workflows';

/** What a benchmark may change about the stack its workflows run in. */
export type BenchStackOptions = Pick<
	StackOptions,
	'queueMode' | 'inspectPort' | 'serverEnv' | 'label'
> & {
	/** Another multi-webhook destination of the number (multi-webhook enabled), as in real use. */
	foreign?: Destination;
};

/**
 * The emulator and a real n8n with the packed package, the number's main webhook set and one
 * published workflow per spec; `use` gets the stack, where to send and what was built. Stopped
 * again afterwards, also when `use` throws.
 */
export async function withBenchStack<T>(
	specs: TargetSpec[],
	options: BenchStackOptions,
	use: (stack: Stack, targets: Target[], built: Built[]) => Promise<T>,
): Promise<T> {
	const { foreign, ...stackOptions } = options;
	let built: Built[] = [];
	const stack = await startStack({
		...BENCH_STACK,
		...stackOptions,
		workflows: ({ credential }) => {
			built = buildWorkflows(specs, credential);
			return built.map((b) => b.workflow);
		},
		extraCredentials: () => [HEADER_AUTH_CREDENTIAL],
		publish: specs.map(workflowIdOf),
		emulatorState: () => ({
			phoneNumberWebhook: BENCH_MAIN_WEBHOOK,
			...(foreign && { multiWebhook: { enabled: true, destinations: [foreign] } }),
		}),
	});
	try {
		return await use(stack, await resolveTargets(built, stack), built);
	} finally {
		await stack.stop();
	}
}

/**
 * Waits until the workflow has at least `count` executions and none still new or running, then
 * checks that the newest (up to 100) succeeded. A backlog can take a while (a queue-mode worker
 * behind its webhook processors): the deadline grows with the count.
 */
export async function finishedExecutions(
	rest: N8nRest,
	target: Pick<Target, 'workflowId' | 'label'>,
	count: number,
): Promise<ExecutionSummary[]> {
	const newest = await waitFor(
		`${count} finished executions of ${target.label}`,
		async () => {
			const page = await rest.executions(target.workflowId);
			const busy = page.results.some((e) => e.status === 'new' || e.status === 'running');
			return page.count >= count && !busy && page.results;
		},
		{ timeoutMs: 60_000 + count * 100, intervalMs: 200 },
	);
	const failed = newest.find((execution) => execution.status !== 'success');
	if (failed) {
		throw new Error(`Execution ${failed.id} of ${target.label} ended with status ${failed.status}`);
	}
	return newest;
}
