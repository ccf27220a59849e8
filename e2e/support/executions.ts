import { waitFor, type ExecutionSummary, type N8nRest } from '../../harness/n8n';

/**
 * n8n writes an execution's row before it queues the job: a webhook processor killed in between
 * leaves a row in status "new" that nothing will ever run. In these tests a queued execution
 * starts within milliseconds, so one still new after 10 s is that.
 */
const ABANDONED_AFTER_MS = 10_000;

const isAbandoned = (execution: ExecutionSummary) =>
	execution.status === 'new' &&
	!execution.startedAt &&
	Date.now() - Date.parse(execution.createdAt) > ABANDONED_AFTER_MS;

/** The workflow's execution count once none is running or about to run any more. */
export async function settledExecutionCount(
	rest: N8nRest,
	workflowId: string,
): Promise<number | undefined> {
	const { count, results } = await rest.executions(workflowId);
	const settled = results.every((execution) => execution.stoppedAt || isAbandoned(execution));
	return settled ? count : undefined;
}

/** Waits until the workflow has exactly `count` executions, all finished. */
export async function waitForExecutions(
	rest: N8nRest,
	workflowId: string,
	count: number,
	explain?: () => Promise<string>,
): Promise<void> {
	await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => (await settledExecutionCount(rest, workflowId)) === count,
		{ timeoutMs: 30_000, explain },
	);
}

/**
 * Runs `act` and checks that no execution of any kind (also no error execution) started:
 * executions start asynchronously, so a stray one gets time to show up.
 */
export async function expectNoNewExecution(
	rest: N8nRest,
	workflowId: string,
	act: () => Promise<void>,
): Promise<void> {
	const before = (await rest.executions(workflowId)).count;
	await act();
	await new Promise((resolve) => setTimeout(resolve, 1500));
	const after = await rest.executions(workflowId);
	if (after.count !== before) {
		throw new Error(
			`Expected no new execution of ${workflowId}, found ${after.count - before}: ${JSON.stringify(after.results.slice(0, after.count - before))}`,
		);
	}
}
