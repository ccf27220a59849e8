import type { IDataObject } from 'n8n-workflow';

import { splitNotification } from '../../nodes/Dialog360Trigger/notifications';
import { unixSecondsToIso } from '../../nodes/Dialog360Trigger/notifications/timestamp';
import {
	cloudList,
	EXPECTED_ITEMS,
	loadPayload,
	originalsOf,
	samplePayloadNames,
} from '../fixtures/samples';

// Every expected item is written out by hand (here and in ../fixtures/samples.ts): nothing is
// computed by the code under test.

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function expectRawIsOriginal(items: IDataObject[], originals: unknown[]): void {
	expect(items).toHaveLength(originals.length);
	items.forEach((item, i) => expect(item.raw).toBe(originals[i]));
}

describe('every sample payload: exactly the expected items', () => {
	test('every sample payload has its expected items', () => {
		expect(Object.keys(EXPECTED_ITEMS).sort()).toEqual(samplePayloadNames());
	});

	test.each(samplePayloadNames())('%s', (name) => {
		const body = loadPayload(name);
		const split = splitNotification(body);
		expect(split).toEqual(EXPECTED_ITEMS[name](body));
		// raw is the payload's own object, not a copy (toEqual above has checked which one).
		const originals = originalsOf(body);
		for (const item of [...split.messages, ...split.statuses, ...split.errors]) {
			expect(originals).toContain(item.raw);
		}
	});

	test('cloud/status_sent.json: conversation and pricing are the originals', () => {
		const body = loadPayload('cloud/status_sent.json');
		const [original] = cloudList(body, 'statuses');
		const [status] = splitNotification(body).statuses;
		expect(status.conversation).toBe(original.conversation);
		expect(status.pricing).toBe(original.pricing);
	});

	test('cloud/status_read.json: no conversation or pricing keys when the status has none', () => {
		const [status] = splitNotification(loadPayload('cloud/status_read.json')).statuses;
		expect(Object.keys(status)).not.toEqual(
			expect.arrayContaining(['conversation', 'pricing', 'errors']),
		);
	});

	test('cloud/status_failed.json: errors is the original list', () => {
		const body = loadPayload('cloud/status_failed.json');
		const [original] = cloudList(body, 'statuses');
		expect(splitNotification(body).statuses[0].errors).toBe(original.errors);
	});

	test.each(samplePayloadNames().filter((name) => name.startsWith('onprem/')))(
		'%s: no origin keys (On-Premise notifications carry none)',
		(name) => {
			const split = splitNotification(loadPayload(name));
			for (const item of [...split.messages, ...split.statuses, ...split.errors]) {
				for (const key of [
					'waba_id',
					'phone_number_id',
					'display_phone_number',
					'messaging_product',
				]) {
					expect(item).not.toHaveProperty(key);
				}
			}
		},
	);
});
/** A Cloud API body with one change holding `value` (plus this test number's metadata). */
function cloudBody(value: Record<string, unknown>): Json {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: 'W1',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: 'D1', phone_number_id: 'P1' },
							...value,
						},
					},
				],
			},
		],
	};
}
const origin1 = {
	waba_id: 'W1',
	phone_number_id: 'P1',
	display_phone_number: 'D1',
	messaging_product: 'whatsapp',
};

