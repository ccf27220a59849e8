import { startEmulator, type Emulator } from '../../emulator';
import { testApiKey } from '../harness/testKeys';
import { call } from './helpers';

describe('emulator: API key and request shape', () => {
	let emulator: Emulator;
	const logLines: string[] = [];

	beforeAll(async () => {
		emulator = await startEmulator({
			apiKey: testApiKey('emulator-auth'),
			log: (l) => logLines.push(l),
		});
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	it.each([
		['GET', '/multi_webhook'],
		['POST', '/multi_webhook'],
		['PUT', '/multi_webhook'],
		['PATCH', '/multi_webhook'],
		['DELETE', '/multi_webhook/hook'],
	] as const)(
		'%s %s answers 401 {"error":"Unauthorized"} for a wrong or missing key',
		async (m, p) => {
			for (const key of ['wrong', null]) {
				const reply = await call(emulator, m, p, { key, body: { enabled: true } });
				expect(reply.status).toBe(401);
				expect(reply.body).toEqual({ error: 'Unauthorized' });
			}
		},
	);

	it.each([
		['GET', '/v1/configs/webhook'],
		['POST', '/v1/configs/webhook'],
		['GET', '/waba_webhook'],
		['POST', '/waba_webhook'],
	] as const)('%s %s answers 401 in the meta shape for a wrong or missing key', async (m, p) => {
		for (const key of ['wrong', null]) {
			const reply = await call(emulator, m, p, { key, body: { url: 'https://a.example.com' } });
			expect(reply.status).toBe(401);
			expect(reply.body).toEqual({
				meta: {
					success: false,
					httpCode: 401,
					developerMessage: 'Invalid api_key or token expired',
				},
			});
		}
	});

	it('changes nothing on an unauthorized call', async () => {
		await call(emulator, 'POST', '/v1/configs/webhook', {
			key: 'wrong',
			body: { url: 'https://a.example.com' },
		});
		await call(emulator, 'POST', '/multi_webhook', { key: 'wrong', body: { enabled: true } });
		await emulator.settle();
		expect(emulator.phoneNumberWebhook()).toBeNull();
		expect(emulator.multiWebhook().everEnabled).toBe(false);
	});

	it('refuses bodies that are not JSON objects, in each family’s error shape', async () => {
		for (const rawBody of ['not json', '[1,2]', '"text"', '']) {
			const multi = await call(emulator, 'POST', '/multi_webhook', { rawBody });
			expect(multi.status).toBe(400);
			expect(multi.body).toEqual({ error: expect.any(String) });
			const config = await call(emulator, 'POST', '/v1/configs/webhook', { rawBody });
			expect(config.status).toBe(400);
			expect(config.body).toEqual({
				meta: { success: false, httpCode: 400, developerMessage: expect.any(String) },
			});
			const waba = await call(emulator, 'POST', '/waba_webhook', { rawBody });
			expect(waba.status).toBe(400);
			expect((waba.body as { meta: { httpCode: number } }).meta.httpCode).toBe(400);
		}
	});

	it('answers 404 JSON for any other path and 405 for a wrong method', async () => {
		const unknown = await call(emulator, 'GET', '/v1/messages');
		expect(unknown.status).toBe(404);
		expect(unknown.headers['content-type']).toContain('application/json');
		expect(unknown.body).toEqual({ error: expect.stringContaining('/v1/messages') });
		const wrongMethod = await call(emulator, 'DELETE', '/waba_webhook');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.allow).toBe('GET, POST');
	});

	it('records every API call but none of the control calls', async () => {
		await call(emulator, 'POST', '/multi_webhook?x=1', { body: { enabled: true } });
		await call(emulator, 'GET', '/_emulator/state');
		expect(emulator.requests).toHaveLength(1);
		const [recorded] = emulator.requests;
		expect(recorded).toMatchObject({
			method: 'POST',
			path: '/multi_webhook',
			body: { enabled: true },
			rawBody: '{"enabled":true}',
		});
		expect(recorded.headers['d360-api-key']).toBe(emulator.apiKey);
		expect(recorded.at).toBeLessThanOrEqual(Date.now());
		emulator.clearRequests();
		expect(emulator.requests).toHaveLength(0);
	});

	it('never writes the API key to the log, even when a client puts it in the path', async () => {
		logLines.length = 0;
		await call(emulator, 'GET', '/multi_webhook');
		await call(emulator, 'DELETE', `/multi_webhook/${emulator.apiKey}`);
		await call(emulator, 'GET', `/${emulator.apiKey}`, { key: emulator.apiKey });
		expect(logLines.length).toBeGreaterThanOrEqual(2);
		expect(logLines.join('\n')).toContain('/multi_webhook');
		for (const line of logLines) expect(line).not.toContain(emulator.apiKey);
	});

	it('uses a random key with the sk360- prefix by default', async () => {
		const other = await startEmulator();
		try {
			expect(other.apiKey).toMatch(/^sk360-[0-9a-f]{32}$/);
			expect(other.apiKey).not.toBe(emulator.apiKey);
			expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		} finally {
			await other.close();
		}
	});
});
