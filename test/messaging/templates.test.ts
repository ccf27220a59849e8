import { startEmulator, type Emulator, type TemplateInput } from '../../emulator';
import { fromList, run, useEmulator } from '../actions/helpers';
import { loadOptions, resourceMapperFields, searchList } from '../actions/listSearch';
import { ALL_TEMPLATES, HELLO_WORLD } from '../fixtures/templates';
import { testApiKey } from '../harness/testKeys';
import { message } from './helpers';

const emulator = useEmulator();

beforeEach(() => emulator().registerTemplates(ALL_TEMPLATES));

const getMany = (parameters: Record<string, unknown> = {}) => ({
	resource: 'template',
	operation: 'getMany',
	...parameters,
});
const names = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map(({ json }) => `${json.name}/${json.language}`);

describe('Template: Get Many', () => {
	it('lists the templates, one item each, as 360dialog lists them', async () => {
		const result = await run(emulator(), getMany({ returnAll: true }));

		expect(result.error).toBeUndefined();
		expect(names(result.items)).toEqual([
			'order_update/en_US',
			'order_update/de',
			'appointment_reminder/en_US',
			'hello_world/en_US',
			'spring_promo/en_US',
		]);
		expect(
			result.items.every(({ pairedItem }) => (pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(result.items[0].json).toMatchObject({
			name: 'order_update',
			status: 'approved',
			category: 'UTILITY',
			namespace: expect.any(String),
			components: expect.arrayContaining([
				{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} is on its way.' },
			]),
		});
		const [call] = emulator().requests;
		expect(call.path).toBe('/v1/configs/templates');
		expect(new URLSearchParams(call.query)).toEqual(
			new URLSearchParams('limit=1000&offset=0&sort=id'),
		);
	});

	it("filters by status, category and language without case, and by name on 360dialog's side", async () => {
		const pending = await run(
			emulator(),
			getMany({ returnAll: true, filters: { status: 'PENDING' } }),
		);
		const marketing = await run(
			emulator(),
			getMany({ returnAll: true, filters: { category: 'MARKETING' } }),
		);
		const german = await run(emulator(), getMany({ returnAll: true, filters: { language: 'DE' } }));
		emulator().clearRequests();
		const byName = await run(
			emulator(),
			getMany({ returnAll: true, filters: { name: 'order_update' } }),
		);

		expect(names(pending.items)).toEqual(['spring_promo/en_US']);
		expect(names(marketing.items)).toEqual(['hello_world/en_US', 'spring_promo/en_US']);
		expect(names(german.items)).toEqual(['order_update/de']);
		expect(names(byName.items)).toEqual(['order_update/en_US', 'order_update/de']);
		const query = new URLSearchParams(emulator().requests[0].query);
		expect(JSON.parse(query.get('filters') ?? '')).toEqual({
			'business_templates.name': 'order_update',
		});
	});

	it('stops at the limit', async () => {
		const result = await run(emulator(), getMany({ limit: 2 }));
		expect(names(result.items)).toEqual(['order_update/en_US', 'order_update/de']);
	});

	describe('paging', () => {
		let paged: Emulator;
		beforeAll(async () => {
			paged = await startEmulator({ apiKey: testApiKey('templates-paged'), templatePageSize: 2 });
		});
		afterAll(async () => await paged.close());

		it('reads every page until the total', async () => {
			const many: TemplateInput[] = Array.from({ length: 7 }, (_, index) => ({
				...HELLO_WORLD,
				name: `t${index}`,
			}));
			paged.registerTemplates(many);

			const result = await run(paged, getMany({ returnAll: true }));

			expect(result.items.map(({ json }) => json.name)).toEqual(many.map(({ name }) => name));
			expect(paged.requests.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual([
				'0',
				'2',
				'4',
				'6',
			]);
		});
	});
});

describe('Send Template in the editor: picker, languages, parameter fields', () => {
	const sendTemplate = (template: string, language = '') =>
		message('sendTemplate', { template: fromList(template), language });

	it('lists approved templates once per name, with category and languages, searchable', async () => {
		const all = await searchList(emulator(), 'getTemplates', {
			parameters: sendTemplate(''),
			path: 'template',
		});
		const found = await searchList(emulator(), 'getTemplates', {
			parameters: sendTemplate(''),
			path: 'template',
			filter: 'ORDER',
		});

		expect(all.results).toEqual([
			{
				name: 'appointment_reminder',
				value: 'appointment_reminder',
				description: 'UTILITY · en_US',
			},
			{ name: 'hello_world', value: 'hello_world', description: 'MARKETING · en_US' },
			{ name: 'order_update', value: 'order_update', description: 'UTILITY · en_US, de' },
		]);
		expect(found.results.map(({ value }) => value)).toEqual(['order_update']);
	});

	it("offers the chosen template's approved languages", async () => {
		const languages = await loadOptions(
			emulator(),
			'getTemplateLanguages',
			'language',
			sendTemplate('order_update'),
		);
		const none = await loadOptions(
			emulator(),
			'getTemplateLanguages',
			'language',
			sendTemplate(''),
		);

		expect(languages).toEqual([
			{ name: 'en_US', value: 'en_US' },
			{ name: 'de', value: 'de' },
		]);
		expect(none).toEqual([]);
	});

	it('says what is missing instead of fields when there is nothing to fill in', async () => {
		const notice = async (template: string, language = 'en_US') =>
			(
				await resourceMapperFields(
					emulator(),
					'getTemplateParameters',
					'templateParameters',
					sendTemplate(template, language),
				)
			).emptyFieldsNotice;
		emulator().registerTemplates([
			{
				name: 'store_location',
				language: 'en_US',
				components: [
					{ type: 'HEADER', format: 'LOCATION' },
					{ type: 'BODY', text: 'Find us here' },
				],
			},
		]);

		expect(await notice('')).toBe('Choose a template first');
		expect(await notice('order_update', 'fr')).toBe(
			'No approved template "order_update" in this language: check the name and language',
		);
		expect(await notice('spring_promo')).toMatch(/^No approved template/);
		expect(await notice('hello_world')).toBe('hello_world has no parameters to fill in.');
		expect(await notice('store_location')).toBe(
			'store_location has no parameters to fill in. Its location header goes in Components (JSON).',
		);
	});

	it('builds the fields of the language chosen, or of the first one while none is chosen', async () => {
		const fields = async (language: string) =>
			(
				await resourceMapperFields(
					emulator(),
					'getTemplateParameters',
					'templateParameters',
					sendTemplate('order_update', language),
				)
			).fields.map(({ displayName }) => displayName);

		expect(await fields('de')).toEqual([
			'Header Image (URL or Media ID)',
			'Body {{1}}',
			'Body {{2}}',
			'Button "Verfolgen" URL {{1}}',
			'Button "Code kopieren" Coupon Code',
		]);
		expect(await fields('')).toContain('Button "Track" URL {{1}}');
		expect(await fields('={{ $json.language }}')).toContain('Button "Track" URL {{1}}');
	});
});