describe('several entries and changes in one POST', () => {
	test('each item carries its own entry and change, in body order', () => {
		const m1 = { id: 'm1', from: 'a', type: 'text', timestamp: '0', text: { body: 'one' } };
		const m2 = { id: 'm2', from: 'b', type: 'text', timestamp: '60', text: { body: 'two' } };
		const m3 = { id: 'm3', from: 'c', type: 'text', timestamp: '86400', text: { body: 'three' } };
		const s1 = { id: 's1', status: 'sent', recipient_id: 'a', timestamp: '1' };
		const s2 = { id: 's2', status: 'read', recipient_id: 'a', timestamp: '2' };
		const e1 = { code: 1, title: 'first' };
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				{
					id: 'W1',
					changes: [
						{
							field: 'messages',
							value: {
								metadata: { phone_number_id: 'P1', display_phone_number: 'D1' },
								contacts: [
									{ profile: { name: 'Ann' }, wa_id: 'a' },
									{ profile: { name: 'Bob' }, wa_id: 'b' },
								],
								messages: [m1, m2],
								statuses: [s1],
							},
						},
					],
				},
				{
					id: 'W2',
					changes: [
						{ field: 'messages', value: { metadata: { phone_number_id: 'P2' }, statuses: [s2] } },
						{
							field: 'messages',
							value: { messages: [m3], errors: [e1] },
						},
					],
				},
			],
		};
		const split = splitNotification(body);
		expect(split.messages).toEqual([
			{
				event: 'message',
				phone_number_id: 'P1',
				display_phone_number: 'D1',
				waba_id: 'W1',
				message_id: 'm1',
				from: 'a',
				type: 'text',
				timestamp: '0',
				timestamp_iso: '1970-01-01T00:00:00.000Z',
				contact: { name: 'Ann', wa_id: 'a' },
				text: 'one',
				raw: m1,
			},
			{
				event: 'message',
				phone_number_id: 'P1',
				display_phone_number: 'D1',
				waba_id: 'W1',
				message_id: 'm2',
				from: 'b',
				type: 'text',
				timestamp: '60',
				timestamp_iso: '1970-01-01T00:01:00.000Z',
				// The contact whose wa_id is `from`, not the first one.
				contact: { name: 'Bob', wa_id: 'b' },
				text: 'two',
				raw: m2,
			},
			{
				event: 'message',
				waba_id: 'W2',
				message_id: 'm3',
				from: 'c',
				type: 'text',
				timestamp: '86400',
				timestamp_iso: '1970-01-02T00:00:00.000Z',
				text: 'three',
				raw: m3,
			},
		]);
		expect(split.statuses).toEqual([
			{
				event: 'status',
				phone_number_id: 'P1',
				display_phone_number: 'D1',
				waba_id: 'W1',
				message_id: 's1',
				status: 'sent',
				recipient_id: 'a',
				timestamp: '1',
				timestamp_iso: '1970-01-01T00:00:01.000Z',
				raw: s1,
			},
			{
				event: 'status',
				phone_number_id: 'P2',
				waba_id: 'W2',
				message_id: 's2',
				status: 'read',
				recipient_id: 'a',
				timestamp: '2',
				timestamp_iso: '1970-01-01T00:00:02.000Z',
				raw: s2,
			},
		]);
		expect(split.errors).toEqual([
			{ event: 'error', waba_id: 'W2', code: 1, title: 'first', message: 'first', raw: e1 },
		]);
		expectRawIsOriginal(split.messages, [m1, m2, m3]);
	});

	test('a contact whose wa_id matches no sender: the first contact is used', () => {
		const message = { id: 'm', from: 'z', type: 'text', text: { body: 'hi' } };
		const body = cloudBody({
			contacts: [{ profile: { name: 'Ann' }, wa_id: 'a' }],
			messages: [message],
		});
		expect(splitNotification(body).messages[0].contact).toEqual({ name: 'Ann', wa_id: 'a' });
	});

	test('a change of another field beside a readable one is reported, not dropped', () => {
		const other = { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } };
		const body = cloudBody({ statuses: [{ id: 's', status: 'sent' }] });
		body.entry[0].changes.push(other);
		const split = splitNotification(body);
		expect(split.statuses).toHaveLength(1);
		expect(split.errors).toEqual([
			{
				event: 'unrecognized',
				reason: 'change without messages, statuses or errors',
				waba_id: 'W1',
				field: 'account_update',
				body: other,
			},
		]);
		expect(split.errors[0].body).toBe(other);
	});
});

