import { testApiKey } from '../harness/testKeys';
import { destination, expectAuthenticated, useEmulator } from './helpers';
import { searchList } from './listSearch';

const emulator = useEmulator();

describe('Destination list (listSearch getDestinations)', () => {
	beforeEach(() => {
		emulator().setState({
			multiWebhook: {
				enabled: true,
				destinations: [
					destination('crm', 'https://crm.example.com/whatsapp'),
					destination('ERP System', 'https://erp.example.com/hook'),
				],
			},
		});
	});

	it('lists the destinations by name, with their URL as description', async () => {
		const result = await searchList(emulator(), 'getDestinations');

		expect(result).toEqual({
			results: [
				{ name: 'crm', value: 'crm', description: 'https://crm.example.com/whatsapp' },
				{ name: 'ERP System', value: 'ERP System', description: 'https://erp.example.com/hook' },
			],
		});
		const [request] = emulator().requests;
		expect(request).toMatchObject({ method: 'GET', path: '/multi_webhook' });
		expectAuthenticated(request, emulator().apiKey);
	});

	it('filters by name or URL, ignoring case', async () => {
		const byName = await searchList(emulator(), 'getDestinations', { filter: 'erp' });
		const byUrl = await searchList(emulator(), 'getDestinations', { filter: 'WHATSAPP' });

		expect(byName.results.map(({ value }) => value)).toEqual(['ERP System']);
		expect(byUrl.results.map(({ value }) => value)).toEqual(['crm']);
	});

	it('shows an empty list for a number that never enabled multi-webhook (409)', async () => {
		emulator().reset();

		const result = await searchList(emulator(), 'getDestinations');

		expect(result).toEqual({ results: [] });
	});

	it("fails with 360dialog's message and without the key when the key is wrong", async () => {
		const wrongKey = testApiKey('list-wrong-key');

		const error = await searchList(emulator(), 'getDestinations', { apiKey: wrongKey }).catch(
			(thrown: Error & { description?: string }) => thrown,
		);

		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe('360dialog rejected the API key (401: Unauthorized)');
		expect(JSON.stringify(error)).not.toContain(wrongKey);
		expect((error as Error).message).not.toContain(wrongKey);
	});
});
