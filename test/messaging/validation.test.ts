import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { byName, run, useEmulator } from '../actions/helpers';
import { CUSTOMER, fileItem, message } from './helpers';

const emulator = useEmulator();

interface Case {
	rule: string;
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	message: string | RegExp;
	description?: RegExp;
}

const x = (length: number) => 'x'.repeat(length);
const buttons = (...list: Array<[string, string]>) => ({
	button: list.map(([id, title]) => ({ id, title })),
});
const rows = (prefix: string, count: number) => ({
	row: Array.from({ length: count }, (_, index) => ({
		id: `${prefix}${index}`,
		title: `Row ${index}`,
	})),
});
const list = (section: INodeParameters[], extra: INodeParameters = {}) =>
	message('sendList', { text: 'Pick', buttonText: 'Options', sections: { section }, ...extra });
const sendButtons = (extra: INodeParameters) =>
	message('sendButtons', {
		text: 'Pick one',
		buttons: buttons(['yes', 'Yes'], ['no', 'No']),
		...extra,
	});
const binaryMedia = (mediaType: string) => message('sendMedia', { mediaType, source: 'binary' });

/** The Template Parameters of order_update as the editor stores them, with two body fields. */
const orderUpdateParameters = (values: Record<string, string>) => ({
	mappingMode: 'defineBelow',
	value: values,
	matchingColumns: [],
	schema: [
		{ id: 'header:image', displayName: 'Header Image (URL or Media ID)', required: true },
		{ id: 'body:1', displayName: 'Body {{1}}', required: true },
		{ id: 'body:2', displayName: 'Body {{2}}', required: true },
	].map((field) => ({ ...field, defaultMatch: false, display: true, type: 'string' })),
	attemptToConvertTypes: false,
	convertFieldsToString: true,
});

