/**
 * Send and Wait for Response in n8n's queue mode (main, two webhook processors, a worker,
 * PostgreSQL, Redis): the question is asked by a worker, the customer's tap reaches whichever
 * webhook processor 360dialog's delivery lands on, the trigger's execute() on the worker passes
 * it to n8n's resume URL, and the waiting execution goes on, on the worker. A second tap answers
 * nothing and comes out of the trigger saying so.
 */
import { stopAllN8n, waitFor } from '../harness/n8n';
import { startStack, type Stack } from '../harness/stack';
import { answersPath, askWorkflow } from '../harness/workflows/askWorkflow';
import { TRIGGER_WORKFLOW_ID, triggerWorkflow } from '../harness/workflows/triggerWorkflow';
import {
	askAndWait,
	control,
	explainN8n,
	finishedSuccessfully,
	triggerExecutions,
	triggerMessages,
} from './support/answers';

const CUSTOMER = '4917612345678';
const ASK = 'e2eAskQueueMode1';

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({
		queueMode: { webhookProcessors: 2, workers: 1 },
		workflows: ({ credential, sink, n8nUrls }) => [
			// In queue mode the webhook processors take n8n's resume requests (webhook-waiting).
			triggerWorkflow(credential, sink.url, {
				parameters: { options: { answersBaseUrl: n8nUrls.webhookProcessors[0] } },
			}).workflow,
			askWorkflow(ASK, credential, sink.url, {
				to: CUSTOMER,
				message: 'Ship order A-7 today?',
				responseType: 'approval',
				approvalOptions: { values: { approvalType: 'double' } },
				options: {},
			}),
		],
		publish: [TRIGGER_WORKFLOW_ID],
		emulatorState: ({ sink }) => ({ phoneNumberWebhook: { url: `${sink.url}/main-webhook` } }),
	});
	await waitFor(
		"the trigger's destination",
		() => stack.emulator.multiWebhook().destinations.length === 1,
		{ timeoutMs: 60_000, explain: explainN8n(stack) },
	);
	stack.emulator.setWindow(CUSTOMER, true);
}, 300_000);

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

test('taps through both webhook processors resume their executions on the worker', async () => {
	for (const [round, title] of ['✓ Approve', '✗ Decline'].entries()) {
		const { executionId, sent } = await askAndWait(stack, ASK);
		const { deliveries } = await control(stack, '/tap', { message_id: sent.id, title });
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		await finishedSuccessfully(stack, executionId);
		expect(stack.sink.bodies(answersPath(ASK))[round]).toMatchObject({
			answered: true,
			data: { approved: round === 0 },
			wa_id: CUSTOMER,
			answered_via: 'reply_button',
		});
	}
	// The emulator delivers to the webhook processors in turn: each got one of the two taps.
	expect(triggerMessages(stack).filter((m) => m.type === 'interactive')).toEqual([]);
});

test('a second tap answers nothing and comes out of the trigger saying so', async () => {
	const { executionId, sent } = await askAndWait(stack, ASK);
	await control(stack, '/tap', { message_id: sent.id, title: '✓ Approve' });
	await finishedSuccessfully(stack, executionId);
	const before = (await stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
	await control(stack, '/tap', { message_id: sent.id, title: '✗ Decline' });
	await triggerExecutions(stack, before + 1);
	expect(triggerMessages(stack).filter((m) => m.type === 'interactive')).toEqual([
		expect.objectContaining({
			reply: expect.objectContaining({ title: '✗ Decline' }),
			answer: expect.objectContaining({ resumed: false }),
		}),
	]);
	expect(stack.sink.bodies(answersPath(ASK))).toHaveLength(3);
});
