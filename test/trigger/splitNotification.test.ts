import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { splitNotification } from '../../nodes/Dialog360Trigger/notifications';

const load = (file: string) =>
	JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'payloads', file), 'utf8')) as {
		entry?: Array<{ changes: Array<{ value: Record<string, unknown[]> }> }>;
	} & Record<string, unknown[]>;

const cloudOrigin = {
	phone_number_id: '106540352242922',
	display_phone_number: '4915112345678',
	waba_id: '102290129340398',
	messaging_product: 'whatsapp',
};
const lena = { name: 'Lena Fischer', wa_id: '4917612345678' };
const counts = (file: string) => {
	const split = splitNotification(load(file));
	return [split.messages.length, split.statuses.length, split.errors.length];
};

describe('Cloud API samples', () => {
	test('a text message: every field, and raw is the original object', () => {
		const body = load('cloud/text.json');
		const { messages, statuses, errors } = splitNotification(body);
		expect([statuses, errors]).toEqual([[], []]);
		expect(messages).toEqual([
			{
				event: 'message',
				...cloudOrigin,
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YTEXT01==',
				from: '4917612345678',
				type: 'text',
				timestamp: '1749416383',
				timestamp_iso: '2025-06-08T20:59:43.000Z',
				contact: lena,
				text: 'Hallo, ist der Artikel noch verfügbar?',
				raw: body.entry![0].changes[0].value.messages[0],
			},
		]);
		expect(messages[0].raw).toBe(body.entry![0].changes[0].value.messages[0]);
	});

	test('a reply carries the replied-to message as context', () => {
		const [message] = splitNotification(load('cloud/text_reply_context.json')).messages;
		expect(message).toMatchObject({
			text: 'Ja, genau den meine ich',
			context: {
				from: '4915112345678',
				id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjQ0OTJDNjE1RjUxMjM0NTY3AA==',
			},
			timestamp_iso: '2025-06-08T20:59:50.000Z',
		});
	});

	test('image, button reply, location and reaction get their handy fields', () => {
		expect(splitNotification(load('cloud/image.json')).messages[0]).toMatchObject({
			type: 'image',
			media: {
				id: '2754859441498128',
				mime_type: 'image/jpeg',
				sha256: '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3',
				caption: 'Foto vom Schaden',
			},
		});
		expect(
			splitNotification(load('cloud/interactive_button_reply.json')).messages[0],
		).toMatchObject({
			type: 'interactive',
			reply: { type: 'button_reply', id: 'confirm_yes', title: 'Ja, bestätigen' },
		});
		expect(splitNotification(load('cloud/location.json')).messages[0]).toMatchObject({
			type: 'location',
			location: {
				latitude: 52.520008,
				longitude: 13.404954,
				name: 'Alexanderplatz',
				address: 'Alexanderplatz 1, 10178 Berlin',
			},
		});
		expect(splitNotification(load('cloud/reaction.json')).messages[0]).toMatchObject({
			type: 'reaction',
			reaction: {
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEkJUTlNFTlQwMDAwMDAwMDAA',
				emoji: '👍',
			},
		});
	});

	test('statuses: each value, with pricing, conversation and errors where present', () => {
		expect(counts('cloud/status_sent.json')).toEqual([0, 1, 0]);
		const [sent] = splitNotification(load('cloud/status_sent.json')).statuses;
		expect(sent).toMatchObject({
			event: 'status',
			...cloudOrigin,
			message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjU5NkU1QjQ4QkI0QzUzQTQ3RgA=',
			status: 'sent',
			recipient_id: '4917612345678',
			timestamp: '1750857384',
			timestamp_iso: '2025-06-25T13:16:24.000Z',
			conversation: {
				id: 'a75d17ad06104c51166f948319b03c6a',
				expiration_timestamp: '1750943820',
				origin: { type: 'service' },
			},
			pricing: {
				billable: false,
				pricing_model: 'PMP',
				category: 'service',
				type: 'free_customer_service',
			},
		});
		expect(splitNotification(load('cloud/status_delivered.json')).statuses[0].status).toBe(
			'delivered',
		);
		expect(splitNotification(load('cloud/status_read.json')).statuses[0]).toMatchObject({
			status: 'read',
			timestamp_iso: '2025-06-25T13:16:52.000Z',
		});
		const [failed] = splitNotification(load('cloud/status_failed.json')).statuses;
		expect(failed).toMatchObject({
			status: 'failed',
			errors: [{ code: 131047, title: 'Re-engagement message' }],
		});
	});

	test('top-level errors', () => {
		expect(splitNotification(load('cloud/errors_toplevel.json')).errors).toEqual([
			expect.objectContaining({
				event: 'error',
				...cloudOrigin,
				code: 130429,
				title: 'Rate limit hit',
				message: 'Rate limit hit',
				details: 'Cloud API message throughput has been reached.',
				href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
			}),
		]);
	});

	test('one POST with two changes: statuses and a message, in order', () => {
		const { messages, statuses, errors } = splitNotification(
			load('cloud/batched_statuses_and_message.json'),
		);
		expect(statuses.map((s) => s.status)).toEqual(['delivered', 'read']);
		expect(messages.map((m) => m.text)).toEqual(['Danke!']);
		expect(errors).toEqual([]);
	});
});