describe('every message type gets its handy fields', () => {
	const itemFor = (message: Record<string, unknown>) =>
		splitNotification(cloudBody({ messages: [message] })).messages[0];
	const base = { id: 'm', from: '49', timestamp: '1700000000' };
	const common = {
		event: 'message',
		...origin1,
		message_id: 'm',
		from: '49',
		timestamp: '1700000000',
		timestamp_iso: '2023-11-14T22:13:20.000Z',
	};

	test('list_reply with a description', () => {
		const message = {
			...base,
			type: 'interactive',
			interactive: {
				type: 'list_reply',
				list_reply: { id: 'row_2', title: 'Dienstag', description: '10-12 Uhr' },
			},
		};
		expect(itemFor(message)).toEqual({
			...common,
			type: 'interactive',
			reply: { type: 'list_reply', id: 'row_2', title: 'Dienstag', description: '10-12 Uhr' },
			raw: message,
		});
	});

	test('button (a template quick reply): payload and text become id and title', () => {
		const message = { ...base, type: 'button', button: { payload: 'STOP', text: 'Abmelden' } };
		expect(itemFor(message)).toEqual({
			...common,
			type: 'button',
			reply: { type: 'button', id: 'STOP', title: 'Abmelden' },
			raw: message,
		});
	});

	test.each(['audio', 'video', 'document', 'sticker'])('%s becomes media', (type) => {
		const content = {
			id: 'media-1',
			mime_type: 'application/pdf',
			sha256: 'abc',
			filename: 'Rechnung.pdf',
			voice: false,
		};
		const message = { ...base, type, [type]: content };
		expect(itemFor(message)).toEqual({
			...common,
			type,
			media: {
				id: 'media-1',
				mime_type: 'application/pdf',
				sha256: 'abc',
				filename: 'Rechnung.pdf',
			},
			raw: message,
		});
	});

	test('an interactive type without a handy form keeps only the common fields', () => {
		const message = {
			...base,
			type: 'interactive',
			interactive: { type: 'product_reply', product_reply: { id: 'p1' } },
		};
		expect(itemFor(message)).toEqual({ ...common, type: 'interactive', raw: message });
	});

	const flowReply = (nfmReply: Record<string, unknown>) => ({
		...base,
		type: 'interactive',
		interactive: { type: 'nfm_reply', nfm_reply: nfmReply },
	});

	test.each([
		['not JSON', '{"datum": "2025-06-12"', 'response_json is not valid JSON'],
		['JSON but a list', '["2025-06-12"]', 'response_json is JSON but not an object'],
		['JSON but a string', '"2025-06-12"', 'response_json is JSON but not an object'],
	])('a flow reply whose response_json is %s stays a string, marked unreadable', (_, json, why) => {
		const message = flowReply({ name: 'flow', body: 'Sent', response_json: json });
		const item = itemFor(message);
		expect(item.reply).toEqual({
			type: 'flow',
			name: 'flow',
			body: 'Sent',
			response_json: json,
			response_unreadable: expect.stringContaining(why),
		});
		expect(item.reply).not.toHaveProperty('response');
	});

	test('a flow reply without a name or a flow token: still a flow, its answers parsed', () => {
		const message = flowReply({ response_json: '{"rating": "5"}' });
		expect(itemFor(message)).toEqual({
			...common,
			type: 'interactive',
			reply: { type: 'flow', response: { rating: '5' } },
			raw: message,
		});
	});

	test('another native flow message (address_message) keeps its name and type nfm_reply', () => {
		const message = flowReply({ name: 'address_message', response_json: '{"city": "Pune"}' });
		expect(itemFor(message).reply).toEqual({
			type: 'nfm_reply',
			name: 'address_message',
			response: { city: 'Pune' },
		});
	});

	test('a flow reply whose response_json is not a string reads as absent, never throws', () => {
		const message = flowReply({ name: 'flow', response_json: { already: 'object' } });
		expect(itemFor(message).reply).toEqual({ type: 'flow', name: 'flow' });
	});
});

