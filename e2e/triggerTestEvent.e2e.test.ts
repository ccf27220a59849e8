/**
 * "Listen for test event" in a real n8n (2.41.1, and 1.123.81 where HARNESS_N8N_VERSION says so):
 * n8n hands the trigger its test URL (/webhook-test/…), the trigger registers that URL as its own
 * destination beside the production one, the test event reaches the manual execution, and n8n's
 * delete() after the event removes exactly the test destination.
 */
import { stopAllN8n, waitFor } from '../harness/n8n';
import { PUBLIC_HOST } from '../harness/publicHost';
import { type Stack } from '../harness/stack';
import {
	OUTPUT_PATHS,
	TRIGGER_NODE,
	TRIGGER_WORKFLOW_ID,
} from '../harness/workflows/triggerWorkflow';
import { loadPayload } from '../test/fixtures/samples';
import { FOREIGN, SECRET_HEADER, startTriggerStack } from './support/triggerStack';

let stack: Stack;
let webhookId = '';

beforeAll(async () => {
	({ stack, webhookId } = await startTriggerStack());
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

const urlOf = (endpoint: 'webhook' | 'webhook-test') =>
	`https://${PUBLIC_HOST}/${endpoint}/${webhookId}/webhook`;
const destinations = () => stack.emulator.multiWebhook().destinations;
const explainN8n = async () => `n8n log:\n${await stack.n8n.logTail()}`;

test('the production destination is registered at start-up', async () => {
	await waitFor(
		'the production destination',
		() => destinations().some((d) => d.url === urlOf('webhook')),
		{ timeoutMs: 60_000, explain: explainN8n },
	);
});

test('the test URL is registered, receives the test event, and is removed after it', async () => {
	// Unpublished, so the one delivery goes to the test listener alone (Drop Redeliveries keeps
	// one memory per node, shared by test and production executions).
	await stack.rest.deactivate(TRIGGER_WORKFLOW_ID);
	await waitFor('the production destination to go', () => destinations().length === 1, {
		timeoutMs: 30_000,
		explain: explainN8n,
	});
	expect(destinations()).toEqual([FOREIGN]);

	const executionsBefore = (await stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
	await stack.rest.listenForTestEvent(TRIGGER_WORKFLOW_ID, TRIGGER_NODE);
	const testDestination = await waitFor(
		'the test destination in the emulator',
		() => destinations().find((d) => d.url === urlOf('webhook-test')),
		{ timeoutMs: 30_000, explain: explainN8n },
	);
	expect(testDestination).toEqual({
		name: expect.stringMatching(
			new RegExp(`^n8n-${TRIGGER_WORKFLOW_ID}-[0-9a-f]{8}-[0-9a-f]{8}-test$`),
		),
		url: urlOf('webhook-test'),
		headers: { [SECRET_HEADER]: expect.stringMatching(/^[0-9a-f]{48}$/) },
	});
	expect(destinations()).toEqual([FOREIGN, testDestination]);
	await stack.emulator.settle();

	const body = loadPayload('cloud/text.json');
	const deliveries = await stack.emulator.deliver(body);
	expect(deliveries.find((d) => d.target === testDestination.name)).toMatchObject({
		url: urlOf('webhook-test'),
		status: 200,
	});
	const execution = await waitFor(
		'the manual execution of the test event',
		async () => {
			const { count, results } = await stack.rest.executions(TRIGGER_WORKFLOW_ID);
			return count > executionsBefore && results[0].stoppedAt ? results[0] : undefined;
		},
		{ timeoutMs: 60_000, explain: explainN8n },
	);
	expect(execution).toMatchObject({ mode: 'manual', status: 'success' });
	const details = await stack.rest.execution(execution.id);
	const messages = details.runData[TRIGGER_NODE][0].data?.main?.[0] ?? [];
	expect(messages.map((item) => item.json.message_id)).toEqual([
		(body as { entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }> })
			.entry[0].changes[0].value.messages[0].id,
	]);
	expect(stack.sink.bodies(OUTPUT_PATHS.messages).length).toBeGreaterThan(0);

	// After the one test event n8n calls delete() with the test URL: only that destination goes.
	await waitFor('the test destination to be removed', () => destinations().length === 1, {
		timeoutMs: 30_000,
		explain: explainN8n,
	});
	expect(destinations()).toEqual([FOREIGN]);
});

test('published again, the production URL is registered again and the test URL stays away', async () => {
	await stack.rest.activate(TRIGGER_WORKFLOW_ID);
	const production = await waitFor(
		'the production destination again',
		() => destinations().find((d) => d.url === urlOf('webhook')),
		{ timeoutMs: 60_000, explain: explainN8n },
	);
	expect(production.name).toMatch(/-prod$/);
	expect(destinations()).toEqual([FOREIGN, production]);
});
