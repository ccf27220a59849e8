import { OPERATION_STARTED, startEmulator, type Emulator } from '../../emulator';
import { call, destination } from './helpers';

const started = { message: OPERATION_STARTED };

describe('emulator: /multi_webhook', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	async function enableWith(...names: string[]) {
		const reply = await call(emulator, 'POST', '/multi_webhook', {
			body: { enabled: true, destinations: names.map((n) => destination(n)) },
		});
		expect(reply.status).toBe(200);
		await emulator.settle();
	}

	describe('GET', () => {
		it('answers 409 on a number that never enabled multi-webhook', async () => {
			const reply = await call(emulator, 'GET', '/multi_webhook');
			expect(reply.status).toBe(409);
			expect(reply.body).toEqual({ error: 'Multi-webhook is not enabled for this number' });
		});

		it("answers the empty state with neverEnabledGet: 'empty'", async () => {
			const lenient = await startEmulator({ neverEnabledGet: 'empty' });
			try {
				const reply = await call(lenient, 'GET', '/multi_webhook');
				expect(reply.status).toBe(200);
				expect(reply.body).toEqual({ enabled: false, destinations: [] });
			} finally {
				await lenient.close();
			}
		});

		it('lists the applied configuration', async () => {
			await enableWith('crm', 'n8n');
			const reply = await call(emulator, 'GET', '/multi_webhook');
			expect(reply.status).toBe(200);
			expect(reply.body).toEqual({
				enabled: true,
				destinations: [destination('crm'), destination('n8n')],
			});
		});
	});

	describe('POST', () => {
		it('enables with destinations and answers that the operation started', async () => {
			const reply = await call(emulator, 'POST', '/multi_webhook', {
				body: { enabled: true, destinations: [destination('NewWebhook')] },
			});
			expect(reply).toMatchObject({ status: 200, body: started });
			await emulator.settle();
			expect(emulator.multiWebhook()).toEqual({
				enabled: true,
				everEnabled: true,
				destinations: [destination('NewWebhook')],
			});
		});

		it('stores headers as {} when a destination has none', async () => {
			await call(emulator, 'POST', '/multi_webhook', {
				body: { enabled: true, destinations: [{ name: 'a', url: 'https://a.example.com' }] },
			});
			await emulator.settle();
			expect(emulator.multiWebhook().destinations).toEqual([
				{ name: 'a', url: 'https://a.example.com', headers: {} },
			]);
		});

		it('requires enabled to be a boolean', async () => {
			const reply = await call(emulator, 'POST', '/multi_webhook', { body: { enabled: 'yes' } });
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({ error: 'enabled must be a boolean' });
		});

		it('refuses destinations when multi-webhook is already enabled', async () => {
			await enableWith('a');
			const reply = await call(emulator, 'POST', '/multi_webhook', {
				body: { enabled: true, destinations: [destination('b')] },
			});
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({
				error: 'Multi-webhook is already enabled. Use PUT /multi_webhook to add destinations',
			});
			const again = await call(emulator, 'POST', '/multi_webhook', { body: { enabled: true } });
			expect(again).toMatchObject({ status: 200, body: started });
		});

		it('disables but keeps the destinations, and re-enabling brings them back', async () => {
			await enableWith('a', 'b');
			expect(
				await call(emulator, 'POST', '/multi_webhook', { body: { enabled: false } }),
			).toMatchObject({ status: 200, body: started });
			await emulator.settle();
			const disabled = await call(emulator, 'GET', '/multi_webhook');
			expect(disabled.body).toEqual({
				enabled: false,
				destinations: [destination('a'), destination('b')],
			});
			const reenable = await call(emulator, 'POST', '/multi_webhook', {
				body: { enabled: true, destinations: [destination('c'), destination('d')] },
			});
			expect(reenable.status).toBe(400);
			expect(reenable.body).toEqual({ error: 'Maximum of 3 webhooks per phone number reached' });
		});

		it('refuses destinations together with enabled:false', async () => {
			const reply = await call(emulator, 'POST', '/multi_webhook', {
				body: { enabled: false, destinations: [destination('a')] },
			});
			expect(reply.status).toBe(400);
		});

		it('refuses more than 3 destinations and duplicate names in one request', async () => {
			const four = await call(emulator, 'POST', '/multi_webhook', {
				body: { enabled: true, destinations: ['a', 'b', 'c', 'd'].map((n) => destination(n)) },
			});
			expect(four.body).toEqual({ error: 'Maximum of 3 webhooks per phone number reached' });
			const twice = await call(emulator, 'POST', '/multi_webhook', {
				body: { enabled: true, destinations: [destination('a'), destination('a')] },
			});
			expect(twice.status).toBe(400);
			expect(twice.body).toEqual({ error: "Webhook name 'a' already exists" });
			await emulator.settle();
			expect(emulator.multiWebhook().everEnabled).toBe(false);
		});
	});

	describe('PUT', () => {
		it('needs multi-webhook enabled', async () => {
			const reply = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('a')] },
			});
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({
				error: 'Multi-webhook is not enabled. Enable it first with POST /multi_webhook',
			});
		});

		it('appends destinations', async () => {
			await enableWith('webhook');
			const reply = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('WEBhook')] },
			});
			expect(reply).toMatchObject({ status: 200, body: started });
			await emulator.settle();
			expect(emulator.multiWebhook().destinations.map((d) => d.name)).toEqual([
				'webhook',
				'WEBhook',
			]);
		});

		it('refuses a name that exists (case-sensitive) or repeats within the request', async () => {
			await enableWith('webhook');
			const existing = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('webhook')] },
			});
			expect(existing.status).toBe(400);
			expect(existing.body).toEqual({ error: "Webhook name 'webhook' already exists" });
			const repeated = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('Other'), destination('Other')] },
			});
			expect(repeated.body).toEqual({ error: "Webhook name 'Other' already exists" });
		});

		it('refuses a 4th destination', async () => {
			await enableWith('a', 'b');
			const third = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('c')] },
			});
			expect(third.status).toBe(200);
			const fourth = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('d')] },
			});
			expect(fourth.status).toBe(400);
			expect(fourth.body).toEqual({ error: 'Maximum of 3 webhooks per phone number reached' });
		});

		it('needs at least one destination', async () => {
			await enableWith('a');
			for (const body of [{ destinations: [] }, {}]) {
				const reply = await call(emulator, 'PUT', '/multi_webhook', { body });
				expect(reply.status).toBe(400);
				expect(reply.body).toEqual({ error: 'destinations must be a non-empty array' });
			}
		});
	});

	describe('destination rules', () => {
		beforeEach(() => enableWith('a'));

		it.each([
			['an underscore in the host', 'https://your_webhook.example.com', "'_' is not allowed"],
			['a port', 'https://sub.example.com:3000/hook', "a ':port' is not allowed"],
			['a default port written out', 'https://sub.example.com:443/hook', "a ':port'"],
			['a port after user info', 'https://user:pw@sub.example.com:8443/', "a ':port'"],
			['a non-http scheme', 'ftp://files.example.com/hook', 'only http and https'],
			['a relative URL', '/webhook', 'Invalid webhook URL'],
			['an empty URL', '', 'url must be a non-empty string'],
		])('refuses a URL with %s', async (_label, url, message) => {
			const reply = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [{ name: 'b', url, headers: {} }] },
			});
			expect(reply.status).toBe(400);
			expect((reply.body as { error: string }).error).toContain(message);
		});

		it('accepts underscores in the path and user info in the URL', async () => {
			const reply = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('b', 'https://user:pw@hook.example.com/my_path')] },
			});
			expect(reply.status).toBe(200);
		});

		it.each([
			['a header name with _', { X_Secret: 'v' }, "Header name 'X_Secret' must not contain '_'"],
			[
				'a non-string header value',
				{ 'X-Secret': 42 },
				"Header 'X-Secret' must have a string value",
			],
			['headers that are not an object', ['X-Secret'], 'headers must be an object'],
			['an empty name', undefined, 'Destination name must be a non-empty string'],
		])('refuses %s', async (label, headers, message) => {
			const name = label === 'an empty name' ? '' : 'b';
			const reply = await call(emulator, 'PUT', '/multi_webhook', {
				body: { destinations: [{ name, url: 'https://b.example.com', headers }] },
			});
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({ error: message });
		});

		it('applies the same rules to PATCH', async () => {
			const reply = await call(emulator, 'PATCH', '/multi_webhook', {
				body: { name: 'a', url: 'https://a.example.com:8080', headers: {} },
			});
			expect(reply.status).toBe(400);
			expect((reply.body as { error: string }).error).toContain("':port'");
		});
	});

	describe('PATCH', () => {
		it('needs multi-webhook enabled', async () => {
			const reply = await call(emulator, 'PATCH', '/multi_webhook', {
				body: { name: 'a', url: 'https://a.example.com', headers: {} },
			});
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({
				error: 'Multi-webhook is not enabled. Enable it first with POST /multi_webhook',
			});
		});

		it('replaces url and headers of the exact name match', async () => {
			await enableWith('webhook', 'other');
			const reply = await call(emulator, 'PATCH', '/multi_webhook', {
				body: { name: 'webhook', url: 'https://new.example.com/x', headers: { 'X-New': '1' } },
			});
			expect(reply).toMatchObject({ status: 200, body: started });
			await emulator.settle();
			expect(emulator.multiWebhook().destinations).toEqual([
				{ name: 'webhook', url: 'https://new.example.com/x', headers: { 'X-New': '1' } },
				destination('other'),
			]);
		});

		it('answers 404 when no name matches exactly', async () => {
			await enableWith('webhook');
			const reply = await call(emulator, 'PATCH', '/multi_webhook', {
				body: { name: 'WEBhook', url: 'https://new.example.com', headers: {} },
			});
			expect(reply.status).toBe(404);
			expect(reply.body).toEqual({ error: "Webhook 'WEBhook' not found" });
		});
	});

	describe('DELETE', () => {
		it('needs multi-webhook enabled', async () => {
			const reply = await call(emulator, 'DELETE', '/multi_webhook/a');
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({
				error: 'Multi-webhook is not enabled. Enable it first with POST /multi_webhook',
			});
		});

		it('deletes the exact, URL-decoded name match', async () => {
			await enableWith('my hook', 'My Hook');
			const reply = await call(
				emulator,
				'DELETE',
				`/multi_webhook/${encodeURIComponent('my hook')}`,
			);
			expect(reply).toMatchObject({ status: 200, body: started });
			await emulator.settle();
			expect(emulator.multiWebhook().destinations.map((d) => d.name)).toEqual(['My Hook']);
		});

		it('answers 404 without an exact match, and deleting all leaves it enabled and empty', async () => {
			await enableWith('webhook');
			const wrongCase = await call(emulator, 'DELETE', '/multi_webhook/WEBhook');
			expect(wrongCase.status).toBe(404);
			expect(wrongCase.body).toEqual({ error: "Webhook 'WEBhook' not found" });
			expect((await call(emulator, 'DELETE', '/multi_webhook/webhook')).status).toBe(200);
			await emulator.settle();
			expect((await call(emulator, 'GET', '/multi_webhook')).body).toEqual({
				enabled: true,
				destinations: [],
			});
		});
	});
});