describe('lenient: what we do not know passes through', () => {
	test('an unknown message type and unknown fields', () => {
		const message = {
			id: 'm9',
			from: '49',
			timestamp: '1700000000',
			type: 'hologram',
			hologram: { frames: 3 },
			brand_new_field: { nested: [1, 2] },
		};
		const body = cloudBody({ messages: [message], brand_new_value_field: true });
		body.brand_new_envelope_field = 'x';
		const split = splitNotification(body);
		expect(split.messages).toEqual([
			{
				event: 'message',
				...origin1,
				message_id: 'm9',
				from: '49',
				type: 'hologram',
				timestamp: '1700000000',
				timestamp_iso: '2023-11-14T22:13:20.000Z',
				raw: message,
			},
		]);
		expect(split.messages[0].raw).toBe(message);
		// Untouched: the original still has every field.
		expect(message).toEqual({
			id: 'm9',
			from: '49',
			timestamp: '1700000000',
			type: 'hologram',
			hologram: { frames: 3 },
			brand_new_field: { nested: [1, 2] },
		});
	});

	test('message types named like Object members read as unknown types', () => {
		const messages = ['constructor', '__proto__', 'toString'].map((type) => ({ id: type, type }));
		const split = splitNotification(cloudBody({ messages }));
		expect(split.messages.map((item) => [item.message_id, item.type])).toEqual([
			['constructor', 'constructor'],
			['__proto__', '__proto__'],
			['toString', 'toString'],
		]);
	});

	test('a new status value', () => {
		const status = { id: 's', status: 'teleported', recipient_id: '49', timestamp: '1700000000' };
		expect(splitNotification(cloudBody({ statuses: [status] })).statuses).toEqual([
			{
				event: 'status',
				...origin1,
				message_id: 's',
				status: 'teleported',
				recipient_id: '49',
				timestamp: '1700000000',
				timestamp_iso: '2023-11-14T22:13:20.000Z',
				raw: status,
			},
		]);
	});

	test('an envelope with another object value is still read when its entries are', () => {
		const body = cloudBody({ statuses: [{ id: 's', status: 'sent' }] });
		body.object = 'something_new';
		expect(splitNotification(body).statuses).toHaveLength(1);
	});

	test('a malformed message among good ones still becomes an item; its siblings are intact', () => {
		const good1 = { id: 'ok1', from: '49', type: 'text', timestamp: '1', text: { body: 'a' } };
		const wrongTypes = { id: 42, from: null, type: ['x'], timestamp: { no: 1 }, text: 'flat' };
		const badContent = { id: 'bad', type: 'text', text: { body: 7 }, context: 'x' };
		const badTimestamp = { id: 'late', type: 'text', timestamp: '17e8', text: { body: 'b' } };
		const good2 = { id: 'ok2', from: '49', type: 'image', image: 'not an object' };
		const body = cloudBody({
			contacts: [{ profile: { name: 'Ann' }, wa_id: '49' }, 'junk contact'],
			messages: [good1, wrongTypes, 'junk', null, badContent, badTimestamp, good2],
		});
		const split = splitNotification(body);
		const ann = { name: 'Ann', wa_id: '49' };
		expect(split.messages).toEqual([
			{
				event: 'message',
				...origin1,
				message_id: 'ok1',
				from: '49',
				type: 'text',
				timestamp: '1',
				timestamp_iso: '1970-01-01T00:00:01.000Z',
				contact: ann,
				text: 'a',
				raw: good1,
			},
			// Fields of the wrong type read as absent; the contact falls back to the first one.
			{ event: 'message', ...origin1, contact: ann, raw: wrongTypes },
			{ event: 'message', ...origin1, contact: ann, raw: 'junk' },
			{ event: 'message', ...origin1, contact: ann, raw: null },
			{
				event: 'message',
				...origin1,
				message_id: 'bad',
				type: 'text',
				contact: ann,
				raw: badContent,
			},
			// An unparsable timestamp is kept as sent, without timestamp_iso.
			{
				event: 'message',
				...origin1,
				message_id: 'late',
				type: 'text',
				timestamp: '17e8',
				contact: ann,
				text: 'b',
				raw: badTimestamp,
			},
			{
				event: 'message',
				...origin1,
				message_id: 'ok2',
				from: '49',
				type: 'image',
				contact: ann,
				raw: good2,
			},
		]);
		expectRawIsOriginal(split.messages, [
			good1,
			wrongTypes,
			'junk',
			null,
			badContent,
			badTimestamp,
			good2,
		]);
	});

	test('malformed statuses and errors still become items', () => {
		const body = {
			statuses: [{ id: 1, status: 'sent', conversation: null }, 5],
			errors: [{ code: 'E1', error_data: 'x', details: 'top' }, 'oops'],
		};
		expect(splitNotification(body)).toEqual({
			messages: [],
			statuses: [
				{ event: 'status', status: 'sent', raw: body.statuses[0] },
				{ event: 'status', raw: 5 },
			],
			errors: [
				{ event: 'error', code: 'E1', details: 'top', raw: body.errors[0] },
				{ event: 'error', raw: 'oops' },
			],
		});
	});

	test('a change without metadata: no phone number keys', () => {
		const status = { id: 's', status: 'sent' };
		const body = { entry: [{ id: 'W', changes: [{ value: { statuses: [status] } }] }] };
		expect(splitNotification(body).statuses).toEqual([
			{ event: 'status', waba_id: 'W', message_id: 's', status: 'sent', raw: status },
		]);
	});
});

