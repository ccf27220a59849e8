import type { DeliveryResult } from '../../emulator';
import type { ExecutionSummary } from '../../harness/n8n';
import type { Stack } from '../../harness/stack';
import { OUTPUT_PATHS, TRIGGER_WORKFLOW_ID } from '../../harness/workflows/triggerWorkflow';
import type { ExpectedItems } from '../../test/fixtures/samples';
import { waitForExecutions } from './executions';

export interface Delivered {
	/** What the emulator's fan-out got from each target. */
	deliveries: DeliveryResult[];
	/** What each output of the trigger workflow forwarded to the sink for this notification. */
	items: ExpectedItems;
	/** The execution it started. */
	execution: ExecutionSummary;
}

/**
 * Delivers one notification through the emulator's fan-out (as 360dialog would), waits for the
 * one execution it starts to finish, and collects what the trigger workflow forwarded.
 */
export async function deliverAndCollect(stack: Stack, body: unknown): Promise<Delivered> {
	const { sink, emulator, rest } = stack;
	const forwarded = (): ExpectedItems => ({
		messages: sink.bodies(OUTPUT_PATHS.messages),
		statuses: sink.bodies(OUTPUT_PATHS.statuses),
		errors: sink.bodies(OUTPUT_PATHS.errors),
	});
	const executionsBefore = (await rest.executions(TRIGGER_WORKFLOW_ID)).count;
	const before = forwarded();
	const deliveries = await emulator.deliver(body);
	// n8n answers before it runs the workflow: one more execution, and it has to finish.
	await waitForExecutions(rest, TRIGGER_WORKFLOW_ID, executionsBefore + 1, async () => {
		const logs = await Promise.all(
			[stack.n8n, ...(stack.queue?.workers ?? [])].map(async (n8n) => await n8n.logTail()),
		);
		const { count, results } = await rest.executions(TRIGGER_WORKFLOW_ID);
		const listed = results
			.slice(0, 5)
			.map((e) => `${e.id} ${e.status} created ${e.createdAt} stopped ${e.stoppedAt}`);
		return [
			`deliveries: ${JSON.stringify(deliveries)}`,
			`${count} executions, newest: ${listed.join('; ')}`,
			`n8n logs:\n${logs.join('\n---\n')}`,
		].join('\n');
	});
	const [execution] = (await rest.executions(TRIGGER_WORKFLOW_ID)).results;
	const after = forwarded();
	const items: ExpectedItems = {
		messages: after.messages.slice(before.messages.length),
		statuses: after.statuses.slice(before.statuses.length),
		errors: after.errors.slice(before.errors.length),
	};
	return { deliveries, items, execution };
}
