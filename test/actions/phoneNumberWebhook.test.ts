import { HIDDEN_HEADER_VALUE } from '../../nodes/Dialog360/helpers/webhooks/headerValues';
import {
	changingCalls,
	expectAuthenticated,
	expectNoKey,
	headerRows,
	run,
	useEmulator,
	withHiddenValues,
} from './helpers';

const emulator = useEmulator();

const current = {
	url: 'https://app.example.com/webhooks/whatsapp',
	headers: { Authorization: 'Bearer s3cr3t' },
};

describe('Phone Number Webhook Get', () => {
	it("outputs the phone number's webhook", async () => {
		emulator().setState({ phoneNumberWebhook: current });

		const result = await run(emulator(), { resource: 'phoneNumberWebhook', operation: 'get' });

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: withHiddenValues(current), pairedItem: { item: 0 } }]);
		const [request] = emulator().requests;
		expect(request).toMatchObject({ method: 'GET', path: '/v1/configs/webhook', rawBody: '' });
		expectAuthenticated(request, emulator().apiKey);
		expectNoKey(result, emulator().apiKey);
	});

	it('outputs the header values with Include Header Values', async () => {
		emulator().setState({ phoneNumberWebhook: current });

		const result = await run(emulator(), {
			resource: 'phoneNumberWebhook',
			operation: 'get',
			options: { includeHeaderValues: true },
		});

		expect(result.items[0].json).toEqual(current);
	});
});

describe('Phone Number Webhook Set', () => {
	/** 360dialog's own example: testuser:testpass. */
	const withBasicAuth = {
		resource: 'phoneNumberWebhook',
		operation: 'set',
		url: 'https://www.example.com/webhook',
		basicAuth: true,
		basicAuthUser: 'testuser',
		basicAuthPassword: 'testpass',
	};

	it('sets URL and headers, then outputs the webhook as 360dialog shows it', async () => {
		const result = await run(emulator(), {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://n8n.example.com/webhook/abc',
			headers: headerRows({ 'X-Secret': 'token' }),
		});

		expect(result.error).toBeUndefined();
		const [post, read] = emulator().requests;
		expect(post).toMatchObject({ method: 'POST', path: '/v1/configs/webhook' });
		expect(post.body).toEqual({
			url: 'https://n8n.example.com/webhook/abc',
			headers: { 'X-Secret': 'token' },
		});
		expectAuthenticated(post, emulator().apiKey);
		expect(read).toMatchObject({ method: 'GET', path: '/v1/configs/webhook' });
		const applied = {
			url: 'https://n8n.example.com/webhook/abc',
			headers: { 'X-Secret': 'token' },
		};
		expect(result.items[0].json).toEqual(withHiddenValues(applied));
		expect(emulator().phoneNumberWebhook()).toEqual(applied);
	});

	it('adds Basic auth as 360dialog documents it (testuser:testpass)', async () => {
		const result = await run(emulator(), { ...withBasicAuth, waitUntilApplied: false });

		expect(result.error).toBeUndefined();
		expect(changingCalls(emulator())[0].body).toEqual({
			url: 'https://www.example.com/webhook',
			headers: { Authorization: 'Basic dGVzdHVzZXI6dGVzdHBhc3M=' },
		});
		expect(result.items[0].json).toEqual({ url: 'https://www.example.com/webhook' });
	});

	it('keeps the Basic auth header out of the output it waited for, unless asked', async () => {
		const hidden = await run(emulator(), withBasicAuth);
		expect(hidden.items[0].json).toEqual({
			url: 'https://www.example.com/webhook',
			headers: { Authorization: HIDDEN_HEADER_VALUE },
		});
		expect(JSON.stringify(hidden.run.data.resultData)).not.toContain('dGVzdHVzZXI6dGVzdHBhc3M=');

		const shown = await run(emulator(), {
			...withBasicAuth,
			options: { includeHeaderValues: true },
		});
		expect(shown.items[0].json).toEqual({
			url: 'https://www.example.com/webhook',
			headers: { Authorization: 'Basic dGVzdHVzZXI6dGVzdHBhc3M=' },
		});
	});

	it('encodes a non-Latin password as UTF-8 and keeps the other headers', async () => {
		await run(emulator(), {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://www.example.com/webhook',
			specifyHeaders: 'json',
			headersJson: '={{ { "X-Source": "360dialog" } }}',
			basicAuth: true,
			basicAuthUser: 'jürgen',
			basicAuthPassword: 'пароль',
			waitUntilApplied: false,
		});

		const { headers } = changingCalls(emulator())[0].body as { headers: Record<string, string> };
		expect(headers['X-Source']).toBe('360dialog');
		const encoded = headers.Authorization.replace(/^Basic /, '');
		expect(new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)))).toBe(
			'jürgen:пароль',
		);
	});

	it('sends no headers field when there are none', async () => {
		await run(emulator(), {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://www.example.com/webhook',
		});

		expect(changingCalls(emulator())[0].body).toEqual({ url: 'https://www.example.com/webhook' });
		expect(emulator().phoneNumberWebhook()).toEqual({ url: 'https://www.example.com/webhook' });
	});
});