describe('timestamp_iso', () => {
	test.each([
		['0', '1970-01-01T00:00:00.000Z'],
		['951782400', '2000-02-29T00:00:00.000Z'],
		['951868799', '2000-02-29T23:59:59.000Z'],
		['4107542400', '2100-03-01T00:00:00.000Z'],
		['253402300799', '9999-12-31T23:59:59.000Z'],
		[1662651900, '2022-09-08T15:45:00.000Z'],
	])('%p -> %s', (timestamp, iso) => {
		expect(unixSecondsToIso(timestamp)).toBe(iso);
	});

	test.each(['', ' 1', '1 ', '-1', '+1', '1.5', '1e3', '0x10', 'abc', '9'.repeat(16)])(
		'%p is not unix seconds',
		(timestamp) => expect(unixSecondsToIso(timestamp)).toBeUndefined(),
	);

	test.each([NaN, Infinity, 1e20, null, undefined, {}, []])('%p gives none', (timestamp) => {
		expect(unixSecondsToIso(timestamp)).toBeUndefined();
	});

	test('agrees with Date#toISOString across the range', () => {
		const mismatches: number[] = [];
		for (let i = 0; i < 100000; i++) {
			const seconds = Math.floor(Math.random() * 253402300800);
			if (unixSecondsToIso(String(seconds)) !== new Date(seconds * 1000).toISOString()) {
				mismatches.push(seconds);
			}
		}
		expect(mismatches).toEqual([]);
	});
});

