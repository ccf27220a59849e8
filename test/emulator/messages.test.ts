import { createHash } from 'node:crypto';
import { FormData, request } from 'undici';

import { sampleTextNotification, startEmulator, type Emulator } from '../../emulator';
import { ALL_TEMPLATES } from '../fixtures/templates';
import { startSink, type Sink } from '../../harness/sink';
import { call } from './helpers';

// The emulator's answers and the sent bodies are walked as plain JSON.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const WA_ID = '4917612345678';

describe('emulator: POST /messages', () => {
	let emulator: Emulator;
	let main: Sink;

	beforeAll(async () => {
		main = await startSink();
		emulator = await startEmulator();
	});
	afterAll(async () => {
		await emulator.close();
		await main.close();
	});
	beforeEach(async () => {
		// Statuses still on their way from the last test must not land in this one.
		await emulator.settle();
		emulator.reset();
		main.received.length = 0;
		emulator.setState({ phoneNumberWebhook: { url: `http://127.0.0.1:${main.port}/main` } });
	});

	/** The user writes first: their window opens and their message can be marked as read. */
	async function incoming(): Promise<string> {
		const notification = sampleTextNotification() as {
			entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }>;
		};
		await emulator.deliver(notification);
		main.received.length = 0;
		return notification.entry[0].changes[0].value.messages[0].id;
	}

	const send = (body: Record<string, unknown>) =>
		call(emulator, 'POST', '/messages', {
			body: { messaging_product: 'whatsapp', recipient_type: 'individual', ...body },
		});

	const text = (body = 'Hello') => ({
		to: `+49 176 ${WA_ID.slice(5)}`,
		type: 'text',
		text: { body },
	});

	function statusesReceived() {
		return main.received.map(({ body }) => {
			const status = JSON.parse(body).entry[0].changes[0].value.statuses[0];
			return [status.id, status.status];
		});
	}

	it('sends inside the window opened by an incoming message, then reports sent and delivered', async () => {
		await incoming();
		const reply = await send(text());

		expect(reply.status).toBe(200);
		const id = (reply.body as Json).messages[0].id as string;
		expect(reply.body).toEqual({
			messaging_product: 'whatsapp',
			contacts: [{ input: '+49 176 12345678', wa_id: WA_ID }],
			messages: [{ id: expect.stringMatching(/^wamid\./) }],
		});
		await emulator.settle();
		expect(statusesReceived()).toEqual([
			[id, 'sent'],
			[id, 'delivered'],
		]);
		const [sent] = main.received.map(({ body }) => JSON.parse(body));
		expect(sent.entry[0].changes[0].value.statuses[0]).toMatchObject({
			recipient_id: WA_ID,
			conversation: { origin: { type: 'service' } },
			pricing: { billable: false, category: 'service' },
		});
		expect(emulator.messages()).toEqual([
			expect.objectContaining({ id, waId: WA_ID, type: 'text', status: 'delivered' }),
		]);
	});

	it('refuses anything but a template outside the 24-hour window (131047)', async () => {
		const reply = await send(text());

		expect(reply.status).toBe(400);
		expect(reply.body).toEqual({
			error: {
				message: '(#131047) Re-engagement message',
				type: 'OAuthException',
				code: 131047,
				error_data: {
					messaging_product: 'whatsapp',
					details: expect.stringMatching(/more than 24 hours have passed/),
				},
				fbtrace_id: expect.any(String),
			},
		});
		expect(emulator.messages()).toEqual([]);
	});

	it('opens and closes a window by control call', async () => {
		emulator.setWindow(WA_ID, true);
		expect((await send(text())).status).toBe(200);
		const closed = await request(`${emulator.url}/_emulator/window`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ wa_id: WA_ID, open: false }),
		});
		expect(closed.statusCode).toBe(200);
		await closed.body.dump();
		expect((await send(text())).body).toMatchObject({ error: { code: 131047 } });
	});

	it('fans out a read status on a control call', async () => {
		emulator.setWindow(WA_ID, true);
		const id = ((await send(text())).body as Json).messages[0].id as string;
		await emulator.settle();
		await emulator.markRead(id);

		expect(statusesReceived()).toEqual([
			[id, 'sent'],
			[id, 'delivered'],
			[id, 'read'],
		]);
		expect(emulator.messages()[0].status).toBe('read');
	});

	it('reports only sent after a reaction', async () => {
		const incomingId = await incoming();
		const reply = await send({
			to: WA_ID,
			type: 'reaction',
			reaction: { message_id: incomingId, emoji: '\u{1F44D}' },
		});
		const id = (reply.body as Json).messages[0].id;
		await emulator.settle();
		expect(statusesReceived()).toEqual([[id, 'sent']]);
	});

	it('reports a media ID it does not hold as a failed status after the 200', async () => {
		emulator.setWindow(WA_ID, true);
		const reply = await send({ to: WA_ID, type: 'image', image: { id: '1037543291543636' } });
		expect(reply.status).toBe(200);
		await emulator.settle();
		const [notification] = main.received.map(({ body }) => JSON.parse(body));
		expect(notification.entry[0].changes[0].value.statuses[0]).toMatchObject({
			status: 'failed',
			errors: [{ code: 131053 }],
		});
	});

	const long = (length: number) => 'x'.repeat(length);
	const buttons = (...titles: string[]) => ({
		type: 'button',
		body: { text: 'Pick one' },
		action: {
			buttons: titles.map((title, index) => ({
				type: 'reply',
				reply: { id: `b${index}`, title },
			})),
		},
	});
	const rows = (count: number) =>
		Array.from({ length: count }, (_, index) => ({ id: `r${index}`, title: `Row ${index}` }));
	const list = (sections: unknown[]) => ({
		type: 'interactive',
		interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Options', sections } },
	});

	it.each([
		[
			'a text body over 4096 characters',
			{ type: 'text', text: { body: long(4097) } },
			/text\.body must be at most 4096/,
		],
		[
			'a recipient with letters',
			{ to: 'abc', type: 'text', text: { body: 'Hi' } },
			/Param to must be a phone number/,
		],
		[
			'an image with id and link',
			{ type: 'image', image: { id: '1', link: 'https://x.test/a.png' } },
			/exactly one of id and link/,
		],
		[
			'a caption on audio',
			{ type: 'audio', audio: { id: '1', caption: 'no' } },
			/audio\.caption is not allowed/,
		],
		[
			'four buttons',
			{ type: 'interactive', interactive: buttons('A', 'B', 'C', 'D') },
			/1 to 3 buttons/,
		],
		[
			'a button title over 20 characters',
			{ type: 'interactive', interactive: buttons(long(21)) },
			/title must be at most 20/,
		],
		[
			'two buttons with one title',
			{ type: 'interactive', interactive: buttons('Yes', 'Yes') },
			/title "Yes" is used twice/,
		],
		[
			'eleven list rows over two sections',
			list([
				{ title: 'A', rows: rows(6) },
				{ title: 'B', rows: rows(5).map((row) => ({ ...row, id: `s${row.id}` })) },
			]),
			/at most 10 rows in all, got 11/,
		],
		[
			'two sections without titles',
			list([{ rows: rows(1) }, { rows: [{ id: 'x', title: 'X' }] }]),
			/sections\[0\]\.title is required/,
		],
		[
			'a location without longitude',
			{ type: 'location', location: { latitude: 52.5 } },
			/longitude is required/,
		],
		[
			'a contact without formatted name',
			{ type: 'contacts', contacts: [{ name: {} }] },
			/formatted_name is required/,
		],
	])('refuses %s with code 100 naming the field', async (_rule, body, details) => {
		emulator.setWindow(WA_ID, true);
		const reply = await send({ to: WA_ID, ...body });
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({ error: { code: 100, message: '(#100) Invalid parameter' } });
		expect((reply.body as Json).error.error_data.details).toMatch(details);
	});

	it('refuses a type WhatsApp does not know (131051)', async () => {
		emulator.setWindow(WA_ID, true);
		const reply = await send({ to: WA_ID, type: 'hologram', hologram: {} });
		expect(reply.body).toMatchObject({ error: { code: 131051 } });
	});

	describe('read receipts', () => {
		it('marks an incoming message as read, with the typing indicator', async () => {
			const id = await incoming();
			const reply = await call(emulator, 'POST', '/messages', {
				body: {
					messaging_product: 'whatsapp',
					status: 'read',
					message_id: id,
					typing_indicator: { type: 'text' },
				},
			});
			expect(reply).toMatchObject({ status: 200, body: { success: true } });
			expect(emulator.readReceipts()).toEqual([
				{ messageId: id, typingIndicator: true, at: expect.any(Number) },
			]);
		});

		it('refuses a message id that did not come in', async () => {
			const reply = await call(emulator, 'POST', '/messages', {
				body: { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.unknown' },
			});
			expect(reply.status).toBe(400);
			expect((reply.body as Json).error.error_data.details).toMatch(/not an incoming message/);
		});
	});

	describe('templates', () => {
		beforeEach(() => emulator.registerTemplates(ALL_TEMPLATES));

		const template = (name: string, language: string, components: unknown[] = []) => ({
			to: WA_ID,
			type: 'template',
			template: { name, language: { code: language }, components },
		});
		const orderComponents = (body: string[], extra: unknown[] = []) => [
			{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://x.test/a.jpg' } }] },
			{ type: 'body', parameters: body.map((value) => ({ type: 'text', text: value })) },
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-7' }] },
			{
				type: 'button',
				sub_type: 'copy_code',
				index: '1',
				parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
			},
			...extra,
		];

		it('sends a template outside the window, accepted and reported in its category', async () => {
			const reply = await send(template('order_update', 'en_US', orderComponents(['Ana', 'A-7'])));
			expect(reply.status).toBe(200);
			expect((reply.body as Json).messages[0]).toEqual({
				id: expect.stringMatching(/^wamid\./),
				message_status: 'accepted',
			});
			await emulator.settle();
			const sent = JSON.parse(main.received[0].body).entry[0].changes[0].value.statuses[0];
			expect(sent.pricing).toMatchObject({ billable: true, category: 'utility' });
		});

		it.each([
			['an unknown name', template('order_updates', 'en_US'), 132001, /does not exist in en_US/],
			[
				'a language it does not have',
				template('order_update', 'fr', orderComponents(['Ana', 'A-7'])),
				132001,
				/exists in en_US, de/,
			],
			[
				'a template that is not approved',
				template('spring_promo', 'en_US'),
				132001,
				/status is pending/,
			],
			[
				'one body parameter of two',
				template('order_update', 'en_US', orderComponents(['Ana'])),
				132000,
				/^body: .*\(1\).*\(2\)/,
			],
			[
				'no header image',
				template('order_update', 'en_US', orderComponents(['Ana', 'A-7']).slice(1)),
				132000,
				/^header/,
			],
			[
				'a text where the header wants an image',
				template('order_update', 'en_US', [
					{ type: 'header', parameters: [{ type: 'text', text: 'x' }] },
					...orderComponents(['Ana', 'A-7']).slice(1),
				]),
				132012,
				/header/,
			],
			[
				'a body over 1024 characters once filled in',
				template('order_update', 'en_US', orderComponents(['Ana', long(1000)])),
				132005,
				/at most 1024/,
			],
			[
				'the URL button left out',
				template(
					'order_update',
					'en_US',
					orderComponents(['Ana', 'A-7']).filter((c: Json) => c.index !== '0'),
				),
				132000,
				/^button 0/,
			],
			[
				'a named parameter under the wrong name',
				template('appointment_reminder', 'en_US', [
					{ type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
					{ type: 'body', parameters: [{ type: 'text', parameter_name: 'day', text: 'Monday' }] },
				]),
				132012,
				/parameter_name one of date/,
			],
		])('refuses %s', async (_case, body, code, details) => {
			const reply = await send(body);
			expect(reply.status).toBe(400);
			expect((reply.body as Json).error.code).toBe(code);
			expect((reply.body as Json).error.error_data.details).toMatch(details);
		});

		it('lists templates page by page with the name filter', async () => {
			const paged = await startEmulator({ templatePageSize: 2 });
			try {
				paged.registerTemplates(ALL_TEMPLATES);
				const first = await call(paged, 'GET', '/v1/configs/templates?limit=1000&offset=0&sort=id');
				expect(first.body).toMatchObject({ count: 2, total: 5, limit: 1000, offset: 0 });
				const last = await call(paged, 'GET', '/v1/configs/templates?limit=1000&offset=4');
				expect((last.body as Json).waba_templates.map((t: Json) => t.name)).toEqual([
					'spring_promo',
				]);
				const filters = encodeURIComponent(
					JSON.stringify({ 'business_templates.name': 'order_update' }),
				);
				const named = await call(paged, 'GET', `/v1/configs/templates?filters=${filters}`);
				expect(named.body).toMatchObject({ count: 2, total: 2 });
				expect((named.body as Json).waba_templates.map((t: Json) => t.language)).toEqual([
					'en_US',
					'de',
				]);
			} finally {
				await paged.close();
			}
		});
	});
});

describe('emulator: POST /media', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	async function upload(
		file: Blob | undefined,
		fileName: string,
		fields: Record<string, string> = {},
	) {
		const form = new FormData();
		for (const [name, value] of Object.entries({ messaging_product: 'whatsapp', ...fields })) {
			form.append(name, value);
		}
		if (file) form.append('file', file, fileName);
		const response = await request(`${emulator.url}/media`, {
			method: 'POST',
			headers: { 'D360-API-KEY': emulator.apiKey },
			body: form,
		});
		return { status: response.statusCode, body: (await response.body.json()) as Json };
	}

	it('stores a multipart upload with its MIME type, size and sha256', async () => {
		const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 250]);
		const reply = await upload(new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');

		expect(reply).toEqual({ status: 200, body: { id: expect.stringMatching(/^\d{16}$/) } });
		expect(emulator.media()).toEqual([
			{
				id: reply.body.id,
				mimeType: 'image/jpeg',
				fileSize: 9,
				sha256: createHash('sha256').update(bytes).digest('hex'),
				fileName: 'photo.jpg',
				uploadedAt: expect.any(Number),
			},
		]);
	});

	it.each([
		[
			'an unsupported type',
			new Blob(['GIF89a'], { type: 'image/gif' }),
			'a.gif',
			/unsupported type "image\/gif"/,
		],
		[
			'a sticker over 500 KB',
			new Blob([Buffer.alloc(500 * 1024 + 1)], { type: 'image/webp' }),
			's.webp',
			/sticker files may have at most 512000/,
		],
		['an empty file', new Blob([], { type: 'application/pdf' }), 'a.pdf', /empty/],
		['no file', undefined, '', /file is required/],
	])('refuses %s', async (_case, file, fileName, details) => {
		const reply = await upload(file, fileName);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatchObject({ code: 100 });
		expect(reply.body.error.error_data.details).toMatch(details);
		expect(emulator.media()).toEqual([]);
	});

	it('takes the MIME type from the type field when given', async () => {
		const reply = await upload(
			new Blob(['%PDF-1.4'], { type: 'application/octet-stream' }),
			'a.pdf',
			{
				type: 'application/pdf',
			},
		);
		expect(reply.status).toBe(200);
		expect(emulator.media()[0].mimeType).toBe('application/pdf');
	});
});

