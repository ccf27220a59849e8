import { waitFor, type N8nRest } from '../../harness/n8n';

/** The workflow's execution count once none is running any more. */
export async function settledExecutionCount(
	rest: N8nRest,
	workflowId: string,
): Promise<number | undefined> {
	const { count, results } = await rest.executions(workflowId);
	return results.every((execution) => execution.stoppedAt) ? count : undefined;
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
