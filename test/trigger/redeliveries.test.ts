import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { sampleTextNotification, startEmulator, type Emulator } from '../../emulator';
import { PUBLIC_HOST } from '../../harness/publicHost';
import { startSink, type Sink } from '../../harness/sink';
import { splitNotification } from '../../nodes/Dialog360Trigger/notifications';
import {
	eventKey,
	REMEMBERED_EVENTS,
} from '../../nodes/Dialog360Trigger/afterReceipt/redeliveries';
import { loadPayload } from '../fixtures/samples';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness, type Execution } from '../harness/triggerHarness';
import { processedItemsStore } from '../harness/processedItems';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A notification's items, as the trigger's parser makes them. */
const itemsOf = (body: unknown): IDataObject[] => {
	const { messages, statuses, errors } = splitNotification(body);
	return [...messages, ...statuses, ...errors];
};

describe('what makes an event the same event again', () => {
	test('a message: its id, whatever else a redelivery changes', () => {
		const [message] = itemsOf(loadPayload('cloud/text.json'));
		expect(eventKey(message)).toBe('message:wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YTEXT01==');
		expect(eventKey({ ...message, timestamp: '1' })).toBe(eventKey(message));
		expect(eventKey({ ...message, message_id: 'wamid.other' })).not.toBe(eventKey(message));
	});

	test('a status: its message id and status value, so sent, delivered and read are three events', () => {
		const keys = ['status_sent', 'status_delivered', 'status_read'].map((name) =>
			eventKey(itemsOf(loadPayload(`cloud/${name}.json`))[0]),
		);
		const id = 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjU5NkU1QjQ4QkI0QzUzQTQ3RgA=';
		expect(keys).toEqual([`status:${id}:sent`, `status:${id}:delivered`, `status:${id}:read`]);
	});

	test('On-Premise items the same way', () => {
		expect(itemsOf(loadPayload('onprem/text.json')).map(eventKey)).toEqual([
			'message:ABGGSRdhNFZnAgo6EoEcLvvzEvOp',
		]);
		expect(itemsOf(loadPayload('onprem/status_sent.json')).map(eventKey)).toEqual([
			'status:gBGGSRdhNFZnAglL4eF6ioPQn1M:sent',
		]);
	});

	test('an error: its whole content', () => {
		const [error] = itemsOf(loadPayload('cloud/errors_toplevel.json'));
		const again = itemsOf(loadPayload('cloud/errors_toplevel.json'))[0];
		expect(eventKey(error)).toMatch(/^error:[\w-]{43}$/);
		expect(eventKey(again)).toBe(eventKey(error));
		const changed = { ...error, raw: { ...(error.raw as IDataObject), title: 'Other' } };
		expect(eventKey(changed)).not.toBe(eventKey(error));
	});

	test('a body the trigger could not read: its whole content', () => {
		const [first] = itemsOf({ hello: 'world' });
		const [same] = itemsOf({ hello: 'world' });
		const [other] = itemsOf({ hello: 'there' });
		expect(first.event).toBe('unrecognized');
		expect(eventKey(first)).toMatch(/^unrecognized:/);
		expect(eventKey(same)).toBe(eventKey(first));
		expect(eventKey(other)).not.toBe(eventKey(first));
	});

	test('a message without an id: its whole content', () => {
		const key = eventKey({ event: 'message', type: 'text', raw: { type: 'text' } });
		expect(key).toMatch(/^message:[\w-]{43}$/);
	});

	test('content too deeply nested to serialise: no key, so it is never taken for a repeat', () => {
		let body: Json = { end: true };
		for (let depth = 0; depth < 100_000; depth++) body = { nested: body };
		expect(eventKey({ event: 'unrecognized', body })).toBeUndefined();
	});

	test('a status without a status value: its whole content', () => {
		const key = eventKey({ event: 'status', message_id: 'wamid.x', raw: { id: 'wamid.x' } });
		expect(key).toMatch(/^status:[\w-]{43}$/);
	});
});