describe('emulator: messaging control endpoints', () => {
	let emulator: Emulator;
	let main: Sink;

	beforeAll(async () => {
		main = await startSink();
		emulator = await startEmulator();
	});
	afterAll(async () => {
		await emulator.close();
		await main.close();
	});
	beforeEach(async () => {
		await emulator.settle();
		emulator.reset();
		main.received.length = 0;
	});

	/** Control calls carry no API key. */
	async function control(method: 'GET' | 'POST', path: string, body?: unknown) {
		const response = await request(`${emulator.url}/_emulator${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.statusCode, body: (await response.body.json()) as Json };
	}

	it('registers templates (one or many), filling in id, namespace and approved', async () => {
		const one = await control('POST', '/templates', ALL_TEMPLATES[3]);
		const many = await control('POST', '/templates', ALL_TEMPLATES.slice(0, 2));
		const listed = await control('GET', '/templates');

		expect(one.body).toEqual([
			expect.objectContaining({
				name: 'hello_world',
				status: 'approved',
				id: expect.any(String),
				namespace: expect.any(String),
				rejected_reason: null,
			}),
		]);
		expect(many.status).toBe(200);
		expect(listed.body.map((t: Json) => `${t.name}/${t.language}`)).toEqual([
			'hello_world/en_US',
			'order_update/en_US',
			'order_update/de',
		]);
		const refused = await control('POST', '/templates', { name: 'x' });
		expect(refused).toEqual({
			status: 400,
			body: { error: 'A template needs a name and a language' },
		});
	});

	it('shows the messages it accepted and the read receipts, and fans out read on request', async () => {
		emulator.setState({ phoneNumberWebhook: { url: `http://127.0.0.1:${main.port}/main` } });
		const notification = sampleTextNotification() as Json;
		await emulator.deliver(notification);
		const incomingId = notification.entry[0].changes[0].value.messages[0].id;
		const sent = await call(emulator, 'POST', '/messages', {
			body: { messaging_product: 'whatsapp', to: WA_ID, type: 'text', text: { body: 'Hi' } },
		});
		await call(emulator, 'POST', '/messages', {
			body: { messaging_product: 'whatsapp', status: 'read', message_id: incomingId },
		});
		const id = (sent.body as Json).messages[0].id;
		await emulator.settle();

		const messages = await control('GET', '/messages');
		expect(messages.body).toEqual([
			{
				id,
				to: WA_ID,
				waId: WA_ID,
				type: 'text',
				body: { messaging_product: 'whatsapp', to: WA_ID, type: 'text', text: { body: 'Hi' } },
				status: 'delivered',
				at: expect.any(Number),
			},
		]);
		expect((await control('GET', '/read-receipts')).body).toEqual([
			{ messageId: incomingId, typingIndicator: false, at: expect.any(Number) },
		]);
		expect(await control('POST', '/read', { message_id: id })).toEqual({
			status: 200,
			body: { ok: true },
		});
		expect((await control('GET', '/messages')).body[0].status).toBe('read');
		expect(await control('POST', '/read', { message_id: 'wamid.nope' })).toEqual({
			status: 400,
			body: { error: 'No message wamid.nope was sent through this emulator' },
		});
		expect((await control('POST', '/window', { wa_id: WA_ID })).status).toBe(400);
	});

	it('lists the media store without the bytes', async () => {
		const form = new FormData();
		form.append('messaging_product', 'whatsapp');
		form.append('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'a.pdf');
		const upload = await request(`${emulator.url}/media`, {
			method: 'POST',
			headers: { 'D360-API-KEY': emulator.apiKey },
			body: form,
		});
		const { id } = (await upload.body.json()) as { id: string };

		expect((await control('GET', '/media')).body).toEqual([
			{
				id,
				mimeType: 'application/pdf',
				fileSize: 8,
				sha256: createHash('sha256').update('%PDF-1.4').digest('hex'),
				fileName: 'a.pdf',
				uploadedAt: expect.any(Number),
			},
		]);
	});
});
