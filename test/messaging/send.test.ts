import { createHash } from 'node:crypto';

import {
	fromList,
	byName,
	expectAuthenticated,
	expectNoKey,
	run,
	useEmulator,
} from '../actions/helpers';
import { resourceMapperFields } from '../actions/listSearch';
import { ALL_TEMPLATES, APPOINTMENT, ORDER_UPDATE } from '../fixtures/templates';
import {
	animatedWebp,
	CUSTOMER,
	customerWrites,
	fileItem,
	message,
	onlySent,
	sentBodies,
	templateParameters as buildTemplateParameters,
} from './helpers';

// The emulator's answers and the sent bodies are walked as plain JSON.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const emulator = useEmulator();

/** The output every send has: the message id, who got it, and 360dialog's answer. */
function expectSentItem(json: Record<string, unknown>, messageId: string) {
	expect(json).toMatchObject({ message_id: messageId, wa_id: CUSTOMER, input: CUSTOMER });
	expect(json.raw).toMatchObject({ messages: [{ id: messageId }] });
}

describe('Message: Send Text', () => {
	it('replies inside the window, quoting the message, and outputs the message id', async () => {
		const incomingId = await customerWrites(emulator());

		const result = await run(
			emulator(),
			message('sendText', {
				to: '+49 176 123-45678',
				text: 'Thanks, *we are on it*!',
				previewUrl: true,
				options: { replyTo: incomingId },
			}),
		);

		expect(result.error).toBeUndefined();
		const sent = onlySent(emulator());
		expect(sent).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: CUSTOMER,
			context: { message_id: incomingId },
			type: 'text',
			text: { body: 'Thanks, *we are on it*!', preview_url: true },
		});
		const [messageRecord] = emulator().messages();
		expect(result.items).toEqual([{ json: expect.any(Object), pairedItem: { item: 0 } }]);
		expectSentItem(result.items[0].json, messageRecord.id);
		expect(result.items[0].json).not.toHaveProperty('message_status');
		const post = emulator().requests.find((r) => r.path === '/messages')!;
		expectAuthenticated(post, emulator().apiKey);
		expectNoKey(result, emulator().apiKey);
	});

	it('answers each input item from its own fields, with paired items', async () => {
		await customerWrites(emulator());
		emulator().setWindow('4915199999999', true);

		const result = await run(
			emulator(),
			message('sendText', { to: '={{ $json.from }}', text: '=Hello {{ $json.name }}' }),
			{
				input: [
					{ from: CUSTOMER, name: 'Lena' },
					{ from: '4915199999999', name: 'Tom' },
				],
			},
		);

		expect(result.error).toBeUndefined();
		expect(sentBodies(emulator()).map(({ to, text }) => [to, text])).toEqual([
			[CUSTOMER, { body: 'Hello Lena', preview_url: false }],
			['4915199999999', { body: 'Hello Tom', preview_url: false }],
		]);
		expect(result.items.map(({ pairedItem, json }) => [pairedItem, json.wa_id])).toEqual([
			[{ item: 0 }, CUSTOMER],
			[{ item: 1 }, '4915199999999'],
		]);
	});
});

describe('Message: Send Media', () => {
	beforeEach(async () => {
		await customerWrites(emulator());
	});

	it('sends an image by URL with a caption', async () => {
		const result = await run(
			emulator(),
			message('sendMedia', {
				mediaType: 'image',
				source: 'url',
				mediaUrl: 'https://cdn.example.com/menu.jpg',
				caption: "Today's menu",
			}),
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator())).toMatchObject({
			type: 'image',
			image: { link: 'https://cdn.example.com/menu.jpg', caption: "Today's menu" },
		});
	});

	it('sends a document by media ID with its file name', async () => {
		const result = await run(
			emulator(),
			message('sendMedia', {
				mediaType: 'document',
				source: 'id',
				mediaId: '1037543291543636',
				caption: 'Invoice',
				fileName: 'inv-7.pdf',
			}),
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator())).toMatchObject({
			type: 'document',
			document: { id: '1037543291543636', caption: 'Invoice', filename: 'inv-7.pdf' },
		});
	});

	it('uploads a binary file first (multipart), then sends it by the new media ID', async () => {
		const pdf = Buffer.from('%PDF-1.4\n% invoice 7\n%%EOF\n');

		const result = await run(
			emulator(),
			message('sendMedia', { mediaType: 'document', source: 'binary', caption: 'Your invoice' }),
			{ items: [fileItem(pdf, 'application/pdf', 'invoice-7.pdf')] },
		);

		expect(result.error).toBeUndefined();
		const [stored] = emulator().media();
		expect(stored).toEqual({
			id: expect.stringMatching(/^\d+$/),
			mimeType: 'application/pdf',
			fileSize: pdf.length,
			sha256: createHash('sha256').update(pdf).digest('hex'),
			fileName: 'invoice-7.pdf',
			uploadedAt: expect.any(Number),
		});
		const upload = emulator().requests.find((r) => r.path === '/media')!;
		expect(upload.method).toBe('POST');
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.headers['d360-api-key']).toBe(emulator().apiKey);
		expect(onlySent(emulator())).toMatchObject({
			type: 'document',
			document: { id: stored.id, caption: 'Your invoice', filename: 'invoice-7.pdf' },
		});
		expect(result.items[0].json.media).toEqual({
			id: stored.id,
			mime_type: 'application/pdf',
			file_size: pdf.length,
			file_name: 'invoice-7.pdf',
			sha256: stored.sha256,
		});
		expectNoKey(result, emulator().apiKey);
	});

	it('takes the file from another binary field and sends an animated sticker over 100 KB', async () => {
		const sticker = animatedWebp(300 * 1024);
		const result = await run(
			emulator(),
			message('sendMedia', {
				mediaType: 'sticker',
				source: 'binary',
				binaryPropertyName: 'sticker',
			}),
			{ items: [fileItem(sticker, 'image/webp', 'party.webp', 'sticker')] },
		);

		expect(result.error).toBeUndefined();
		expect(emulator().media()[0]).toMatchObject({
			mimeType: 'image/webp',
			fileSize: sticker.length,
		});
		expect(onlySent(emulator())).toEqual(
			expect.objectContaining({ type: 'sticker', sticker: { id: emulator().media()[0].id } }),
		);
	});
});

