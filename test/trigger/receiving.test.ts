import { request } from 'undici';

import { startEmulator, type Emulator } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import { emulatorCredentials } from '../harness/additionalData';
import { capturingOutput } from '../harness/captureOutput';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import { expectedInSequence, loadPayload, samplePayloadNames } from '../fixtures/samples';
import { VERIFICATION_HEADER, storedSecret } from './lifecycleHelpers';
import { PUBLIC_HOST } from '../../harness/publicHost';

let emulator: Emulator;
let trigger: TriggerHarness;
/** The number's main webhook: 360dialog delivers to our destination only after it answered 200. */
let main: Sink;

beforeAll(async () => {
	main = await startSink();
});
afterAll(async () => await main.close());

async function start(
	parameters = {},
	typeVersion?: number,
	workflowId?: string,
	executionOrder?: 'v1' | 'legacy',
) {
	trigger = new TriggerHarness({
		credentials: { apiKey: '', hosting: 'custom', baseUrl: '' },
		parameters,
		typeVersion,
		workflowId,
		executionOrder,
	});
	const port = await trigger.listen();
	emulator = await startEmulator({
		apiKey: testApiKey('receiving'),
		hostMap: { [PUBLIC_HOST]: port },
	});
	emulator.setState({ phoneNumberWebhook: { url: `http://127.0.0.1:${main.port}/main` } });
	trigger.setCredentials(emulatorCredentials(emulator.url, emulator.apiKey));
	await trigger.activate();
	await emulator.settle();
}

afterEach(async () => {
	await trigger?.close();
	await emulator?.close();
});

/** What each output of one execution carried, as JSON. */
const jsonOf = (outputs: Array<Array<{ json: unknown }>>) => ({
	messages: outputs[0].map((item) => item.json),
	statuses: outputs[1].map((item) => item.json),
	errors: outputs[2].map((item) => item.json),
});

test("every sample payload reaches the trigger through 360dialog's fan-out, with the secret, as the expected items", async () => {
	await start();
	for (const name of samplePayloadNames()) {
		const before = trigger.executions.length;
		const body = loadPayload(name);
		const results = await emulator.deliver(body);
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		await trigger.idle();
		expect(trigger.executions).toHaveLength(before + 1);
		// The same table the parser's unit tests use; the samples' repeated statuses are dropped.
		expect(jsonOf(trigger.executions[before].outputs)).toEqual(expectedInSequence(name, body));
	}
});

test('with Drop Redeliveries off, the repeated statuses come out marked redelivery: true', async () => {
	await start({ dropRedeliveries: false });
	for (const name of samplePayloadNames()) {
		const body = loadPayload(name);
		await emulator.deliver(body);
		await trigger.idle();
		expect(jsonOf(trigger.executions[trigger.executions.length - 1].outputs)).toEqual(
			expectedInSequence(name, body, false),
		);
	}
});