// Each case breaks one rule WhatsApp or 360dialog documents; none of them may reach the API.
const refusedBeforeAnyCall: Case[] = [
	{
		rule: 'an empty text',
		parameters: message('sendText', { text: '  ' }),
		message: 'Text is empty',
	},
	{
		rule: 'a text over 4096 characters',
		parameters: message('sendText', { text: x(4097) }),
		message: 'Text is too long: 4097 characters, at most 4096',
		description: /Shorten it by 1/,
	},
	{
		rule: 'a recipient with letters',
		parameters: message('sendText', { to: 'Lena', text: 'Hi' }),
		message: 'Invalid To "Lena"',
		description: /phone number with its country code.*WhatsApp ID/,
	},
	{
		rule: 'a recipient with the 00 prefix',
		parameters: message('sendText', { to: '0049 176 12345678', text: 'Hi' }),
		message: 'Invalid To "0049 176 12345678"',
		description: /No leading 0 or 00/,
	},
	{
		rule: 'a recipient too long for a phone number',
		parameters: message('sendText', { to: '+49 1761234567890123', text: 'Hi' }),
		message: 'Invalid To "+49 1761234567890123"',
	},
	{
		// A literal empty required field is n8n's own check; an expression that comes out empty is ours.
		rule: 'a recipient expression that comes out empty',
		parameters: message('sendText', { to: '={{ $json.from }}', text: 'Hi' }),
		message: 'To is empty',
	},
	{
		rule: 'four buttons',
		parameters: sendButtons({ buttons: buttons(['a', 'A'], ['b', 'B'], ['c', 'C'], ['d', 'D']) }),
		message: '4 Buttons: WhatsApp takes 1 to 3',
		description: /Remove 1 of the buttons/,
	},
	{
		rule: 'no buttons',
		parameters: sendButtons({ buttons: {} }),
		message: '0 Buttons: WhatsApp takes 1 to 3',
		description: /Add at least one/,
	},
	{
		rule: 'two buttons with one ID',
		parameters: sendButtons({ buttons: buttons(['yes', 'Yes'], ['yes', 'Sure']) }),
		message: 'Duplicate Button ID "yes"',
		description: /must be unique/,
	},
	{
		rule: 'two buttons with one title',
		parameters: sendButtons({ buttons: buttons(['a', 'Yes'], ['b', 'Yes']) }),
		message: 'Duplicate Button Title "Yes"',
	},
	{
		rule: 'a button title over 20 characters',
		parameters: sendButtons({ buttons: buttons(['a', x(21)]) }),
		message: 'Button 1 Title is too long: 21 characters, at most 20',
	},
	{
		rule: 'a button ID over 256 characters',
		parameters: sendButtons({ buttons: buttons(['a', 'A'], [x(257), 'B']) }),
		message: 'Button 2 ID is too long: 257 characters, at most 256',
	},
	{
		rule: 'a button without an ID',
		parameters: sendButtons({ buttons: buttons(['', 'Yes']) }),
		message: 'Button 1 ID is empty',
	},
	{
		rule: 'buttons JSON without a title',
		parameters: sendButtons({ specifyButtons: 'json', buttonsJson: '[{"id": "a"}]' }),
		message: /^Invalid Buttons \(JSON\) at entry 1 title: /,
		description: /Expected an array such as \[\{"id": "yes", "title": "Yes"\}/,
	},
	{
		rule: 'buttons JSON that is not JSON',
		parameters: sendButtons({ specifyButtons: 'json', buttonsJson: '[{"id": "a",' }),
		message: 'Invalid JSON in Buttons (JSON)',
	},
	{
		rule: 'a buttons text over 1024 characters',
		parameters: sendButtons({ text: x(1025) }),
		message: 'Text is too long: 1025 characters, at most 1024',
	},
	{
		rule: 'a header text over 60 characters',
		parameters: sendButtons({ headerType: 'text', headerText: x(61) }),
		message: 'Header Text is too long: 61 characters, at most 60',
	},
	{
		rule: 'a header image that is neither a URL nor a media ID',
		parameters: sendButtons({ headerType: 'image', headerMedia: 'ftp://files.example.com/a.jpg' }),
		message: 'Invalid Header Media "ftp://files.example.com/a.jpg"',
		description: /http\(s\) URL .* or the ID of an uploaded media/,
	},
	{
		rule: 'a footer over 60 characters',
		parameters: sendButtons({ footer: x(61) }),
		message: 'Footer is too long: 61 characters, at most 60',
	},
	{
		rule: 'eleven list rows over two sections',
		parameters: list([
			{ title: 'A', rows: rows('a', 6) },
			{ title: 'B', rows: rows('b', 5) },
		]),
		message: '11 Rows: WhatsApp takes 1 to 10',
	},
	{
		rule: 'eleven sections',
		parameters: list(
			Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(`s${i}-`, 1) })),
		),
		message: '11 Sections: WhatsApp takes 1 to 10',
	},
	{
		rule: 'one row ID in two sections',
		parameters: list([
			{ title: 'A', rows: rows('r', 2) },
			{ title: 'B', rows: rows('r', 1) },
		]),
		message: 'Duplicate Row ID "r0"',
	},
	{
		rule: 'a second section without a title',
		parameters: list([
			{ title: 'A', rows: rows('a', 1) },
			{ title: '', rows: rows('b', 1) },
		]),
		message: 'Section 2 Title is empty',
	},
	{
		rule: 'a row title over 24 characters',
		parameters: list([{ rows: { row: [{ id: 'a', title: x(25) }] } }]),
		message: 'Section 1 Row 1 Title is too long: 25 characters, at most 24',
	},
	{
		rule: 'a row description over 72 characters',
		parameters: list([{ rows: { row: [{ id: 'a', title: 'A', description: x(73) }] } }]),
		message: 'Section 1 Row 1 Description is too long: 73 characters, at most 72',
	},
	{
		rule: 'a list button text over 20 characters',
		parameters: list([{ rows: rows('a', 1) }], { buttonText: x(21) }),
		message: 'Button Text is too long: 21 characters, at most 20',
	},
	{
		rule: 'a PDF sent as an image',
		parameters: binaryMedia('image'),
		items: [fileItem(Buffer.from('%PDF-1.4'), 'application/pdf', 'a.pdf')],
		message:
			'The file in Input Binary Field "data" is "application/pdf", which WhatsApp does not take as image',
		description:
			/WhatsApp takes image: image\/jpeg, image\/png\. This file fits Document: choose that media type/,
	},
	{
		rule: 'a GIF',
		parameters: binaryMedia('image'),
		items: [fileItem(Buffer.from('GIF89a'), 'image/gif', 'a.gif')],
		message:
			'The file in Input Binary Field "data" is "image/gif", which WhatsApp does not take as image',
	},
	{
		rule: 'an image over 5 MB',
		parameters: binaryMedia('image'),
		items: [fileItem(Buffer.alloc(5 * 1024 * 1024 + 1), 'image/jpeg', 'big.jpg')],
		message:
			'The file in Input Binary Field "data" is too big: 5242881 bytes, WhatsApp takes at most 5242880 bytes for an image',
		description: /send it as a document \(up to 100 MB\)/,
	},
	{
		rule: 'a static sticker over 100 KB',
		parameters: binaryMedia('sticker'),
		items: [fileItem(Buffer.alloc(100 * 1024 + 1), 'image/webp', 's.webp')],
		message: /too big: 102401 bytes, WhatsApp takes at most 102400 bytes for a static sticker$/,
	},
	{
		rule: 'an empty file',
		parameters: binaryMedia('document'),
		items: [fileItem(Buffer.alloc(0), 'application/pdf', 'empty.pdf')],
		message: 'The file in Input Binary Field "data" is empty',
	},
	{
		rule: 'no binary data under the field',
		parameters: binaryMedia('document'),
		items: [fileItem(Buffer.from('%PDF'), 'application/pdf', 'a.pdf', 'invoice')],
		message: /binary/i,
	},
	{
		rule: 'a media URL that is not http(s)',
		parameters: message('sendMedia', {
			mediaType: 'image',
			source: 'url',
			mediaUrl: 'ftp://x.example/a.jpg',
		}),
		message: 'Invalid URL "ftp://x.example/a.jpg"',
		description: /public http\(s\) URL/,
	},
	{
		rule: 'a media ID that is not one',
		parameters: message('sendMedia', { mediaType: 'image', source: 'id', mediaId: 'photo.jpg' }),
		message: 'Invalid Media ID "photo.jpg"',
	},
	{
		rule: 'a caption over 1024 characters',
		parameters: message('sendMedia', {
			mediaType: 'video',
			source: 'id',
			mediaId: '123',
			caption: x(1025),
		}),
		message: 'Caption is too long: 1025 characters, at most 1024',
	},
	{
		rule: 'a template parameter left empty',
		parameters: message('sendTemplate', {
			template: byName('order_update'),
			language: 'en_US',
			templateParameters: orderUpdateParameters({
				'header:image': '1037543291543636',
				'body:1': 'Ana',
				'body:2': '={{ $json.order_id }}',
			}),
		}),
		message: 'Template parameter "Body {{2}}" is empty',
		description:
			/order_update \(en_US\) has 2 body parameters, and WhatsApp refuses the template \(132000\)/,
	},
	{
		rule: 'no template',
		parameters: message('sendTemplate', {
			template: byName('={{ $json.template }}'),
			language: 'en_US',
		}),
		message: 'Template is empty',
	},
	{
		rule: 'no language',
		parameters: message('sendTemplate', {
			template: byName('hello_world'),
			language: '={{ $json.language }}',
		}),
		message: 'Language is empty',
		description: /Pick a language of hello_world/,
	},
	{
		rule: 'a JSON component without a type',
		parameters: message('sendTemplate', {
			template: byName('hello_world'),
			language: 'en_US',
			componentsJson: '[{"parameters": []}]',
		}),
		message: 'Invalid Components (JSON): entry 1 needs a "type" (header, body or button)',
	},
	{
		rule: 'a reaction that is text',
		parameters: message('react', { messageId: 'wamid.IN1', emoji: 'ok' }),
		message: 'Invalid Emoji "ok"',
		description: /exactly one emoji/,
	},
	{
		rule: 'a reaction of two emoji',
		parameters: message('react', { messageId: 'wamid.IN1', emoji: '\u{1F44D}\u{1F44D}' }),
		message: 'Invalid Emoji "\u{1F44D}\u{1F44D}"',
	},
	{
		rule: 'a reaction without a message',
		parameters: message('react', { messageId: '={{ $json.message_id }}', emoji: '\u{1F44D}' }),
		message: 'Message ID is empty',
	},
	{
		rule: 'marking no message as read',
		parameters: { resource: 'message', operation: 'markAsRead', messageId: ' ' },
		message: 'Message ID is empty',
		description: /\{\{ \$json\.message_id \}\}/,
	},
	{
		rule: 'a latitude beyond 90',
		parameters: message('sendLocation', { latitude: '={{ "91" }}', longitude: 13.4 }),
		message: 'Invalid Latitude "91"',
	},
	{
		rule: 'contact JSON without a formatted name',
		parameters: message('sendContacts', {
			specifyContacts: 'json',
			contactsJson: '[{"name": {"first_name": "Ana"}}]',
		}),
		message: /^Invalid Contacts \(JSON\) at entry 1 name formatted_name: /,
	},
	{
		rule: 'a contact card without a formatted name',
		parameters: message('sendContacts', { contacts: { contact: [{ phone: '+4930123' }] } }),
		message: 'Contact 1 Formatted Name is empty',
	},
	{
		rule: 'an upload of a type WhatsApp does not take',
		parameters: { resource: 'media', operation: 'upload' },
		items: [fileItem(Buffer.from('<svg/>'), 'image/svg+xml', 'logo.svg')],
		message:
			'The file in Input Binary Field "data" is "image/svg+xml", which WhatsApp does not take',
		description: /WhatsApp takes image: image\/jpeg, image\/png; video: .*sticker: image\/webp\./,
	},
	{
		rule: 'a request timeout of 0',
		parameters: message('sendText', { text: 'Hi', options: { requestTimeout: 0 } }),
		message: 'Invalid Request Timeout (Seconds) "0"',
	},
];

