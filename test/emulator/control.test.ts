import { request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import { call, destination } from './helpers';

// The emulator's answers and the sent bodies are walked as plain JSON.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('emulator: /_emulator control endpoints', () => {
	let emulator: Emulator;
	let sink: Sink;

	beforeAll(async () => {
		sink = await startSink();
		emulator = await startEmulator({ applyDelayMs: 100, hostMap: { 'n8n.test': sink.port } });
	});
	afterAll(async () => {
		await emulator.close();
		await sink.close();
	});
	beforeEach(() => {
		emulator.reset();
		sink.received.length = 0;
	});

	/** Control calls carry no API key. */
	async function control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
		const response = await request(`${emulator.url}/_emulator${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.statusCode, body: (await response.body.json()) as Json };
	}

	it('reads the applied state and the pending change count', async () => {
		await call(emulator, 'POST', '/multi_webhook', { body: { enabled: true } });
		const { status, body } = await control('GET', '/state');
		expect(status).toBe(200);
		expect(body).toEqual({
			multiWebhook: { enabled: false, everEnabled: false, destinations: [] },
			phoneNumberWebhook: null,
			wabaWebhook: null,
			pendingChanges: 1,
			number: {
				phoneNumberId: '106540352242922',
				wabaId: '102290129340398',
				displayPhoneNumber: '4915112345678',
			},
		});
		const settled = await control('POST', '/settle');
		expect(settled.body).toMatchObject({ multiWebhook: { enabled: true }, pendingChanges: 0 });
	});

	it('sets the state', async () => {
		const { status, body } = await control('POST', '/state', {
			multiWebhook: { enabled: true, destinations: [destination('a')] },
			phoneNumberWebhook: { url: 'https://n8n.test/main' },
		});
		expect(status).toBe(200);
		expect(body.multiWebhook).toEqual({
			enabled: true,
			everEnabled: true,
			destinations: [destination('a')],
		});
		expect(emulator.phoneNumberWebhook()).toEqual({ url: 'https://n8n.test/main' });
		expect((await call(emulator, 'GET', '/multi_webhook')).body).toEqual({
			enabled: true,
			destinations: [destination('a')],
		});
		const bad = await control('POST', '/state', { multiWebhook: { enabled: 'yes' } });
		expect(bad.status).toBe(400);
	});

	it('delivers a notification and answers the results', async () => {
		await control('POST', '/state', { phoneNumberWebhook: { url: 'https://n8n.test/main' } });
		const { status, body } = await control('POST', '/deliver', {
			object: 'whatsapp_business_account',
		});
		expect(status).toBe(200);
		expect(body).toEqual([
			expect.objectContaining({
				target: 'phone_number',
				status: 200,
				deliveredTo: `http://127.0.0.1:${sink.port}/main`,
			}),
		]);
		expect(JSON.parse(sink.received[0].body)).toEqual({ object: 'whatsapp_business_account' });
		const response = await request(`${emulator.url}/_emulator/deliver`, {
			method: 'POST',
			body: 'not json',
		});
		expect(response.statusCode).toBe(400);
		await response.body.dump();
	});

	it('injects and clears faults', async () => {
		expect((await control('POST', '/faults', { path: '/waba_webhook', status: 503 })).status).toBe(
			200,
		);
		expect((await call(emulator, 'GET', '/waba_webhook')).status).toBe(503);
		await control('POST', '/faults', { path: '/waba_webhook', status: 503 });
		expect((await control('DELETE', '/faults')).status).toBe(200);
		expect((await call(emulator, 'GET', '/waba_webhook')).status).toBe(200);
		expect((await control('POST', '/faults', { status: 503 })).status).toBe(400);
	});

	it('lists and clears the recorded requests', async () => {
		await call(emulator, 'GET', '/v1/configs/webhook');
		const listed = await control('GET', '/requests');
		expect(listed.body).toEqual([
			expect.objectContaining({ method: 'GET', path: '/v1/configs/webhook', rawBody: '' }),
		]);
		await control('DELETE', '/requests');
		expect(emulator.requests).toHaveLength(0);
	});

	it('resets, changes the apply delay, and answers 404 for anything else', async () => {
		emulator.setState({ wabaWebhook: { url: 'https://x.example.com' } });
		emulator.injectFault({ path: '/waba_webhook', status: 500 });
		const reset = await control('POST', '/reset');
		expect(reset.body).toMatchObject({ wabaWebhook: null, pendingChanges: 0 });
		expect((await call(emulator, 'GET', '/waba_webhook')).status).toBe(200);

		expect((await control('POST', '/apply-delay', { ms: 0 })).status).toBe(200);
		await call(emulator, 'POST', '/multi_webhook', { body: { enabled: true } });
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(emulator.multiWebhook().enabled).toBe(true);

		expect((await control('GET', '/nothing')).status).toBe(404);
	});
});
