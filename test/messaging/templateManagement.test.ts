import type { INodeParameters } from 'n8n-workflow';

import { expectAuthenticated, expectNoKey, run, useEmulator } from '../actions/helpers';
import { ORDER_UPDATE, ORDER_UPDATE_DE } from '../fixtures/templates';

// Template → Create, Get and Delete over real HTTP against the emulator, which keeps the templates
// and checks a new one as WhatsApp does.

const emulator = useEmulator();
const template = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'template',
	operation,
	...parameters,
});
const examples = (pairs: Array<[string, string]>) => ({
	example: pairs.map(([variable, value]) => ({ variable, value })),
});
const templateCalls = () =>
	emulator().requests.filter((request) => request.path.startsWith('/v1/configs/templates'));

async function expectRefusedBeforeAnyCall(parameters: INodeParameters, message: string | RegExp) {
	const result = await run(emulator(), parameters);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toEqual(
		typeof message === 'string' ? message : expect.stringMatching(message),
	);
	expect(templateCalls()).toEqual([]);
}

describe('Template: Create', () => {
	const create = (extra: INodeParameters = {}) =>
		template('create', {
			templateName: 'order_shipped',
			category: 'UTILITY',
			language: 'en_US',
			body: 'Hi {{1}}, your order {{2}} ships today.',
			bodyExamples: examples([
				['2', 'A-4711'],
				['1', 'Lena'],
			]),
			...extra,
		});

	it('submits a text header, numbered body variables, a footer and every kind of button', async () => {
		const result = await run(
			emulator(),
			create({
				headerFormat: 'TEXT',
				headerText: 'Order {{1}}',
				headerExamples: examples([['1', 'A-4711']]),
				footer: 'Shop GmbH',
				templateButtons: {
					button: [
						{ type: 'QUICK_REPLY', text: 'Stop updates' },
						{
							type: 'URL',
							text: 'Track',
							url: 'https://example.com/track/{{1}}',
							urlExample: 'https://example.com/track/A-4711',
						},
						{ type: 'PHONE_NUMBER', text: 'Call us', phoneNumber: '+49 30 1234567' },
						{ type: 'COPY_CODE', couponCode: 'SAVE10' },
					],
				},
				allowCategoryChange: true,
			}),
		);

		expect(result.error).toBeUndefined();
		const post = templateCalls().find((request) => request.method === 'POST')!;
		expectAuthenticated(post, emulator().apiKey);
		expect(post.body).toEqual({
			name: 'order_shipped',
			category: 'UTILITY',
			language: 'en_US',
			allow_category_change: true,
			components: [
				{
					type: 'HEADER',
					format: 'TEXT',
					text: 'Order {{1}}',
					example: { header_text: ['A-4711'] },
				},
				{
					type: 'BODY',
					text: 'Hi {{1}}, your order {{2}} ships today.',
					example: { body_text: [['Lena', 'A-4711']] },
				},
				{ type: 'FOOTER', text: 'Shop GmbH' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'QUICK_REPLY', text: 'Stop updates' },
						{
							type: 'URL',
							text: 'Track',
							url: 'https://example.com/track/{{1}}',
							example: ['https://example.com/track/A-4711'],
						},
						{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+49 30 1234567' },
						{ type: 'COPY_CODE', example: 'SAVE10' },
					],
				},
			],
		});
		const [stored] = emulator().templates();
		expect(result.items).toEqual([
			{
				json: {
					name: 'order_shipped',
					language: 'en_US',
					category: 'UTILITY',
					id: stored.id,
					status: 'pending',
					raw: expect.objectContaining({ id: stored.id, status: 'pending' }),
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoKey(result, emulator().apiKey);
	});

	it('named variables: parameter_format NAMED and named examples', async () => {
		const result = await run(
			emulator(),
			create({
				body: 'Hi {{first_name}}, order {{order_id}} ships today.',
				bodyExamples: examples([
					['order_id', 'A-4711'],
					['{{first_name}}', 'Lena'],
				]),
			}),
		);
		expect(result.error).toBeUndefined();
		const post = templateCalls().find((request) => request.method === 'POST')!;
		expect(post.body).toMatchObject({
			parameter_format: 'NAMED',
			components: [
				{
					type: 'BODY',
					example: {
						body_text_named_params: [
							{ param_name: 'first_name', example: 'Lena' },
							{ param_name: 'order_id', example: 'A-4711' },
						],
					},
				},
			],
		});
	});

	it('an image header with a sample URL', async () => {
		const result = await run(
			emulator(),
			create({ headerFormat: 'IMAGE', headerSample: 'https://example.com/sample.jpg' }),
		);
		expect(result.error).toBeUndefined();
		expect(emulator().templates()[0].components[0]).toEqual({
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: ['https://example.com/sample.jpg'] },
		});
	});

	it("a name that exists in the language: 360dialog's refusal as a NodeApiError", async () => {
		emulator().registerTemplates([{ ...ORDER_UPDATE, name: 'order_shipped' }]);
		const result = await run(emulator(), create());
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.description).toMatch(
			/Content in this language already exists: order_shipped \(en_US\)/,
		);
		expectNoKey(result, emulator().apiKey);
	});

	it.each<[string, INodeParameters, string | RegExp]>([
		[
			'a name with capitals and spaces',
			{ templateName: 'Order Update' },
			'Invalid Template Name "Order Update"',
		],
		['a language that is no code', { language: 'English' }, 'Invalid Language "English"'],
		[
			'a body variable without an example',
			{ bodyExamples: examples([['1', 'Lena']]) },
			'Body variable {{2}} has no example',
		],
		[
			'numbered and named variables mixed',
			{ body: 'Hi {{1}}, order {{order_id}}' },
			'Body mixes numbered and named variables',
		],
		[
			'numbered variables with a gap',
			{ body: 'Hi {{1}}, order {{3}}' },
			"Body's numbered variables are not {{1}} to {{2}}",
		],
		[
			'a body over 1024 characters',
			{ body: 'x'.repeat(1025), bodyExamples: {} },
			/^Body is too long: 1025/,
		],
		[
			'a text header with two variables',
			{
				headerFormat: 'TEXT',
				headerText: '{{1}} {{2}}',
				headerExamples: examples([
					['1', 'a'],
					['2', 'b'],
				]),
			},
			'Header Text has more than one variable',
		],
		[
			'a media header without a sample',
			{ headerFormat: 'VIDEO', headerSample: ' ' },
			'Header Sample is empty',
		],
		[
			'a button text over 25 characters',
			{ templateButtons: { button: [{ type: 'QUICK_REPLY', text: 'x'.repeat(26) }] } },
			/^Button 1 Text is too long: 26/,
		],
		[
			'three URL buttons',
			{
				templateButtons: {
					button: [1, 2, 3].map((n) => ({
						type: 'URL',
						text: `Link ${n}`,
						url: 'https://example.com',
					})),
				},
			},
			'3 URL buttons: a template takes at most 2',
		],
		[
			'a URL variable that is not at the end',
			{
				templateButtons: {
					button: [
						{
							type: 'URL',
							text: 'Track',
							url: 'https://example.com/{{1}}/status',
							urlExample: 'x',
						},
					],
				},
			},
			'Button 1 URL may have one variable {{1}}, at its end',
		],
		[
			'a URL variable without an example',
			{
				templateButtons: {
					button: [{ type: 'URL', text: 'Track', url: 'https://example.com/{{1}}' }],
				},
			},
			'Button 1 URL variable {{1}} has no example',
		],
		[
			'a copy code example over 15 characters',
			{ templateButtons: { button: [{ type: 'COPY_CODE', couponCode: 'x'.repeat(16) }] } },
			/^Button 1 Example Code is too long/,
		],
	])('refuses %s before any call', async (_, extra, message) => {
		await expectRefusedBeforeAnyCall(create(extra), message);
	});
});

describe('Template: Get', () => {
	beforeEach(() =>
		emulator().registerTemplates([
			ORDER_UPDATE,
			{
				...ORDER_UPDATE_DE,
				status: 'rejected',
				rejected_reason: 'INVALID_FORMAT',
			},
		]),
	);

	it('one language: status, category, rejection reason and components', async () => {
		const result = await run(
			emulator(),
			template('get', { templateName: 'order_update', language: 'de' }),
		);
		expect(result.error).toBeUndefined();
		const [german] = emulator()
			.templates()
			.filter((t) => t.language === 'de');
		expect(result.items).toEqual([
			{
				json: {
					id: german.id,
					name: 'order_update',
					language: 'de',
					status: 'rejected',
					category: 'UTILITY',
					rejected_reason: 'INVALID_FORMAT',
					components: german.components,
					raw: expect.objectContaining({ id: german.id }),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('without a language: one item per language', async () => {
		const result = await run(emulator(), template('get', { templateName: 'order_update' }));
		expect(result.items.map(({ json }) => json.language)).toEqual(['en_US', 'de']);
		// 360dialog lists rejected_reason null for a template that was not rejected.
		expect(result.items[0].json).toMatchObject({ status: 'approved', rejected_reason: null });
	});

	it('a language the template does not have: refused, naming the languages it has', async () => {
		const result = await run(
			emulator(),
			template('get', { templateName: 'order_update', language: 'fr' }),
		);
		expect(result.error?.message).toBe('No template "order_update" in fr');
		expect(result.error?.description).toMatch(/It exists in en_US, de/);
	});

	it("Meta's list shape (data, paging with cursors): every page is read, quality included", async () => {
		const graphPage = (name: string, after?: string) => ({
			data: [
				{
					id: `${name}-id`,
					name: 'order_update',
					language: name,
					status: 'APPROVED',
					category: 'UTILITY',
					components: [],
					quality_score: { score: 'GREEN' },
				},
			],
			paging: {
				cursors: { before: 'b', ...(after ? { after } : {}) },
				...(after ? { next: 'https://next' } : {}),
			},
		});
		emulator().injectFault({
			path: '/v1/configs/templates',
			method: 'GET',
			status: 200,
			body: graphPage('en_US', 'cursor-2'),
		});
		emulator().injectFault({
			path: '/v1/configs/templates',
			method: 'GET',
			status: 200,
			body: graphPage('es'),
		});
		const result = await run(emulator(), template('get', { templateName: 'order_update' }));
		expect(result.error).toBeUndefined();
		expect(result.items.map(({ json }) => [json.language, json.quality])).toEqual([
			['en_US', 'GREEN'],
			['es', 'GREEN'],
		]);
		const [, second] = templateCalls();
		expect(new URLSearchParams(second.query).get('after')).toBe('cursor-2');
	});
});

describe('Template: Delete', () => {
	beforeEach(() => emulator().registerTemplates([ORDER_UPDATE, ORDER_UPDATE_DE]));

	it('by name: every language goes', async () => {
		const result = await run(emulator(), template('delete', { templateName: 'order_update' }));
		expect(result.error).toBeUndefined();
		const [call] = templateCalls();
		expect([call.method, call.path]).toEqual(['DELETE', '/v1/configs/templates/order_update']);
		expectAuthenticated(call, emulator().apiKey);
		expect(emulator().templates()).toEqual([]);
		expect(result.items).toEqual([
			{
				json: { deleted: true, name: 'order_update', languages: 'all', raw: { success: true } },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('by ID: only that template', async () => {
		const german = emulator()
			.templates()
			.find((t) => t.language === 'de')!;
		const result = await run(
			emulator(),
			template('delete', {
				templateName: 'order_update',
				deleteScope: 'byId',
				templateId: german.id,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(new URLSearchParams(templateCalls()[0].query).get('hsm_id')).toBe(german.id);
		expect(
			emulator()
				.templates()
				.map((t) => t.language),
		).toEqual(['en_US']);
	});

	it('a name 360dialog does not know: its 404 as a NodeApiError with its message', async () => {
		const result = await run(emulator(), template('delete', { templateName: 'no_such_template' }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.description).toMatch(/Template no_such_template does not exist/);
		expect(emulator().templates()).toHaveLength(2);
	});

	it('refuses an invalid name before any call', async () => {
		await expectRefusedBeforeAnyCall(
			template('delete', { templateName: 'Order Update' }),
			'Invalid Template Name "Order Update"',
		);
	});
});