describe('Message: Send Buttons', () => {
	beforeEach(async () => {
		await customerWrites(emulator());
	});

	it('sends up to 3 reply buttons with a text header and a footer', async () => {
		const result = await run(
			emulator(),
			message('sendButtons', {
				text: 'Is your order still wanted?',
				buttons: {
					button: [
						{ id: 'yes', title: 'Yes' },
						{ id: 'no', title: 'No' },
						{ id: 'call', title: 'Call me' },
					],
				},
				headerType: 'text',
				headerText: 'Order A-7',
				footer: 'Shop Example',
			}),
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator())).toMatchObject({
			type: 'interactive',
			interactive: {
				type: 'button',
				header: { type: 'text', text: 'Order A-7' },
				body: { text: 'Is your order still wanted?' },
				footer: { text: 'Shop Example' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
						{ type: 'reply', reply: { id: 'no', title: 'No' } },
						{ type: 'reply', reply: { id: 'call', title: 'Call me' } },
					],
				},
			},
		});
	});

	it('takes the buttons as JSON (for expressions and AI agents) and an image header by URL', async () => {
		const result = await run(
			emulator(),
			message('sendButtons', {
				text: 'Pick a size',
				specifyButtons: 'json',
				buttonsJson: '={{ JSON.stringify($json.sizes) }}',
				headerType: 'image',
				headerMedia: 'https://cdn.example.com/shirt.png',
			}),
			{
				input: [
					{
						sizes: [
							{ id: 's', title: 'Small' },
							{ id: 42, title: 'Large' },
						],
					},
				],
			},
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator()).interactive).toEqual({
			type: 'button',
			header: { type: 'image', image: { link: 'https://cdn.example.com/shirt.png' } },
			body: { text: 'Pick a size' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: 's', title: 'Small' } },
					{ type: 'reply', reply: { id: '42', title: 'Large' } },
				],
			},
		});
	});
});

describe('Message: Send List', () => {
	beforeEach(async () => {
		await customerWrites(emulator());
	});

	const sections = {
		section: [
			{
				title: 'Pizza',
				rows: {
					row: [
						{ id: 'margherita', title: 'Margherita', description: 'Tomato, mozzarella' },
						{ id: 'funghi', title: 'Funghi', description: '' },
					],
				},
			},
			{ title: 'Drinks', rows: { row: [{ id: 'water', title: 'Water' }] } },
		],
	};

	it('sends sections with rows, leaving out empty descriptions', async () => {
		const result = await run(
			emulator(),
			message('sendList', {
				text: 'What would you like?',
				buttonText: 'Menu',
				sections,
				headerType: 'text',
				headerText: 'Luigi’s',
			}),
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator()).interactive).toEqual({
			type: 'list',
			header: { type: 'text', text: 'Luigi’s' },
			body: { text: 'What would you like?' },
			action: {
				button: 'Menu',
				sections: [
					{
						title: 'Pizza',
						rows: [
							{ id: 'margherita', title: 'Margherita', description: 'Tomato, mozzarella' },
							{ id: 'funghi', title: 'Funghi' },
						],
					},
					{ title: 'Drinks', rows: [{ id: 'water', title: 'Water' }] },
				],
			},
		});
	});

	it('takes the sections as JSON', async () => {
		const json = [{ rows: [{ id: 'r1', title: 'Only row' }] }];
		const result = await run(
			emulator(),
			message('sendList', {
				text: 'Pick',
				buttonText: 'Options',
				specifySections: 'json',
				sectionsJson: JSON.stringify(json),
			}),
		);

		expect(result.error).toBeUndefined();
		expect((onlySent(emulator()).interactive as Json).action.sections).toEqual(json);
	});
});

