/**
 * Publishing a changed 360dialog Trigger in a real n8n 2.41.1: n8n calls delete() and then
 * checkExists()/create() back to back, while the emulator applies changes 1.5 s later and checks
 * writes against the applied state only. A PATCH of the destination the DELETE is about to remove
 * would be accepted and lost; the trigger must end with exactly one working destination.
 */
import { stopAllN8n, waitFor } from '../harness/n8n';
import { waitForExecutions } from './support/executions';
import { loadPayload } from '../test/fixtures/samples';
import { PUBLIC_HOST } from '../harness/publicHost';
import { type Stack } from '../harness/stack';
import { FOREIGN, SECRET_HEADER, startTriggerStack } from './support/triggerStack';
import type { WorkflowNode } from '../harness/workflows/nodes';
import {
	OUTPUT_PATHS,
	TRIGGER_NODE,
	TRIGGER_WORKFLOW_ID,
} from '../harness/workflows/triggerWorkflow';

let stack: Stack;
let webhookId = '';

beforeAll(async () => {
	({ stack, webhookId } = await startTriggerStack({
		emulatorOptions: { validateAgainst: 'applied', applyDelayMs: 1500 },
	}));
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

const productionUrl = () => `https://${PUBLIC_HOST}/webhook/${webhookId}/webhook`;
const explainN8n = async () => `n8n log:\n${await stack.n8n.logTail()}`;
const ourDestinations = () =>
	stack.emulator.multiWebhook().destinations.filter((d) => d.name !== FOREIGN.name);

async function published() {
	await waitFor(
		'the workflow to be published',
		async () => (await stack.rest.publicationStatus(TRIGGER_WORKFLOW_ID)).status === 'published',
		{ timeoutMs: 60_000, explain: explainN8n },
	);
}

test('at start-up the trigger adds its destination', async () => {
	await published();
	await waitFor('our destination', () => ourDestinations().length === 1, {
		timeoutMs: 60_000,
		explain: explainN8n,
	});
	await stack.emulator.settle();
	expect(ourDestinations()).toEqual([
		{
			name: expect.stringMatching(new RegExp(`^n8n-${TRIGGER_WORKFLOW_ID}-`)),
			url: productionUrl(),
			headers: { [SECRET_HEADER]: expect.stringMatching(/^[0-9a-f]{48}$/) },
		},
	]);
});

test('publishing a changed trigger ends with exactly one working destination of ours', async () => {
	const [before] = ourDestinations();
	stack.emulator.clearRequests();
	const { nodes } = await stack.rest.call<{ nodes: WorkflowNode[] }>(
		'GET',
		`/workflows/${TRIGGER_WORKFLOW_ID}`,
	);
	const changed = nodes.map((node) =>
		node.name === TRIGGER_NODE
			? { ...node, parameters: { ...node.parameters, events: ['message'] } }
			: node,
	);
	await stack.rest.updateWorkflow(TRIGGER_WORKFLOW_ID, { nodes: changed });
	await stack.rest.activate(TRIGGER_WORKFLOW_ID);

	// n8n removed the old registration and made the new one: a DELETE, then (once 360dialog
	// shows it applied) a new PUT; never a PATCH onto the destination on its way out.
	await waitFor(
		'the DELETE and the new PUT',
		() => stack.emulator.requests.some((r) => r.method === 'PUT'),
		{ timeoutMs: 60_000, explain: explainN8n },
	);
	await published();
	const writes = stack.emulator.requests
		.filter((r) => r.method !== 'GET')
		.map((r) => `${r.method} ${r.path}`);
	expect(writes).toEqual([
		`DELETE /multi_webhook/${encodeURIComponent(before.name)}`,
		'PUT /multi_webhook',
	]);
	await stack.emulator.settle();
	// Exactly one, with the same name and the one secret it has had all along.
	expect(ourDestinations()).toEqual([before]);

	const executions = (await stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
	const deliveries = await stack.emulator.deliver(loadPayload('cloud/text.json'));
	expect(deliveries.find((d) => d.target === before.name)).toMatchObject({ status: 200 });
	await waitForExecutions(stack.rest, TRIGGER_WORKFLOW_ID, executions + 1, explainN8n);
	expect(stack.sink.bodies(OUTPUT_PATHS.messages)).toEqual([
		expect.objectContaining({ event: 'message', type: 'text' }),
	]);
});
