import { errors } from 'undici';
import { nginxErrorPage, startEmulator, type Emulator } from '../../emulator';
import { call, destination } from './helpers';

const NGINX_502 =
	'<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>' +
	'<hr><center>nginx</center></body></html>';

describe('emulator: injected faults', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	it('answers status and body N times, then normally', async () => {
		const rateLimited = {
			meta: {
				httpCode: 400,
				developerMessage:
					'You have exceeded the limit of 1 request every 5 seconds. Try again later.',
				success: false,
			},
		};
		emulator.injectFault({ path: '/v1/configs/webhook', status: 400, body: rateLimited, times: 2 });
		for (let i = 0; i < 2; i++) {
			const reply = await call(emulator, 'GET', '/v1/configs/webhook');
			expect(reply).toMatchObject({ status: 400, body: rateLimited });
		}
		expect(await call(emulator, 'GET', '/v1/configs/webhook')).toMatchObject({
			status: 200,
			body: { url: '' },
		});
		expect(emulator.requests).toHaveLength(3);
	});

	it('lets the first `after` matching calls through, then fails the next ones', async () => {
		emulator.injectFault({ path: '/v1/configs/webhook', status: 503, after: 2 });
		const statuses = [];
		for (let i = 0; i < 4; i++)
			statuses.push((await call(emulator, 'GET', '/v1/configs/webhook')).status);
		expect(statuses).toEqual([200, 200, 503, 200]);
	});

	it('matches the exact path and the method, and answers before the key is checked', async () => {
		emulator.injectFault({ path: '/multi_webhook', method: 'put', status: 555 });
		expect((await call(emulator, 'GET', '/multi_webhook')).status).toBe(409);
		const faulted = await call(emulator, 'PUT', '/multi_webhook', { key: 'wrong', body: {} });
		expect(faulted.status).toBe(555);
		expect(faulted.body).toEqual({ error: expect.any(String) });
		expect((await call(emulator, 'PUT', '/multi_webhook', { key: 'wrong', body: {} })).status).toBe(
			401,
		);
	});

	it('matches an encoded destination path exactly', async () => {
		emulator.setState({ multiWebhook: { enabled: true, destinations: [destination('my hook')] } });
		emulator.injectFault({ path: '/multi_webhook/my%20hook', status: 503 });
		expect((await call(emulator, 'DELETE', '/multi_webhook/my%20hook')).status).toBe(503);
		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toHaveLength(1);
		expect((await call(emulator, 'DELETE', '/multi_webhook/my%20hook')).status).toBe(200);
	});

	it('answers an nginx HTML 502 page', async () => {
		emulator.injectFault({ path: '/waba_webhook', html: true });
		const reply = await call(emulator, 'GET', '/waba_webhook');
		expect(reply.status).toBe(502);
		expect(reply.headers['content-type']).toBe('text/html');
		expect(reply.text).toBe(NGINX_502);
		expect(nginxErrorPage(503)).toContain('<title>503 Service Temporarily Unavailable</title>');
	});

	it('hangs until the client gives up, then answers normally', async () => {
		emulator.injectFault({ path: '/multi_webhook', method: 'GET', hang: true });
		const started = Date.now();
		await expect(
			call(emulator, 'GET', '/multi_webhook', { timeoutMs: 300 }),
		).rejects.toBeInstanceOf(errors.HeadersTimeoutError);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect((await call(emulator, 'GET', '/multi_webhook')).status).toBe(409);
	});

	it('with apply:true performs the operation and still answers the fault', async () => {
		emulator.injectFault({ path: '/multi_webhook', method: 'POST', status: 502, apply: true });
		const reply = await call(emulator, 'POST', '/multi_webhook', {
			body: { enabled: true, destinations: [destination('lost')] },
		});
		expect(reply.status).toBe(502);
		await emulator.settle();
		expect(emulator.multiWebhook()).toEqual({
			enabled: true,
			everEnabled: true,
			destinations: [destination('lost')],
		});
		// The retry a client would make now meets the applied state.
		const retry = await call(emulator, 'POST', '/multi_webhook', {
			body: { enabled: true, destinations: [destination('lost')] },
		});
		expect(retry.status).toBe(400);
	});

	it('with apply:true still refuses what is invalid', async () => {
		emulator.injectFault({ path: '/multi_webhook', method: 'PUT', hang: true, apply: true });
		emulator.setState({ multiWebhook: { enabled: true, destinations: [] } });
		await expect(
			call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('x', 'https://x.example.com:1')] },
				timeoutMs: 200,
			}),
		).rejects.toThrow();
		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toEqual([]);
	});

	it('clearFaults disarms every fault; a bad spec is refused', async () => {
		emulator.injectFault({ path: '/waba_webhook', status: 500, times: 10 });
		emulator.clearFaults();
		expect((await call(emulator, 'GET', '/waba_webhook')).status).toBe(200);
		expect(() => emulator.injectFault({ path: 'waba_webhook' })).toThrow(TypeError);
		expect(() => emulator.injectFault({ path: '/waba_webhook', times: 0 })).toThrow(TypeError);
	});

	it('close() ends a hanging request', async () => {
		const other = await startEmulator();
		other.injectFault({ path: '/multi_webhook', hang: true });
		const pending = call(other, 'GET', '/multi_webhook');
		await new Promise((resolve) => setTimeout(resolve, 50));
		await other.close();
		await expect(pending).rejects.toThrow();
	});
});