describe('Message: Send Template', () => {
	beforeEach(() => {
		emulator().registerTemplates(ALL_TEMPLATES);
	});

	const templateParameters = (name: string, language: string, values: Record<string, string>) =>
		buildTemplateParameters(emulator(), name, language, values);

	it('sends a template outside the window, built from the fields of the chosen template', async () => {
		const parameters = await templateParameters('order_update', 'en_US', {
			'header:image': 'https://cdn.example.com/parcel.jpg',
			'body:1': 'Ana',
			'body:2': 'A-7',
			'button:0:url': 'A 7/ü',
			'button:1:copy_code': 'SAVE10',
		});
		emulator().clearRequests();

		const result = await run(
			emulator(),
			message('sendTemplate', {
				template: fromList('order_update'),
				language: 'en_US',
				templateParameters: parameters,
			}),
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator())).toMatchObject({
			type: 'template',
			template: {
				name: 'order_update',
				language: { code: 'en_US' },
				components: [
					{
						type: 'header',
						parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/parcel.jpg' } }],
					},
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Ana' },
							{ type: 'text', text: 'A-7' },
						],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: 'A%207/%C3%BC' }],
					},
					{
						type: 'button',
						sub_type: 'copy_code',
						index: '1',
						parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
					},
				],
			},
		});
		expect(result.items[0].json).toMatchObject({ message_status: 'accepted', wa_id: CUSTOMER });
		// Sending reads no template: the fields the editor loaded are all it needs.
		expect(emulator().requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /messages']);
	});

	it('sends named parameters, a text header and an optional quick-reply payload left empty', async () => {
		const parameters = await templateParameters('appointment_reminder', 'en_US', {
			'header:text:1': 'Dr. Weber',
			'body:date': 'Monday, 9:30',
			'button:0:quick_reply': 'confirm-17',
		});

		const result = await run(
			emulator(),
			message('sendTemplate', {
				template: byName('appointment_reminder'),
				language: 'en_US',
				templateParameters: parameters,
			}),
		);

		expect(result.error).toBeUndefined();
		expect((onlySent(emulator()).template as Json).components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', text: 'Dr. Weber' }] },
			{
				type: 'body',
				parameters: [{ type: 'text', parameter_name: 'date', text: 'Monday, 9:30' }],
			},
			{
				type: 'button',
				sub_type: 'quick_reply',
				index: '0',
				parameters: [{ type: 'payload', payload: 'confirm-17' }],
			},
		]);
	});

	it('lets JSON components replace the part the fields would build', async () => {
		const parameters = await templateParameters('order_update', 'de', {
			'header:image': '1037543291543636',
			'body:1': '',
			'body:2': '',
			'button:0:url': 'A-7',
			'button:1:copy_code': 'SAVE10',
		});
		const body = {
			type: 'body',
			parameters: [
				{ type: 'text', text: 'Ana' },
				{
					type: 'currency',
					currency: { fallback_value: '7,00 €', code: 'EUR', amount_1000: 7000 },
				},
			],
		};

		const result = await run(
			emulator(),
			message('sendTemplate', {
				template: fromList('order_update'),
				language: 'de',
				templateParameters: parameters,
				componentsJson: JSON.stringify([body]),
			}),
		);

		expect(result.error).toBeUndefined();
		const components = (onlySent(emulator()).template as Json).components;
		expect(components[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'image', image: { id: '1037543291543636' } }],
		});
		expect(components.filter((c: Json) => c.type === 'body')).toEqual([body]);
	});

	it('sends a template without parameters with no components', async () => {
		const result = await run(
			emulator(),
			message('sendTemplate', { template: byName('hello_world'), language: 'en_US' }),
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator()).template).toEqual({
			name: 'hello_world',
			language: { code: 'en_US' },
		});
	});

	it('builds fields from the fixtures exactly', async () => {
		const { fields } = await resourceMapperFields(
			emulator(),
			'getTemplateParameters',
			'templateParameters',
			message('sendTemplate', { template: fromList(ORDER_UPDATE.name), language: 'en_US' }),
		);
		expect(fields.map(({ id, displayName, required }) => [id, displayName, required])).toEqual([
			// Not required in the editor: the Header File may fill it (the node still checks it).
			['header:image', 'Header Image (URL or Media ID)', false],
			['body:1', 'Body {{1}}', true],
			['body:2', 'Body {{2}}', true],
			['button:0:url', 'Button "Track" URL {{1}}', true],
			['button:1:copy_code', 'Button "Copy code" Coupon Code', true],
		]);
		const appointment = await resourceMapperFields(
			emulator(),
			'getTemplateParameters',
			'templateParameters',
			message('sendTemplate', { template: fromList(APPOINTMENT.name), language: 'en_US' }),
		);
		expect(appointment.fields.map(({ id, required }) => [id, required])).toEqual([
			['header:text:1', true],
			['body:date', true],
			['button:0:quick_reply', false],
			['button:1:quick_reply', false],
		]);
	});
});

