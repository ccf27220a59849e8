/**
 * The 360dialog Trigger in a real n8n 2.41.1, installed from the packed tarball: it registers its
 * own multi-webhook destination beside a foreign one, turns every sample notification into items
 * on the right output, refuses callers without the secret (whatever they send as one, with no
 * execution of any kind), and removes exactly its destination.
 */
import { request } from 'undici';
import { FOREIGN_HOST_ERROR, sampleTextNotification, type Destination } from '../emulator';
import { stopAllN8n, waitFor } from '../harness/n8n';
import { deliverAndCollect as deliverTo } from './support/delivery';
import { expectNoNewExecution } from './support/executions';
import { PUBLIC_HOST } from '../harness/publicHost';
import { type Stack } from '../harness/stack';
import {
	FOREIGN,
	MAIN_WEBHOOK_PATH,
	SECRET_HEADER,
	startTriggerStack,
} from './support/triggerStack';
import {
	EXPECTED_ITEMS,
	expectedInSequence,
	loadPayload,
	samplePayloadNames,
	type ExpectedItems,
} from '../test/fixtures/samples';
import { TRIGGER_WORKFLOW_ID } from '../harness/workflows/triggerWorkflow';

/** JSON that is no WhatsApp notification: it must come out on Errors, never be dropped. */
const UNRECOGNIZED_BODY = { hello: 'world', note: 'not a WhatsApp notification' };

let stack: Stack;
let webhookId = '';
let firstSecret = '';

