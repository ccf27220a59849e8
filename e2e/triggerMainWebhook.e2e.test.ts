/**
 * The trigger's Main Webhook option in a real n8n 2.41.1. 360dialog copies a notification to the
 * multi-webhook destinations only after the number's main webhook answered 200, so on a number
 * without one: Require One (the default) fails activation before any write and says why; Use
 * This Trigger When None Is Set makes the trigger the phone-number webhook until deactivation.
 */
import { FOREIGN_HOST_ERROR } from '../emulator';
import { stopAllN8n, waitFor } from '../harness/n8n';
import { waitForExecutions } from './support/executions';
import { loadPayload } from '../test/fixtures/samples';
import { PUBLIC_HOST } from '../harness/publicHost';
import { startStack, type Stack } from '../harness/stack';
import { FOREIGN, SECRET_HEADER } from './support/triggerStack';
import { triggerWorkflow } from '../harness/workflows/triggerWorkflow';

const REQUIRE_ONE = 'e2eMainRequire01';
const USE_TRIGGER = 'e2eMainUseTrig01';

let stack: Stack;
const webhookIds: Record<string, string> = {};

beforeAll(async () => {
	stack = await startStack({
		workflows: ({ credential, sink }) =>
			[
				{ id: REQUIRE_ONE, parameters: {} },
				{ id: USE_TRIGGER, parameters: { mainWebhook: 'useTrigger' } },
			].map(({ id, parameters }) => {
				const built = triggerWorkflow(credential, sink.url, {
					id,
					name: id,
					parameters,
					paths: { messages: `/${id}/m`, statuses: `/${id}/s`, errors: `/${id}/e` },
				});
				webhookIds[id] = built.webhookId;
				return built.workflow;
			}),
		// Nothing published at start: each test activates over REST. No main webhook.
		emulatorState: () => ({ multiWebhook: { enabled: true, destinations: [FOREIGN] } }),
	});
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

const productionUrl = (id: string) => `https://${PUBLIC_HOST}/webhook/${webhookIds[id]}/webhook`;
const explainN8n = async () => `n8n log:\n${await stack.n8n.logTail()}`;
const writes = () => stack.emulator.requests.filter((r) => r.method !== 'GET');

describe('Require One (the default)', () => {
	test('on a number without a main webhook, activation fails before any write and says why and what to do', async () => {
		stack.emulator.clearRequests();
		await stack.rest.activate(REQUIRE_ONE);
		// n8n retries a failed activation a few times (1, 2, 4, 8 s) before it reports it.
		const status = await waitFor(
			'the activation to fail',
			async () => {
				const current = await stack.rest.publicationStatus(REQUIRE_ONE);
				return current.status === 'failed' && current;
			},
			{ timeoutMs: 90_000, intervalMs: 1000, explain: explainN8n },
		);
		expect(status.triggers).toEqual([
			expect.objectContaining({
				status: 'failed',
				errorMessage:
					'This phone number has no main webhook, so 360dialog would deliver nothing to this trigger',
			}),
		]);
		expect(stack.emulator.requests.length).toBeGreaterThan(0);
		expect(writes()).toEqual([]);
		expect(stack.emulator.multiWebhook().destinations).toEqual([FOREIGN]);
		expect(stack.emulator.phoneNumberWebhook()).toBeNull();
		// Unpublish the failed version; there is nothing of ours to remove, so no call either.
		await stack.rest.deactivate(REQUIRE_ONE).catch(() => undefined);
	});
});

describe('Use This Trigger When None Is Set', () => {
	test('becomes the phone-number webhook with its secret header, and receives as the main destination', async () => {
		await stack.rest.activate(USE_TRIGGER);
		const main = await waitFor(
			'the trigger to be the phone-number webhook',
			() =>
				stack.emulator.phoneNumberWebhook()?.url === productionUrl(USE_TRIGGER) &&
				stack.emulator.phoneNumberWebhook(),
			{ timeoutMs: 60_000, explain: explainN8n },
		);
		expect(main).toEqual({
			url: productionUrl(USE_TRIGGER),
			headers: { [SECRET_HEADER]: expect.stringMatching(/^[0-9a-f]{48}$/) },
		});
		// As the main destination it needs no destination of its own (it would get everything twice).
		expect(stack.emulator.multiWebhook().destinations).toEqual([FOREIGN]);
		await waitFor('the workflow to be published', async () => {
			return (await stack.rest.publicationStatus(USE_TRIGGER)).status === 'published';
		});

		const deliveries = await stack.emulator.deliver(loadPayload('cloud/text.json'));
		expect(deliveries).toEqual([
			expect.objectContaining({
				target: 'phone_number',
				url: productionUrl(USE_TRIGGER),
				status: 200,
			}),
			// Only after our 200 does 360dialog copy to the destinations.
			expect.objectContaining({ target: FOREIGN.name, error: FOREIGN_HOST_ERROR }),
		]);
		await waitForExecutions(stack.rest, USE_TRIGGER, 1, explainN8n);
		expect(stack.sink.bodies(`/${USE_TRIGGER}/m`)).toEqual([
			expect.objectContaining({ event: 'message', type: 'text' }),
		]);
	});

	test('deactivation clears the phone-number webhook it set, and nothing else', async () => {
		await stack.rest.deactivate(USE_TRIGGER);
		await waitFor(
			'the phone-number webhook to be cleared',
			() => stack.emulator.phoneNumberWebhook() === null,
			{
				timeoutMs: 30_000,
				explain: explainN8n,
			},
		);
		expect(stack.emulator.multiWebhook()).toMatchObject({ enabled: true, destinations: [FOREIGN] });
		expect(writes().filter((r) => r.method === 'DELETE')).toEqual([]);
	});

	test('a main webhook set by someone else is left alone: the trigger adds its own destination beside it', async () => {
		const theirs = { url: `${stack.sink.url}/their-app` };
		stack.emulator.setState({ phoneNumberWebhook: theirs });
		await stack.rest.activate(USE_TRIGGER);
		const ours = await waitFor(
			'our destination',
			() =>
				stack.emulator
					.multiWebhook()
					.destinations.find((d) => d.url === productionUrl(USE_TRIGGER)),
			{ timeoutMs: 60_000, explain: explainN8n },
		);
		expect(ours.name).toMatch(new RegExp(`^n8n-${USE_TRIGGER}-`));
		await stack.rest.deactivate(USE_TRIGGER);
		await waitFor(
			'our destination to be gone',
			() => !stack.emulator.multiWebhook().destinations.some((d) => d.name === ours.name),
			{ timeoutMs: 30_000, explain: explainN8n },
		);
		expect(stack.emulator.phoneNumberWebhook()).toEqual(theirs);
	});
});
