import type { Emulator } from '../../emulator';
import { sampleTextNotification } from '../../emulator';
import { waitFor, type ExecutionDetails, type N8nRest, type RunningN8n } from '../../e2e/n8n';

export const CHECK_MESSAGE = 'Hello from npm run dev -- --check';

/**
 * `npm run dev -- --check`: what a newcomer would do by hand once `npm run dev` is up. Delivers the
 * example WhatsApp message through the emulator's fan-out, waits for the example workflow's
 * execution, and says what ran. Throws (so the dev command exits non-zero) when the emulator could
 * not deliver to n8n, or the execution did not succeed.
 */
export async function checkExampleWorkflow(options: {
	n8n: RunningN8n;
	rest: N8nRest;
	emulator: Emulator;
	workflowId: string;
}): Promise<ExecutionDetails> {
	const { n8n, rest, emulator, workflowId } = options;
	const explain = async () => `n8n log (${n8n.logFile}):\n${await n8n.logTail()}`;
	const before = (await rest.executions(workflowId)).count;

	const deliveries = await emulator.deliver(sampleTextNotification(undefined, CHECK_MESSAGE));
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

	const finished = await waitFor(
		'the example workflow to run on the delivered message',
		async () => {
			const { count, results } = await rest.executions(workflowId);
			const newest = results[0];
			return count > before && newest?.stoppedAt ? newest : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 250, explain },
	);
	const execution = await rest.execution(finished.id);
	for (const [nodeName, runs] of Object.entries(execution.runData)) {
		const items = (runs[0]?.data?.main ?? []).map((output) => output?.length ?? 0);
		const error = runs[0]?.error?.message;
		console.log(
			`[check] ${nodeName}: ${error ? `error: ${error}` : `items per output ${items.join('/')}`}`,
		);
	}
	if (execution.status !== 'success') {
		throw new Error(
			`The example workflow's execution ${execution.id} ended "${execution.status}"${execution.error?.message ? `: ${execution.error.message}` : ''}\n${await explain()}`,
		);
	}
	console.log(`[check] execution ${execution.id} of the example workflow: ${execution.status}`);
	return execution;
}
