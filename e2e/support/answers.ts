import { request } from 'undici';
import type { SentMessage } from '../../emulator';
import { waitFor, type ExecutionDetails } from '../../harness/n8n';
import type { Stack } from '../../harness/stack';
import { ASK_START } from '../../harness/workflows/askWorkflow';
import { OUTPUT_PATHS, TRIGGER_WORKFLOW_ID } from '../../harness/workflows/triggerWorkflow';

/** The Send and Wait end-to-end tests' way through a stack: ask, tap, wait for the outcome. */

export const explainN8n = (stack: Stack) => async () => {
	const logs = await Promise.all(
		[stack.n8n, ...(stack.queue?.webhookProcessors ?? []), ...(stack.queue?.workers ?? [])].map(
			async (n8n) => await n8n.logTail(),
		),
	);
	return `n8n logs:\n${logs.join('\n---\n')}`;
};

/** Starts an ask workflow and waits until its execution waits for the answer. */
export async function askAndWait(
	stack: Stack,
	workflowId: string,
): Promise<{ executionId: string; sent: SentMessage }> {
	const before = stack.emulator.messages().length;
	const { executionId } = await stack.rest.startManually(workflowId, ASK_START);
	if (!executionId) throw new Error('n8n started no execution');
	await waitFor(
		`execution ${executionId} to wait`,
		async () => (await stack.rest.execution(executionId)).status === 'waiting',
		{ timeoutMs: 60_000, explain: explainN8n(stack) },
	);
	const sent = stack.emulator.messages().slice(before);
	if (sent.length !== 1) throw new Error(`Expected one question, the emulator got ${sent.length}`);
	return { executionId, sent: sent[0] };
}

export async function finishedSuccessfully(
	stack: Stack,
	executionId: string,
): Promise<ExecutionDetails> {
	const execution = await stack.rest.finished(executionId);
	if (execution.status !== 'success') {
		throw new Error(
			`Execution ${executionId} ended ${execution.status}: ${JSON.stringify(execution.error)}`,
		);
	}
	return execution;
}

/** One of the emulator's control calls (as another process would make it). */
export async function control(stack: Stack, path: string, body: object) {
	const response = await request(`${stack.emulator.url}/_emulator${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.body.text();
	if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${text}`);
	return JSON.parse(text) as { deliveries: Array<{ target: string; status: number | null }> };
}

export const buttonsOf = (sent: SentMessage) =>
	(
		sent.body.interactive as {
			action: { buttons: Array<{ reply: { id: string; title: string } }> };
		}
	).action.buttons.map(({ reply }) => reply);

/** What the trigger emitted on Messages, oldest first. */
export const triggerMessages = (stack: Stack) =>
	stack.sink.bodies(OUTPUT_PATHS.messages) as Array<Record<string, unknown>>;

/** Waits until the trigger workflow has run `count` executions in all, none still running. */
export async function triggerExecutions(stack: Stack, count: number) {
	await waitFor(
		`${count} trigger executions`,
		async () => {
			const { count: seen, results } = await stack.rest.executions(TRIGGER_WORKFLOW_ID);
			return seen >= count && results.every((execution) => execution.stoppedAt);
		},
		{ timeoutMs: 30_000, explain: explainN8n(stack) },
	);
}
