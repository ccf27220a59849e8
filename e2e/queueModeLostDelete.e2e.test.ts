/**
 * Re-activation after a DELETE whose answer never came, in queue mode (main, two webhook
 * processors, two workers, PostgreSQL, Redis): on deactivation 360dialog (the emulator) neither
 * answers the trigger's DELETE nor applies it, and changes apply 1.5 s late, as 360dialog's do.
 * Activating again must neither block for minutes nor end without a destination: the trigger
 * sends the DELETE again, adds its destination anew, and every notification reaches the
 * workflow exactly once, through either webhook processor.
 */
import { sampleTextNotification } from '../emulator';
import { stopAllN8n, waitFor } from '../harness/n8n';
import { PUBLIC_HOST } from '../harness/publicHost';
import { OUTPUT_PATHS, TRIGGER_WORKFLOW_ID } from '../harness/workflows/triggerWorkflow';
import { waitForExecutions } from './support/executions';
import {
	ourDestination,
	startQueueTriggerStack,
	type QueueTriggerStack,
} from './support/queueDelivery';
import { FOREIGN, SECRET_HEADER } from './support/triggerStack';

let running: QueueTriggerStack;

beforeAll(async () => {
	running = await startQueueTriggerStack(
		{ webhookProcessors: 2, workers: 2 },
		{ emulatorOptions: { validateAgainst: 'applied', applyDelayMs: 1500 } },
	);
}, 300_000);

afterAll(async () => {
	await running?.stack.stop();
	await stopAllN8n();
});

const explainN8n = async () => `n8n log:\n${await running.stack.n8n.logTail()}`;
const ourDestinations = () =>
	running.stack.emulator.multiWebhook().destinations.filter((d) => d.name !== FOREIGN.name);

test('a DELETE that got no answer, then activation: the DELETE again and one working destination of ours', async () => {
	const { stack, webhookId } = running;
	const before = ourDestination(stack)!;
	const deletePath = `/multi_webhook/${encodeURIComponent(before.name)}`;
	// No answer at all: the connection stays open until the trigger's API timeout (10 s) ends it.
	stack.emulator.injectFault({ path: deletePath, method: 'DELETE', hang: true });
	// n8n 2.x answers at once and unpublishes in the background: the trigger waits out its API
	// timeout, then looks for the destination as long again, before n8n reports it unpublished.
	await stack.rest.deactivate(TRIGGER_WORKFLOW_ID).catch(() => undefined);
	await waitFor(
		'the deactivation to end',
		async () =>
			!['published', 'in_progress'].includes(
				(await stack.rest.publicationStatus(TRIGGER_WORKFLOW_ID)).status,
			),
		{ timeoutMs: 60_000, explain: explainN8n },
	);
	expect(stack.emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
		deletePath,
	]);
	await stack.emulator.settle();
	// 360dialog never applied it: the destination is still there, still ours.
	expect(ourDestinations()).toEqual([before]);

	stack.emulator.clearRequests();
	const activating = Date.now();
	await stack.rest.activate(TRIGGER_WORKFLOW_ID);
	await waitFor(
		'the workflow to be published again',
		async () => (await stack.rest.publicationStatus(TRIGGER_WORKFLOW_ID)).status === 'published',
		{ timeoutMs: 60_000, explain: explainN8n },
	);
	console.info(`re-activated after the lost DELETE in ${(Date.now() - activating) / 1000} s`);
	const writes = stack.emulator.requests
		.filter((r) => r.method !== 'GET')
		.map((r) => `${r.method} ${r.path}`);
	expect(writes).toEqual([`DELETE ${deletePath}`, 'PUT /multi_webhook']);
	await stack.emulator.settle();
	const [after] = ourDestinations();
	expect(ourDestinations()).toEqual([
		{
			name: before.name,
			url: `https://${PUBLIC_HOST}/webhook/${webhookId}/webhook`,
			headers: { [SECRET_HEADER]: expect.stringMatching(/^[0-9a-f]{48}$/) },
		},
	]);

	// Two notifications, which the emulator delivers to the webhook processors in turn.
	const executions = (await stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
	const events = [1, 2].map((n) => sampleTextNotification(undefined, `after re-activation ${n}`));
	for (const event of events) {
		const deliveries = await stack.emulator.deliver(event);
		expect(deliveries.find((d) => d.target === after.name)).toMatchObject({ status: 200 });
	}
	await waitForExecutions(stack.rest, TRIGGER_WORKFLOW_ID, executions + 2, explainN8n);
	const emitted = (stack.sink.bodies(OUTPUT_PATHS.messages) as Array<{ message_id: string }>).map(
		(item) => item.message_id,
	);
	expect(emitted.sort()).toEqual(
		events.map((event) => event.entry[0].changes[0].value.messages[0].id).sort(),
	);
});
