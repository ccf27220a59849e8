import { startEmulator, type Emulator } from '../emulator';
import { HOSTING_BASE_URLS } from '../nodes/shared/hosting';
import { emulatorCredentials } from './harness/additionalData';
import { credentialTestUrl, testCredentials } from './harness/credentialTest';
import { testApiKey } from './harness/testKeys';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ apiKey: testApiKey('credential') });
});
afterEach(() => emulator.reset());
afterAll(async () => {
	await emulator.close();
});

describe('360dialog API credential test', () => {
	it('passes with the right key, reading the phone number webhook with the key header', async () => {
		const result = await testCredentials(emulatorCredentials(emulator.url, emulator.apiKey));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests).toHaveLength(1);
		const [request] = emulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/v1/configs/webhook');
		expect(request.headers['d360-api-key']).toBe(emulator.apiKey);
	});

	it('fails with a wrong key and says what to do, without echoing the key', async () => {
		const wrongKey = testApiKey('credential-wrong-key');
		const result = await testCredentials(emulatorCredentials(emulator.url, wrongKey));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/360dialog rejected the API key/);
		expect(result.message).toMatch(/360dialog Hub/);
		expect(result.message).not.toContain(wrongKey);
		// n8n-core retries a 401 once after pre-authentication, so there may be two calls.
		expect(emulator.requests.length).toBeGreaterThanOrEqual(1);
		for (const request of emulator.requests) {
			expect(request.path).toBe('/v1/configs/webhook');
			expect(request.headers['d360-api-key']).toBe(wrongKey);
		}
	});

	it('reports another failing status as the tester does', async () => {
		emulator.injectFault({ path: '/v1/configs/webhook', html: true, status: 502 });

		const result = await testCredentials(emulatorCredentials(emulator.url, emulator.apiKey));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/502|Bad Gateway/);
	});

	it('fails when nothing answers at the base URL', async () => {
		const closed = await startEmulator({ apiKey: testApiKey('credential-closed') });
		const url = closed.url;
		await closed.close();

		const result = await testCredentials(
			emulatorCredentials(url, testApiKey('credential-unreachable')),
		);

		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it.each([
		['cloud', HOSTING_BASE_URLS.cloud],
		['onPremise', HOSTING_BASE_URLS.onPremise],
		['sandbox', HOSTING_BASE_URLS.sandbox],
	])('resolves the %s hosting to %s (without calling it)', (hosting, baseUrl) => {
		expect(credentialTestUrl({ apiKey: testApiKey('hosting'), hosting, baseUrl: '' })).toBe(
			`${baseUrl}/v1/configs/webhook`,
		);
	});

	it('resolves a custom hosting to its base URL', () => {
		expect(
			credentialTestUrl({
				apiKey: testApiKey('hosting'),
				hosting: 'custom',
				baseUrl: 'http://127.0.0.1:9',
			}),
		).toBe('http://127.0.0.1:9/v1/configs/webhook');
	});
});