describe('requests that do not come from 360dialog', () => {
	const post = (headers: Record<string, string>, body: string) =>
		request(trigger.localWebhookUrl(), {
			method: 'POST',
			headers,
			body,
		});

	test.each([
		['no secret header', {}],
		['a wrong secret', { [VERIFICATION_HEADER]: 'f'.repeat(48) }],
		['a secret of another length', { [VERIFICATION_HEADER]: 'short' }],
		// 48 characters as n8n reads them (latin1), 49 bytes in UTF-8: threw in a length-checked compare.
		[
			'a secret of the right length with a non-ASCII byte',
			{ [VERIFICATION_HEADER]: `${'a'.repeat(47)}é` },
		],
		['a very long value', { [VERIFICATION_HEADER]: 'x'.repeat(8000) }],
	])('%s gets 401 and starts no execution', async (_case, headers) => {
		await start();
		const response = await post(
			{ 'content-type': 'application/json', ...headers },
			JSON.stringify(loadPayload('cloud/text.json')),
		);
		expect(response.statusCode).toBe(401);
		await response.body.text();
		await trigger.idle();
		expect(trigger.executions).toHaveLength(0);
	});

	test('the secret sent twice (two header lines) gets 401: it is not the secret', async () => {
		await start();
		const secret = storedSecret(trigger)!;
		const response = await request(trigger.localWebhookUrl(), {
			method: 'POST',
			headers: [
				VERIFICATION_HEADER,
				secret,
				VERIFICATION_HEADER,
				secret,
				'content-type',
				'application/json',
			],
			body: JSON.stringify(loadPayload('cloud/text.json')),
		});
		expect(response.statusCode).toBe(401);
		await response.body.text();
		await trigger.idle();
		expect(trigger.executions).toHaveLength(0);
	});

	test('without a secret stored for the URL, every request gets 401 and n8n logs one warning a minute naming the workflow', async () => {
		trigger = new TriggerHarness({
			credentials: { apiKey: '', hosting: 'custom', baseUrl: '' },
			workflowId: 'wfNoSecretHeld',
		});
		await trigger.listen();
		const { value: statuses, output } = await capturingOutput(async () => {
			const codes: number[] = [];
			for (const secret of ['a'.repeat(48), 'b'.repeat(48), '']) {
				const response = await post(
					{ 'content-type': 'application/json', [VERIFICATION_HEADER]: secret },
					JSON.stringify(loadPayload('cloud/text.json')),
				);
				await response.body.text();
				codes.push(response.statusCode);
			}
			return codes;
		});
		expect(statuses).toEqual([401, 401, 401]);
		await trigger.idle();
		expect(trigger.executions).toHaveLength(0);
		const warnings = output
			.split('\n')
			.filter((line) => line.includes('holds no secret for its webhook URL'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('wfNoSecretHeld');
		expect(warnings[0]).toContain('Deactivate and activate the workflow');
	});

	test('with the secret, a notification without a content type is read and accepted', async () => {
		await start();
		const response = await post(
			{ [VERIFICATION_HEADER]: storedSecret(trigger)! },
			JSON.stringify(loadPayload('cloud/text.json')),
		);
		expect(response.statusCode).toBe(200);
		await response.body.text();
		await trigger.idle();
		expect(trigger.executions.map((e) => e.outputs.map((items) => items.length))).toEqual([
			[1, 0, 0],
		]);
	});

	test('with the secret, a body that is not JSON gets 400 and starts nothing', async () => {
		await start();
		const response = await post(
			{ 'content-type': 'text/plain', [VERIFICATION_HEADER]: storedSecret(trigger)! },
			'hello <not json>',
		);
		expect(response.statusCode).toBe(400);
		await response.body.text();
		await trigger.idle();
		expect(trigger.executions).toHaveLength(0);
	});

	test('with the secret, JSON that is no notification comes out on Errors, not dropped', async () => {
		await start();
		const body = { hello: 'world' };
		const response = await post(
			{ 'content-type': 'application/json', [VERIFICATION_HEADER]: storedSecret(trigger)! },
			JSON.stringify(body),
		);
		expect(response.statusCode).toBe(200);
		await response.body.text();
		await trigger.idle();
		const [messages, statuses, errors] = trigger.executions[0].outputs;
		expect([messages.length, statuses.length]).toEqual([0, 0]);
		expect(errors).toHaveLength(1);
		expect(errors[0].json).toMatchObject({ event: 'unrecognized', body });
	});
});

describe('options choose what is emitted', () => {
	test('only messages of the chosen types, and statuses switched off', async () => {
		await start({ events: ['message', 'error'], options: { messageTypes: ['image'] } });
		await emulator.deliver(loadPayload('cloud/text.json'));
		await emulator.deliver(loadPayload('cloud/status_read.json'));
		await trigger.idle();
		expect(trigger.executions).toHaveLength(0);
		await emulator.deliver(loadPayload('cloud/image.json'));
		await trigger.idle();
		expect(trigger.executions.map((e) => e.outputs.map((items) => items.length))).toEqual([
			[1, 0, 0],
		]);
	});

	test('only the chosen status values; an unrecognised body still comes through', async () => {
		await start({ options: { statusValues: ['failed'] } });
		await emulator.deliver(loadPayload('cloud/batched_statuses_and_message.json'));
		await emulator.deliver(loadPayload('cloud/status_failed.json'));
		await trigger.idle();
		expect(trigger.executions.map((e) => e.outputs.map((items) => items.length))).toEqual([
			[1, 0, 0],
			[0, 1, 0],
		]);
	});
});

test('the test URL receives too, with its own secret', async () => {
	await start();
	await trigger.activate('test');
	await emulator.settle();
	const results = await emulator.deliver(loadPayload('cloud/text.json'));
	expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
	await trigger.idle();
	expect(trigger.executions.map((e) => e.mode).sort()).toEqual(['production', 'test']);
	expect(storedSecret(trigger, 'test')).not.toBe(storedSecret(trigger, 'production'));
});

test('a workflow saved with version 1 of the trigger registers and receives the same', async () => {
	await start({}, 1);
	const results = await emulator.deliver(loadPayload('cloud/status_read.json'));
	expect(results.map((r) => r.status)).toEqual([200, 200]);
	await trigger.idle();
	expect(trigger.executions.map((e) => e.outputs.map((items) => items.length))).toEqual([
		[0, 1, 0],
	]);
});

test.each(['v1', 'legacy'] as const)(
	'execution order %s: every sample comes out of the trigger, paired with what webhook() received',
	async (order) => {
		// n8n runs execute() in a legacy-order workflow only when the Messages input has items.
		await start({}, undefined, undefined, order);
		for (const name of samplePayloadNames()) await emulator.deliver(loadPayload(name));
		await trigger.idle();
		expect(trigger.executions.map((e) => e.error)).toEqual(
			samplePayloadNames().map(() => undefined),
		);
		expect(trigger.executions.map((e) => jsonOf(e.outputs))).toEqual(
			samplePayloadNames().map((name) => {
				const body = loadPayload(name);
				return expectedInSequence(name, body);
			}),
		);
		const [batched] = trigger.executions;
		expect(batched.outputs.map((items) => items.map((item) => item.pairedItem))).toEqual([
			[{ item: 0, input: 0 }],
			[
				{ item: 0, input: 1 },
				{ item: 1, input: 1 },
			],
			[],
		]);
	},
);

test('as the main webhook (Use This Trigger When None Is Set), every notification arrives once', async () => {
	trigger = new TriggerHarness({
		credentials: { apiKey: '', hosting: 'custom', baseUrl: '' },
		parameters: { mainWebhook: 'useTrigger' },
	});
	const port = await trigger.listen();
	emulator = await startEmulator({
		apiKey: testApiKey('receiving'),
		hostMap: { [PUBLIC_HOST]: port },
	});
	trigger.setCredentials(emulatorCredentials(emulator.url, emulator.apiKey));
	await trigger.activate();
	for (const name of samplePayloadNames()) {
		const results = await emulator.deliver(loadPayload(name));
		expect(results.map((r) => [r.target, r.status])).toEqual([['phone_number', 200]]);
	}
	await trigger.idle();
	expect(trigger.executions.map((e) => jsonOf(e.outputs))).toEqual(
		samplePayloadNames().map((name) => expectedInSequence(name, loadPayload(name))),
	);
});
