import type { Emulator } from '../../emulator';
import { sampleTextNotification } from '../../emulator';
import {
	waitFor,
	type ExecutionDetails,
	type ExecutionSummary,
	type N8nRest,
	type RunningN8n,
} from '../../harness/n8n';

export const CHECK_MESSAGE = 'Hello from npm run dev -- --check';

interface CheckTarget {
	n8n: RunningN8n;
	rest: N8nRest;
	emulator: Emulator;
	workflowId: string;
}

/**
 * `npm run dev -- --check`: what a newcomer would do by hand once `npm run dev` is up. Delivers the
 * example WhatsApp message through the emulator's fan-out and follows the example workflow through
 * the whole loop: its execution succeeds, the emulator receives the read receipt and the button
 * reply, and the reply's sent and delivered statuses run the workflow again. Throws (so the dev
 * command exits non-zero) at the first step that does not happen.
 */
export async function checkExampleWorkflow(target: CheckTarget): Promise<void> {
	const { emulator, workflowId } = target;
	const explain = async () => `n8n log (${target.n8n.logFile}):\n${await target.n8n.logTail()}`;
	const before = new Set((await target.rest.executions(workflowId)).results.map(({ id }) => id));

	const notification = sampleTextNotification(undefined, CHECK_MESSAGE);
	const deliveries = await emulator.deliver(notification);
	for (const delivery of deliveries) {
		console.log(
			`[check] delivered to ${delivery.target}: ${delivery.status ?? delivery.error} (${delivery.ms} ms)`,
		);
	}
	const toN8n = deliveries.find((delivery) => delivery.target.startsWith(`n8n-${workflowId}-`));
	if (toN8n?.status !== 200) {
		throw new Error(
			`The emulator could not deliver the message to the trigger (${toN8n ? (toN8n.status ?? toN8n.error) : 'no destination of the example workflow'})\n${await explain()}`,
		);
	}
	const incomingId = messageIdOf(notification);

	const [first] = await newExecutions(target, before, 1, explain);
	await expectSuccess(target, first, explain);

	const reply = emulator.messages().find((message) => replyTo(message.body) === incomingId);
	const receipt = emulator.readReceipts().find((read) => read.messageId === incomingId);
	if (!reply || !receipt) {
		throw new Error(
			`The example workflow ran, but the emulator got ${reply ? '' : 'no reply '}${receipt ? '' : 'no read receipt '}for ${incomingId}\n${await explain()}`,
		);
	}
	console.log(
		`[check] the emulator received a read receipt${receipt.typingIndicator ? ' with typing indicator' : ''} and a reply of type ${reply.type} (${reply.id})`,
	);

	// The reply's statuses (sent, then delivered) come back through the trigger's Statuses output.
	const statusRuns = await newExecutions(target, new Set([...before, first.id]), 2, explain);
	for (const execution of statusRuns) await expectSuccess(target, execution, explain);
}

/** Waits for `count` new finished executions of the workflow; returns them oldest first. */
async function newExecutions(
	{ rest, workflowId }: CheckTarget,
	known: Set<string>,
	count: number,
	explain: () => Promise<string>,
): Promise<ExecutionSummary[]> {
	return await waitFor(
		`${count} new execution(s) of the example workflow to finish`,
		async () => {
			const fresh = (await rest.executions(workflowId)).results
				.filter((execution) => !known.has(execution.id))
				.reverse();
			const done = fresh.slice(0, count);
			return done.length === count && done.every((execution) => execution.stoppedAt)
				? done
				: undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 250, explain },
	);
}

/** Prints what each node of the execution did; throws unless it succeeded. */
async function expectSuccess(
	{ rest }: CheckTarget,
	summary: ExecutionSummary,
	explain: () => Promise<string>,
): Promise<ExecutionDetails> {
	const execution = await rest.execution(summary.id);
	const ran = Object.entries(execution.runData).map(([nodeName, runs]) => {
		const error = runs[0]?.error?.message;
		const items = (runs[0]?.data?.main ?? []).map((output) => output?.length ?? 0).join('/');
		return `${nodeName} ${error ? `(error: ${error})` : `(${items})`}`;
	});
	console.log(`[check] execution ${execution.id}: ${execution.status}: ${ran.join(', ')}`);
	if (execution.status !== 'success') {
		throw new Error(
			`The example workflow's execution ${execution.id} ended "${execution.status}"${execution.error?.message ? `: ${execution.error.message}` : ''}\n${await explain()}`,
		);
	}
	return execution;
}

function messageIdOf(notification: unknown): string {
	const [entry] = (
		notification as {
			entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }>;
		}
	).entry;
	return entry.changes[0].value.messages[0].id;
}

function replyTo(body: Record<string, unknown>): unknown {
	return (body.context as { message_id?: unknown } | undefined)?.message_id;
}