describe('garbage never throws', () => {
	const deepObject = (levels: number): Json => {
		let value: Json = { end: true };
		for (let i = 0; i < levels; i++) value = { a: value };
		return value;
	};
	const deepEntries = (levels: number): Json => {
		let value: Json = {};
		for (let i = 0; i < levels; i++) value = { entry: [value] };
		return value;
	};
	const deepArrays = JSON.parse('['.repeat(10000) + ']'.repeat(10000));
	const numbers = Array.from({ length: 100000 }, (_, i) => i);

	test.each<[string, unknown, string]>([
		['undefined', undefined, 'body is not a JSON object'],
		['null', null, 'body is not a JSON object'],
		['a string', 'x', 'body is not a JSON object'],
		['a number', 42, 'body is not a JSON object'],
		['a boolean', true, 'body is not a JSON object'],
		['an empty array', [], 'body is not a JSON object'],
		['an array of 100000 numbers', numbers, 'body is not a JSON object'],
		['arrays nested 10000 deep', deepArrays, 'body is not a JSON object'],
		['odd unicode text', '\ud800\u202e\u0000👍🏽', 'body is not a JSON object'],
		['an empty object', {}, 'neither a Cloud API envelope nor an On-Premise notification'],
		['a foreign object', { foo: 1 }, 'neither a Cloud API envelope nor an On-Premise notification'],
		[
			'objects nested 10000 deep',
			deepObject(10000),
			'neither a Cloud API envelope nor an On-Premise notification',
		],
		[
			'odd unicode keys',
			{ '\ud800': 1, '\u202emessages': [], '': null },
			'neither a Cloud API envelope nor an On-Premise notification',
		],
		[
			'only contacts',
			{ contacts: [] },
			'neither a Cloud API envelope nor an On-Premise notification',
		],
		[
			'messages that are not a list',
			{ messages: 'x' },
			'neither a Cloud API envelope nor an On-Premise notification',
		],
		['entry that is not a list', { entry: 'x' }, 'entry is not a list'],
		['an object kind without entries', { object: 'page' }, 'entry is not a list'],
		[
			'envelope with no entries',
			{ object: 'whatsapp_business_account', entry: [] },
			'no readable change in the entries (object: whatsapp_business_account)',
		],
		[
			'another object with unreadable entries',
			{ object: 'page', entry: [{}, 1, null] },
			'no readable change in the entries (object: page)',
		],
		['entries nested 10000 deep', deepEntries(10000), 'no readable change in the entries'],
		['entry of 100000 numbers', { entry: numbers }, 'no readable change in the entries'],
		[
			'changes without values',
			{ entry: [{ id: 'W', changes: [{ field: 'messages' }, { value: 'x' }, 7] }] },
			'no readable change in the entries',
		],
	])('%s: one unrecognized error item with the body as received', (_name, body, reason) => {
		const split = splitNotification(body);
		expect(split.messages).toEqual([]);
		expect(split.statuses).toEqual([]);
		expect(split.errors).toHaveLength(1);
		expect(Object.keys(split.errors[0]).sort()).toEqual(['body', 'event', 'reason']);
		expect(split.errors[0].event).toBe('unrecognized');
		expect(split.errors[0].reason).toBe(reason);
		expect(split.errors[0].body).toBe(body);
	});

	test('an object whose getters throw', () => {
		const body = {
			get entry(): unknown {
				throw new Error('boom');
			},
		};
		const split = splitNotification(body);
		expect(split.messages).toEqual([]);
		expect(split.statuses).toEqual([]);
		expect(split.errors).toHaveLength(1);
		expect(split.errors[0].event).toBe('unrecognized');
		expect(split.errors[0].reason).toBe('body could not be read');
		expect(split.errors[0].body).toBe(body);
	});

	test('100000 junk messages become 100000 items, quickly', () => {
		const started = Date.now();
		const split = splitNotification({ messages: numbers });
		expect(split.messages).toHaveLength(100000);
		expect(split.messages[99999]).toEqual({ event: 'message', raw: 99999 });
		expect(Date.now() - started).toBeLessThan(2000);
	});

	test('a message nested 10000 deep is referenced, not walked', () => {
		const deep = deepObject(10000);
		const message = { id: 'm', type: 'text', text: deep };
		const [item] = splitNotification({ messages: [message] }).messages;
		expect(item.raw).toBe(message);
		expect(item).not.toHaveProperty('text');
	});

	test('odd unicode inside a good message passes through as is', () => {
		const message = { id: '\ud800', from: '٤٩', type: 'text', text: { body: '\u202e\u0000👍🏽' } };
		const [item] = splitNotification(cloudBody({ messages: [message] })).messages;
		expect(item).toMatchObject({ message_id: '\ud800', from: '٤٩', text: '\u202e\u0000👍🏽' });
	});

	test('prototype-polluting keys are data, nothing more', () => {
		const body = JSON.parse(
			'{"__proto__": {"polluted": true}, "messages": [{"id": "m", "type": "__proto__", "__proto__": {"x": 1}}]}',
		);
		const split = splitNotification(body);
		expect(split.messages).toHaveLength(1);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