describe('Drop Redeliveries, inside n8n-core, with a delivery through the emulator', () => {
	let emulator: Emulator;
	let trigger: TriggerHarness;
	let main: Sink;

	beforeAll(async () => {
		main = await startSink();
	});
	afterAll(async () => await main.close());
	afterEach(async () => {
		await trigger?.close();
		await emulator?.close();
	});

	async function start(parameters: INodeParameters = {}) {
		trigger = new TriggerHarness({
			credentials: { apiKey: '', hosting: 'custom', baseUrl: '' },
			parameters,
		});
		const port = await trigger.listen();
		emulator = await startEmulator({
			apiKey: testApiKey('redeliveries'),
			hostMap: { [PUBLIC_HOST]: port },
		});
		emulator.setState({ phoneNumberWebhook: { url: `${main.url}/main` } });
		trigger.setCredentials(emulatorCredentials(emulator.url, emulator.apiKey));
		await trigger.activate();
		await emulator.settle();
	}

	/** Delivers as 360dialog does (main webhook first) and returns the execution it started. */
	async function deliver(body: unknown): Promise<Execution> {
		const before = trigger.executions.length;
		const results = await emulator.deliver(body);
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		await trigger.idle();
		expect(trigger.executions).toHaveLength(before + 1);
		return trigger.executions[before];
	}

	const counts = (execution: Execution) => execution.outputs.map((items) => items.length);

	test('a notification delivered again emits nothing: no node after the trigger runs', async () => {
		await start();
		const text = sampleTextNotification(undefined, 'once');
		expect(counts(await deliver(text))).toEqual([1, 0, 0]);
		const again = await deliver(text);
		expect(again.error).toBeUndefined();
		expect(counts(again)).toEqual([0, 0, 0]);
	});

	test('only the new events of a POST come out; each keeps its pairing with what webhook() got', async () => {
		await start();
		const status = loadPayload('cloud/status_sent.json') as Json;
		expect(counts(await deliver(status))).toEqual([0, 1, 0]);
		const mixed = sampleTextNotification(undefined, 'new') as Json;
		mixed.entry[0].changes.push(status.entry[0].changes[0]);
		const execution = await deliver(mixed);
		expect(counts(execution)).toEqual([1, 0, 0]);
		expect(execution.outputs[0][0].pairedItem).toEqual({ item: 0, input: 0 });
	});

	test('the same event twice in one POST comes out once', async () => {
		await start();
		const twice = sampleTextNotification(undefined, 'twice') as Json;
		twice.entry.push(structuredClone(twice.entry[0]));
		expect(counts(await deliver(twice))).toEqual([1, 0, 0]);
	});

	test('off: every delivery comes out, the repeats with redelivery: true', async () => {
		await start({ dropRedeliveries: false });
		const text = sampleTextNotification(undefined, 'marked');
		const first = await deliver(text);
		const again = await deliver(text);
		expect(first.outputs[0][0].json).not.toHaveProperty('redelivery');
		expect(again.outputs[0]).toHaveLength(1);
		expect(again.outputs[0][0].json).toMatchObject({ redelivery: true, text: 'marked' });
	});

	test('a test event is neither dropped nor remembered: the active workflow still emits the same event', async () => {
		await start();
		await trigger.activate('test');
		await emulator.settle();
		const text = sampleTextNotification(undefined, 'tested while active');
		const results = await emulator.deliver(text);
		expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
		await trigger.idle();
		const byMode = Object.fromEntries(trigger.executions.map((e) => [e.mode, counts(e)]));
		expect(byMode).toEqual({ production: [1, 0, 0], test: [1, 0, 0] });
		// Delivered again to both: production drops its repeat, the test listener still shows it.
		await emulator.deliver(text);
		await trigger.idle();
		expect(
			trigger.executions
				.slice(2)
				.map((e) => [e.mode, counts(e)])
				.sort(),
		).toEqual([
			['production', [0, 0, 0]],
			['test', [1, 0, 0]],
		]);
	});

	test('the same notification twice at the same moment comes out once', async () => {
		await start();
		const text = sampleTextNotification(undefined, 'at once');
		await Promise.all([emulator.deliver(text), emulator.deliver(text)]);
		await trigger.idle();
		expect(trigger.executions.map(counts).sort()).toEqual([
			[0, 0, 0],
			[1, 0, 0],
		]);
	});

	test('events checked at the same moment are all remembered', async () => {
		await start();
		const texts = [1, 2, 3, 4].map((i) => sampleTextNotification(undefined, `parallel ${i}`));
		await Promise.all(texts.map(async (text) => await emulator.deliver(text)));
		await trigger.idle();
		for (const text of texts) expect(counts(await deliver(text))).toEqual([0, 0, 0]);
	});

	test('checks that arrive while the store is busy go to it together, one call for many', async () => {
		await start();
		const texts = [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
			sampleTextNotification(undefined, `busy ${i}`),
		);
		await Promise.all(texts.map(async (text) => await emulator.deliver(text)));
		await trigger.idle();
		expect(trigger.executions.map(counts)).toEqual(texts.map(() => [1, 0, 0]));
		// Each call reads and rewrites n8n's whole list: eight executions, fewer calls.
		const calls = processedItemsStore().checks.get(trigger.database) ?? 0;
		expect(calls).toBeGreaterThan(0);
		expect(calls).toBeLessThan(texts.length);
		for (const text of texts) expect(counts(await deliver(text))).toEqual([0, 0, 0]);
	});

	test(`n8n's store keeps the newest ${REMEMBERED_EVENTS} events of the node`, async () => {
		await start();
		// One POST with one event more than is kept: the oldest is forgotten, the newest kept.
		const many = sampleTextNotification(undefined, 'bulk') as Json;
		const template = many.entry[0].changes[0].value.messages[0];
		many.entry[0].changes[0].value.messages = Array.from(
			{ length: REMEMBERED_EVENTS + 1 },
			(_, i) => ({ ...template, id: `wamid.bulk.${i}` }),
		);
		expect(counts(await deliver(many))).toEqual([REMEMBERED_EVENTS + 1, 0, 0]);
		const one = (i: number) => {
			const body = sampleTextNotification(undefined, 'bulk') as Json;
			body.entry[0].changes[0].value.messages[0].id = `wamid.bulk.${i}`;
			return body;
		};
		expect(counts(await deliver(one(REMEMBERED_EVENTS)))).toEqual([0, 0, 0]);
		expect(counts(await deliver(one(0)))).toEqual([1, 0, 0]);
	});
});
