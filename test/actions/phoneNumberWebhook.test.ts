import {
	changingCalls,
	expectAuthenticated,
	expectNoKey,
	headerRows,
	run,
	useEmulator,
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
		expect(result.items).toEqual([{ json: current, pairedItem: { item: 0 } }]);
		const [request] = emulator().requests;
		expect(request).toMatchObject({ method: 'GET', path: '/v1/configs/webhook', rawBody: '' });
		expectAuthenticated(request, emulator().apiKey);
		expectNoKey(result, emulator().apiKey);
	});
});

describe('Phone Number Webhook Set', () => {
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
		expect(result.items[0].json).toEqual({
			url: 'https://n8n.example.com/webhook/abc',
			headers: { 'X-Secret': 'token' },
		});
		expect(emulator().phoneNumberWebhook()).toEqual(result.items[0].json);
	});

	it('adds Basic auth as 360dialog documents it (testuser:testpass)', async () => {
		const result = await run(emulator(), {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://www.example.com/webhook',
			basicAuth: true,
			basicAuthUser: 'testuser',
			basicAuthPassword: 'testpass',
			waitUntilApplied: false,
		});

		expect(result.error).toBeUndefined();
		expect(changingCalls(emulator())[0].body).toEqual({
			url: 'https://www.example.com/webhook',
			headers: { Authorization: 'Basic dGVzdHVzZXI6dGVzdHBhc3M=' },
		});
		expect(result.items[0].json).toEqual({ url: 'https://www.example.com/webhook' });
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