describe('Message: Send Location, Send Contacts, React, Mark as Read', () => {
	it('sends a location, coordinates given as text by an expression', async () => {
		await customerWrites(emulator());
		const result = await run(
			emulator(),
			message('sendLocation', {
				latitude: '={{ $json.lat }}',
				longitude: 13.404954,
				locationName: 'Shop',
				address: 'Main St 1',
			}),
			{ input: [{ lat: '52.520008' }] },
		);

		expect(result.error).toBeUndefined();
		expect(onlySent(emulator()).location).toEqual({
			latitude: 52.520008,
			longitude: 13.404954,
			name: 'Shop',
			address: 'Main St 1',
		});
	});

	it('sends contact cards from fields and from JSON', async () => {
		await customerWrites(emulator());
		const fields = await run(
			emulator(),
			message('sendContacts', {
				contacts: {
					contact: [
						{
							formattedName: 'Ana Silva',
							firstName: 'Ana',
							phone: '+49 30 1234567',
							phoneType: 'WORK',
							waId: '49301234567',
							email: 'ana@example.com',
							company: 'Example GmbH',
						},
					],
				},
			}),
		);
		const cards = [
			{ name: { formatted_name: 'Tom' }, urls: [{ url: 'https://t.example', type: 'WORK' }] },
		];
		const json = await run(
			emulator(),
			message('sendContacts', { specifyContacts: 'json', contactsJson: JSON.stringify(cards) }),
		);

		expect(fields.error).toBeUndefined();
		expect(json.error).toBeUndefined();
		expect(sentBodies(emulator()).map(({ contacts }) => contacts)).toEqual([
			[
				{
					name: { formatted_name: 'Ana Silva', first_name: 'Ana' },
					phones: [{ phone: '+49 30 1234567', type: 'WORK', wa_id: '49301234567' }],
					emails: [{ email: 'ana@example.com', type: 'WORK' }],
					org: { company: 'Example GmbH' },
				},
			],
			cards,
		]);
	});

	it('reacts to a message and removes the reaction with an empty emoji', async () => {
		const incomingId = await customerWrites(emulator());
		const react = (emoji: string) =>
			run(emulator(), message('react', { messageId: incomingId, emoji }));

		const added = await react('\u{1F44D}\u{1F3FD}');
		const removed = await react('');

		expect(added.error).toBeUndefined();
		expect(removed.error).toBeUndefined();
		expect(sentBodies(emulator()).map(({ reaction }) => reaction)).toEqual([
			{ message_id: incomingId, emoji: '\u{1F44D}\u{1F3FD}' },
			{ message_id: incomingId, emoji: '' },
		]);
		expect(added.items[0].json.message_id).toMatch(/^wamid\./);
	});

	it('marks an incoming message as read, with the typing indicator', async () => {
		const incomingId = await customerWrites(emulator());

		const result = await run(
			emulator(),
			{
				resource: 'message',
				operation: 'markAsRead',
				messageId: '={{ $json.message_id }}',
				typingIndicator: true,
			},
			{ input: [{ message_id: incomingId }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			success: true,
			message_id: incomingId,
			typing_indicator: true,
			raw: { success: true },
		});
		expect(emulator().requests.at(-1)!.body).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: incomingId,
			typing_indicator: { type: 'text' },
		});
		expect(emulator().readReceipts()).toEqual([
			{ messageId: incomingId, typingIndicator: true, at: expect.any(Number) },
		]);
	});
});

describe('Media: Upload', () => {
	it('uploads a file and outputs its media ID, type, size, name and sha256', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

		const result = await run(
			emulator(),
			{ resource: 'media', operation: 'upload', fileName: 'logo.png' },
			{ items: [fileItem(png, 'image/png', 'original.png')] },
		);

		expect(result.error).toBeUndefined();
		const [stored] = emulator().media();
		expect(result.items).toEqual([
			{
				json: {
					id: stored.id,
					mime_type: 'image/png',
					file_size: png.length,
					file_name: 'logo.png',
					sha256: createHash('sha256').update(png).digest('hex'),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(stored).toMatchObject({
			mimeType: 'image/png',
			fileName: 'logo.png',
			sha256: result.items[0].json.sha256,
		});
	});
});