beforeAll(async () => {
	({ stack, webhookId } = await startTriggerStack());
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

const productionUrl = () => `https://${PUBLIC_HOST}/webhook/${webhookId}/webhook`;

function ourDestination(): Destination | undefined {
	return stack.emulator.multiWebhook().destinations.find((d) => d.name !== FOREIGN.name);
}

const explainN8n = async () => `n8n log:\n${await stack.n8n.logTail()}`;

/** Delivers one notification as 360dialog would; returns what each output forwarded. */
async function deliverAndCollect(body: unknown): Promise<ExpectedItems> {
	const { deliveries, items, execution } = await deliverTo(stack, body);
	const ours = ourDestination();
	// The main webhook first, then each destination; the foreign host is never contacted.
	expect(deliveries).toEqual([
		expect.objectContaining({ target: 'phone_number', status: 200 }),
		expect.objectContaining({ target: FOREIGN.name, status: null, error: FOREIGN_HOST_ERROR }),
		expect.objectContaining({ target: ours?.name, url: productionUrl(), status: 200 }),
	]);
	expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
	return items;
}

describe('activation', () => {
	test('at start-up adds our destination beside the foreign one', async () => {
		const ours = await waitFor('the trigger destination in the emulator', ourDestination, {
			timeoutMs: 60_000,
			explain: explainN8n,
		});
		expect(ours).toEqual({
			// The workflow, a hash of this n8n's instance id, a hash of the node and its path.
			name: expect.stringMatching(
				new RegExp(`^n8n-${TRIGGER_WORKFLOW_ID}-[0-9a-f]{8}-[0-9a-f]{8}-prod$`),
			),
			url: productionUrl(),
			headers: { [SECRET_HEADER]: expect.stringMatching(/^[0-9a-f]{48}$/) },
		});
		expect(stack.emulator.multiWebhook()).toMatchObject({
			enabled: true,
			destinations: [FOREIGN, ours],
		});
		// n8n marks the workflow published a moment after create() returned.
		const status = await waitFor(
			'n8n to report the workflow published',
			async () => {
				const current = await stack.rest.publicationStatus(TRIGGER_WORKFLOW_ID);
				return current.status !== 'in_progress' && current;
			},
			{ timeoutMs: 30_000, explain: explainN8n },
		);
		expect(status).toMatchObject({ status: 'published', triggers: [{ status: 'activated' }] });
		firstSecret = ours.headers[SECRET_HEADER];
	});
});

describe('fan-out of every sample payload', () => {
	const names = samplePayloadNames();

	test('every sample payload has its expected items', () => {
		expect(names.length).toBeGreaterThanOrEqual(16);
		expect(Object.keys(EXPECTED_ITEMS).sort()).toEqual(names);
	});

	// The same table the unit tests hold splitNotification to, through a real n8n, exactly. Two
	// samples repeat statuses of an earlier one (REPEATED_EVENTS): n8n's store drops them.
	test.each(names)('%s', async (name) => {
		const body = loadPayload(name);
		const received = await deliverAndCollect(body);
		expect(received).toEqual(expectedInSequence(name, body));
	});

	test('a notification delivered again starts an execution that ends at the trigger', async () => {
		const body = loadPayload('cloud/text.json');
		expect(await deliverAndCollect(body)).toEqual({ messages: [], statuses: [], errors: [] });
	});

	test('a JSON body that is no notification goes to Errors as unrecognized', async () => {
		const received = await deliverAndCollect(UNRECOGNIZED_BODY);
		expect(received).toEqual({
			messages: [],
			statuses: [],
			errors: [{ event: 'unrecognized', reason: expect.any(String), body: UNRECOGNIZED_BODY }],
		});
	});

	test('the main webhook got every notification too', () => {
		// Every sample, the one delivered again and the body that is no notification.
		expect(stack.sink.bodies(MAIN_WEBHOOK_PATH)).toHaveLength(names.length + 2);
	});
});

describe('callers other than 360dialog', () => {
	const post = async (headers: Record<string, string>, body: string) => {
		const response = await request(`${stack.n8n.url}/webhook/${webhookId}/webhook`, {
			method: 'POST',
			headers,
			body,
		});
		return { status: response.statusCode, text: await response.body.text() };
	};
	const json = { 'content-type': 'application/json' };
	const text = JSON.stringify(loadPayload('cloud/text.json'));

	const noNewExecution = async (run: () => Promise<void>) =>
		await expectNoNewExecution(stack.rest, TRIGGER_WORKFLOW_ID, run);

	test('no secret header: 401, no execution', async () => {
		await noNewExecution(async () => {
			expect(await post(json, text)).toEqual({ status: 401, text: '{"error":"Unauthorized"}' });
		});
	});

	test('a wrong secret: 401, no execution', async () => {
		await noNewExecution(async () => {
			const wrong = { ...json, [SECRET_HEADER]: 'f'.repeat(48) };
			expect((await post(wrong, text)).status).toBe(401);
		});
	});

	test("a header of the secret's length with a non-ASCII byte: 401, no execution of any kind", async () => {
		// 47 ASCII characters and "é": 48 characters as n8n reads the header (latin1), 49 bytes
		// in UTF-8. A length-checked compare threw here: n8n answered 500 with an error execution.
		const raw = Buffer.concat([Buffer.from('a'.repeat(47)), Buffer.from([0xe9])]).toString(
			'latin1',
		);
		await noNewExecution(async () => {
			const reply = await post({ ...json, [SECRET_HEADER]: raw }, text);
			expect(reply).toEqual({ status: 401, text: '{"error":"Unauthorized"}' });
		});
		expect(await stack.n8n.logTail(200)).not.toMatch(/RangeError|Input buffers must have the same/);
	});

	test('the right secret but a body that is not JSON: 400, no execution', async () => {
		const secret = ourDestination()?.headers[SECRET_HEADER] ?? '';
		await noNewExecution(async () => {
			const reply = await post({ 'content-type': 'text/plain', [SECRET_HEADER]: secret }, 'hello');
			expect(reply).toEqual({ status: 400, text: '{"error":"The body is not JSON"}' });
		});
	});

	test('broken JSON declared as JSON: n8n itself answers 422 before the node runs', async () => {
		const secret = ourDestination()?.headers[SECRET_HEADER] ?? '';
		await noNewExecution(async () => {
			const reply = await post({ ...json, [SECRET_HEADER]: secret }, '{"entry": [');
			expect(reply.status).toBe(422);
			expect(JSON.parse(reply.text)).toMatchObject({ message: 'Failed to parse request body' });
		});
	});
});

describe('deactivation', () => {
	test('removes exactly our destination and leaves the rest alone', async () => {
		const ours = ourDestination();
		expect(ours).toBeDefined();
		await stack.rest.deactivate(TRIGGER_WORKFLOW_ID);
		await waitFor('our destination to be gone', () => ourDestination() === undefined, {
			timeoutMs: 30_000,
			explain: explainN8n,
		});
		expect(stack.emulator.multiWebhook()).toMatchObject({ enabled: true, destinations: [FOREIGN] });
		expect(stack.emulator.phoneNumberWebhook()).toEqual({
			url: `${stack.sink.url}${MAIN_WEBHOOK_PATH}`,
		});
		const deletes = stack.emulator.requests.filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => r.path)).toEqual([
			`/multi_webhook/${encodeURIComponent(ours!.name)}`,
		]);
		expect((await stack.rest.workflow(TRIGGER_WORKFLOW_ID)).active).toBe(false);
	});
});

describe('reactivation', () => {
	test('through REST registers our destination again, with its one secret, and it receives', async () => {
		await stack.rest.activate(TRIGGER_WORKFLOW_ID);
		const ours = await waitFor('our destination to be back', ourDestination, {
			timeoutMs: 30_000,
			explain: explainN8n,
		});
		expect(ours.url).toBe(productionUrl());
		// One secret per destination for the life of the workflow: no copy of its static data can
		// hold another one than 360dialog sends.
		expect(ours.headers[SECRET_HEADER]).toBe(firstSecret);
		expect(stack.emulator.multiWebhook().destinations).toEqual([FOREIGN, ours]);
		await waitFor('the workflow to be published', async () => {
			const status = await stack.rest.publicationStatus(TRIGGER_WORKFLOW_ID);
			return status.status === 'published';
		});
		const received = await deliverAndCollect(
			sampleTextNotification(undefined, 'after reactivation'),
		);
		expect(received.messages).toEqual([
			expect.objectContaining({ event: 'message', text: 'after reactivation' }),
		]);
	});
});