describe('Messaging: refused before any call, naming the field', () => {
	it.each(refusedBeforeAnyCall.map((c) => [c.rule, c] as const))('%s', async (_rule, testCase) => {
		const result = await run(emulator(), testCase.parameters, { items: testCase.items });

		expect(result.error?.name).toBe('NodeOperationError');
		if (typeof testCase.message === 'string') expect(result.error?.message).toBe(testCase.message);
		else expect(result.error?.message).toMatch(testCase.message);
		if (testCase.description) expect(result.error?.description).toMatch(testCase.description);
		expect(emulator().requests).toEqual([]);
	});

	it('counts characters, not UTF-16 units: 4096 emoji are a valid text', async () => {
		emulator().setWindow(CUSTOMER, true);
		const result = await run(emulator(), message('sendText', { text: '\u{1F600}'.repeat(4096) }));
		expect(result.error).toBeUndefined();
	});

	it('refuses the Message and Media resources on On-Premise hosting, for each item, before any call', async () => {
		const text = await run(emulator(), message('sendText', { text: 'Hi' }), {
			hosting: 'onPremise',
			continueOnFail: true,
			input: [{}, {}],
		});
		const upload = await run(
			emulator(),
			{ resource: 'media', operation: 'upload' },
			{
				hosting: 'onPremise',
				items: [fileItem(Buffer.from('%PDF'), 'application/pdf', 'a.pdf')],
			},
		);

		expect(text.items.map(({ json, pairedItem }) => [json.error, pairedItem])).toEqual([
			[
				"The Message resource needs a Cloud API number, and the credential's hosting is On-Premise",
				{ item: 0 },
			],
			[
				"The Message resource needs a Cloud API number, and the credential's hosting is On-Premise",
				{ item: 1 },
			],
		]);
		expect(text.items[0].json.description).toMatch(/set Hosting to Cloud API/);
		expect(upload.error?.message).toBe(
			"The Media resource needs a Cloud API number, and the credential's hosting is On-Premise",
		);
		expect(emulator().requests).toEqual([]);
	});
});
