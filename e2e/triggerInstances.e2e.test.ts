/**
 * Two n8n instances (own user folders, so own instance ids; own N8N_WEBHOOK_URL hosts), the same
 * exported workflow (same workflow, node and webhook ids) published on both, one phone number:
 * two destinations, and both instances receive. Deactivating one leaves the other's alone.
 */
import { stopAllN8n, waitFor } from '../harness/n8n';
import { waitForExecutions } from './support/executions';
import { loadPayload } from '../test/fixtures/samples';
import type { Instance, Stack } from '../harness/stack';
import { FOREIGN, SECRET_HEADER, startTriggerStack } from './support/triggerStack';
import { TRIGGER_WORKFLOW_ID } from '../harness/workflows/triggerWorkflow';

const HOSTS = ['n8n-a.test', 'n8n-b.test'];

let stack: Stack;
let webhookId = '';

beforeAll(async () => {
	({ stack, webhookId } = await startTriggerStack({ hosts: HOSTS }));
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

const urlOf = (instance: Instance) => `https://${instance.host}/webhook/${webhookId}/webhook`;
const destinationOf = (instance: Instance) =>
	stack.emulator.multiWebhook().destinations.find((d) => d.url === urlOf(instance));
const explain = async () =>
	(
		await Promise.all(stack.instances.map(async (i) => `${i.host}:\n${await i.n8n.logTail(40)}`))
	).join('\n');

test('each instance registers its own destination for the same workflow', async () => {
	const [a, b] = stack.instances;
	await waitFor('both destinations', () => destinationOf(a) && destinationOf(b), {
		timeoutMs: 90_000,
		explain,
	});
	await stack.emulator.settle();
	const [ofA, ofB] = [destinationOf(a)!, destinationOf(b)!];
	const pattern = new RegExp(`^n8n-${TRIGGER_WORKFLOW_ID}-[0-9a-f]{8}-[0-9a-f]{8}-prod$`);
	expect(ofA.name).toMatch(pattern);
	expect(ofB.name).toMatch(pattern);
	// Same workflow, node and path: only the instance part differs.
	expect(ofA.name).not.toBe(ofB.name);
	expect(ofA.headers[SECRET_HEADER]).not.toBe(ofB.headers[SECRET_HEADER]);
	expect(stack.emulator.multiWebhook().destinations).toEqual([FOREIGN, ofA, ofB]);
});

test('one notification reaches both instances', async () => {
	const deliveries = await stack.emulator.deliver(loadPayload('cloud/text.json'));
	expect(deliveries.map((d) => [d.target, d.status])).toEqual([
		['phone_number', 200],
		[FOREIGN.name, null],
		[destinationOf(stack.instances[0])!.name, 200],
		[destinationOf(stack.instances[1])!.name, 200],
	]);
	for (const instance of stack.instances) {
		await waitForExecutions(instance.rest, TRIGGER_WORKFLOW_ID, 1, explain);
	}
});

test("deactivating on one instance removes only that instance's destination; the other keeps receiving", async () => {
	const [a, b] = stack.instances;
	const ofB = destinationOf(b);
	await a.rest.deactivate(TRIGGER_WORKFLOW_ID);
	await waitFor(
		'the destination of instance A to be gone',
		async () => {
			await stack.emulator.settle();
			return destinationOf(a) === undefined;
		},
		{ timeoutMs: 30_000, explain },
	);
	expect(stack.emulator.multiWebhook().destinations).toEqual([FOREIGN, ofB]);

	await stack.emulator.deliver(loadPayload('cloud/status_read.json'));
	await waitForExecutions(b.rest, TRIGGER_WORKFLOW_ID, 2, explain);
	expect((await a.rest.executions(TRIGGER_WORKFLOW_ID)).count).toBe(1);
});
