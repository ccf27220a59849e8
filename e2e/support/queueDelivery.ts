import { request } from 'undici';
import type { Destination } from '../../emulator';
import { waitFor, type RunningN8n } from '../../harness/n8n';
import type { QueueModeOptions } from '../../harness/queueMode';
import type { Stack, StackOptions } from '../../harness/stack';
import { FOREIGN, SECRET_HEADER, startTriggerStack } from './triggerStack';

export interface QueueTriggerStack {
	stack: Stack;
	webhookId: string;
}

export function ourDestination(stack: Stack): Destination | undefined {
	return stack.emulator.multiWebhook().destinations.find((d) => d.name !== FOREIGN.name);
}

/** The trigger workflow in queue mode, once its destination is registered. */
export async function startQueueTriggerStack(
	queueMode: QueueModeOptions,
	options: Pick<StackOptions, 'emulatorOptions'> = {},
): Promise<QueueTriggerStack> {
	const started = await startTriggerStack({ ...options, queueMode });
	await waitFor("the trigger's destination", () => ourDestination(started.stack), {
		timeoutMs: 60_000,
		explain: async () => `n8n log:\n${await started.stack.n8n.logTail()}`,
	});
	return started;
}

/**
 * One POST as 360dialog sends it to our destination, straight to one webhook processor: its
 * status, or null when no answer came (within `timeoutMs`, as 360dialog gives up after 5 s).
 */
export async function postAsOurDestination(
	{ stack, webhookId }: QueueTriggerStack,
	processor: RunningN8n,
	body: string,
	timeoutMs = 300_000,
): Promise<number | null> {
	try {
		const response = await request(`${processor.url}/webhook/${webhookId}/webhook`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				[SECRET_HEADER]: ourDestination(stack)!.headers[SECRET_HEADER],
			},
			body,
			headersTimeout: timeoutMs,
			bodyTimeout: timeoutMs,
		});
		await response.body.dump();
		return response.statusCode;
	} catch {
		return null;
	}
}