describe('On-Premise samples (top-level lists, no envelope)', () => {
	test('text, statuses and errors', () => {
		const body = load('onprem/text.json');
		expect(splitNotification(body).messages).toEqual([
			{
				event: 'message',
				message_id: 'ABGGSRdhNFZnAgo6EoEcLvvzEvOp',
				from: '4917612345678',
				type: 'text',
				timestamp: '1662565231',
				timestamp_iso: '2022-09-07T15:40:31.000Z',
				contact: lena,
				text: 'Hallo, ist der Artikel noch verfügbar?',
				raw: body.messages[0],
			},
		]);
		expect(counts('onprem/status_sent.json')).toEqual([0, 1, 0]);
		expect(splitNotification(load('onprem/status_sent.json')).statuses[0]).toMatchObject({
			status: 'sent',
			timestamp_iso: '2022-09-07T15:45:00.000Z',
		});
		expect(splitNotification(load('onprem/status_failed.json')).statuses[0]).toMatchObject({
			status: 'failed',
			errors: [{ code: 470 }],
		});
		expect(splitNotification(load('onprem/errors_toplevel.json')).errors).toEqual([
			expect.objectContaining({
				event: 'error',
				code: 1016,
				title: 'System overloaded',
				details: 'Webhook callback queue is full; webhook is not answering 200',
			}),
		]);
	});
});

describe('lenient parsing', () => {
	const envelope = (value: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: 'W1',
				changes: [
					{
						field: 'messages',
						value: { metadata: { phone_number_id: 'P1', display_phone_number: 'D1' }, ...value },
					},
				],
			},
			...((extra.entries as unknown[]) ?? []),
		],
	});

	test('several entries and changes', () => {
		const body = envelope(
			{ messages: [{ id: 'm1', from: 'a', type: 'text', text: { body: 'one' } }] },
			{
				entries: [
					{
						id: 'W2',
						changes: [
							{
								field: 'messages',
								value: {
									metadata: { phone_number_id: 'P2' },
									statuses: [{ id: 's1', status: 'sent' }],
								},
							},
							{
								field: 'messages',
								value: {
									metadata: { phone_number_id: 'P2' },
									messages: [{ id: 'm2', type: 'text', text: { body: 'two' } }],
								},
							},
						],
					},
				],
			},
		);
		const { messages, statuses } = splitNotification(body);
		expect(messages.map((m) => [m.waba_id, m.phone_number_id, m.text])).toEqual([
			['W1', 'P1', 'one'],
			['W2', 'P2', 'two'],
		]);
		expect(statuses.map((s) => [s.waba_id, s.status])).toEqual([['W2', 'sent']]);
	});

	test('an unknown message type and unknown fields pass through untouched', () => {
		const hologram = {
			id: 'm9',
			from: 'a',
			type: 'hologram',
			hologram: { frames: 3 },
			brand_new_field: true,
		};
		const [message] = splitNotification(envelope({ messages: [hologram] })).messages;
		expect(message).toMatchObject({ event: 'message', type: 'hologram', message_id: 'm9' });
		expect(message.raw).toBe(hologram);
	});

	test('a new status value passes through', () => {
		expect(
			splitNotification(envelope({ statuses: [{ id: 's', status: 'teleported', timestamp: '1' }] }))
				.statuses[0].status,
		).toBe('teleported');
	});

	test('a malformed message does not drop its siblings', () => {
		const { messages } = splitNotification(
			envelope({
				messages: [
					{ id: 'ok1', type: 'text', text: { body: 'a' } },
					{ id: 42, type: ['x'], timestamp: { no: 1 } },
					'junk',
					{ id: 'ok2', type: 'text', text: { body: 'b' } },
				],
			}),
		);
		expect(messages.map((m) => m.message_id)).toContain('ok1');
		expect(messages.map((m) => m.message_id)).toContain('ok2');
		expect(messages.length).toBeGreaterThanOrEqual(3);
	});

	test.each([
		['null', null],
		['a string', 'x'],
		['a number', 42],
		['an array', []],
		['an empty object', {}],
		['a foreign object', { foo: 1 }],
		['entry that is not a list', { entry: 'x' }],
		['another object kind without entries', { object: 'page' }],
	])('%s becomes one unrecognized error item with the body', (_name, body) => {
		const split = splitNotification(body);
		expect(split.messages).toEqual([]);
		expect(split.statuses).toEqual([]);
		expect(split.errors).toEqual([expect.objectContaining({ event: 'unrecognized', body })]);
	});

	test('deep nesting, huge arrays and odd unicode never throw', () => {
		let deep: unknown = [];
		for (let i = 0; i < 10000; i++) deep = { entry: [deep] };
		expect(() => splitNotification(deep)).not.toThrow();
		expect(splitNotification(Array.from({ length: 100000 }, (_, i) => i)).errors[0].event).toBe(
			'unrecognized',
		);
		const odd = splitNotification(
			envelope({ messages: [{ id: '\ud800', type: 'text', text: { body: '\u202e\u0000👍🏽' } }] }),
		);
		expect(odd.messages[0].text).toBe('\u202e\u0000👍🏽');
	});
});
