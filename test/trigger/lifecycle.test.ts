import type { Emulator } from '../../emulator';
import { testApiKey } from '../harness/testKeys';
import type { TriggerHarness } from '../harness/triggerHarness';
import {
	calls,
	FOREIGN,
	ourName,
	ours,
	VERIFICATION_HEADER,
	setup,
	storedSecret,
	writes,
} from './lifecycleHelpers';

let emulator: Emulator;
let trigger: TriggerHarness;

afterEach(async () => {
	await emulator?.close();
});

function expectRegistered(mode: 'production' | 'test' = 'production') {
	const destination = ours(emulator, trigger, mode);
	expect(destination).toBeDefined();
	expect(destination!.url).toBe(trigger.webhookUrl(mode));
	const secret = storedSecret(trigger, mode);
	expect(secret).toMatch(/^[0-9a-f]{48}$/);
	expect(destination!.headers).toEqual({ [VERIFICATION_HEADER]: secret });
}

describe('activation on a fresh number', () => {
	test('enables multi-webhook with our destination in one write, then finds it again', async () => {
		({ emulator, trigger } = await setup());
		expect(await trigger.activate()).toBe('created');
		expect(calls(emulator)).toEqual(['GET /multi_webhook', 'POST /multi_webhook']);
		const post = emulator.requests[1];
		expect(post.headers['d360-api-key']).toBe(emulator.apiKey);
		expect(post.body).toEqual({
			enabled: true,
			destinations: [
				{
					name: ourName(trigger),
					url: trigger.webhookUrl('production'),
					headers: { [VERIFICATION_HEADER]: storedSecret(trigger) },
				},
			],
		});
		await emulator.settle();
		expect(emulator.multiWebhook().enabled).toBe(true);
		expectRegistered();
		emulator.clearRequests();
		expect(await trigger.activate()).toBe('existed');
		expect(calls(emulator)).toEqual(['GET /multi_webhook']);
	});

	test('a number that answers GET with an empty configuration instead of 409 works the same', async () => {
		({ emulator, trigger } = await setup({ neverEnabledGet: 'empty' }));
		await trigger.activate();
		await emulator.settle();
		expectRegistered();
	});

	test('a disabled multi-webhook is turned back on with POST', async () => {
		({ emulator, trigger } = await setup());
		emulator.setState({ multiWebhook: { enabled: false, destinations: [FOREIGN[0]] } });
		await trigger.activate();
		expect(writes(emulator)).toEqual(['POST /multi_webhook']);
		await emulator.settle();
		expect(emulator.multiWebhook().enabled).toBe(true);
		expectRegistered();
	});
});

describe('multi-webhook already enabled with foreign destinations', () => {
	test('adds ours with PUT in two calls and never touches the others, also on deactivation', async () => {
		({ emulator, trigger } = await setup());
		emulator.setState({ multiWebhook: { enabled: true, destinations: FOREIGN } });
		await trigger.activate();
		expect(calls(emulator)).toEqual(['GET /multi_webhook', 'PUT /multi_webhook']);
		await emulator.settle();
		expectRegistered();
		expect(emulator.multiWebhook().destinations.slice(0, 2)).toEqual(FOREIGN);

		emulator.clearRequests();
		await trigger.deactivate();
		expect(calls(emulator)).toEqual([
			`DELETE /multi_webhook/${encodeURIComponent(ourName(trigger))}`,
		]);
		await emulator.settle();
		expect(emulator.multiWebhook()).toMatchObject({ enabled: true, destinations: FOREIGN });
		expect(storedSecret(trigger)).toBeUndefined();
	});

	test('at the limit of 3, activation fails listing names and URLs but no secrets, and writes nothing', async () => {
		({ emulator, trigger } = await setup());
		const third = {
			name: 'erp',
			url: 'https://erp.example.com/wa',
			headers: { Authorization: 'Basic c2VjcmV0' },
		};
		emulator.setState({ multiWebhook: { enabled: true, destinations: [...FOREIGN, third] } });
		const error = await trigger.activate().catch((e: Error & { description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message} ${(error as { description?: string }).description}`;
		for (const destination of [...FOREIGN, third]) {
			expect(text).toContain(destination.name);
			expect(text).toContain(destination.url);
			for (const value of Object.values(destination.headers)) expect(text).not.toContain(value);
		}
		expect(text).toContain('Delete Destination');
		expect(writes(emulator).filter((w) => !w.startsWith('DELETE'))).toEqual([]);
		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toEqual([...FOREIGN, third]);
	});

	test('our name with another URL (N8N_WEBHOOK_URL moved) is updated with PATCH, not duplicated', async () => {
		({ emulator, trigger } = await setup());
		const stale = {
			name: ourName(trigger),
			url: 'https://old-n8n.example.com/webhook/x/webhook',
			headers: { [VERIFICATION_HEADER]: 'old' },
		};
		emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0], stale] } });
		expect(await trigger.activate()).toBe('existed');
		expect(writes(emulator)).toEqual(['PATCH /multi_webhook']);
		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toHaveLength(2);
		expectRegistered();
	});
});

describe("n8n's URL against 360dialog's rules", () => {
	test.each([
		['http://n8n.test/', 'is not https'],
		['https://n8n.test:5678/', 'port'],
		['https://my_n8n.test/', '"_"'],
	])('%s fails before any call and names N8N_WEBHOOK_URL', async (webhookBaseUrl, problem) => {
		({ emulator, trigger } = await setup({}, { webhookBaseUrl }));
		const error = (await trigger.activate().catch((e: unknown) => e)) as Error & {
			description: string;
		};
		expect(error.message).toContain(problem);
		expect(error.description).toContain('N8N_WEBHOOK_URL');
		expect(error.description).toMatch(/public https URL.*tunnel or a reverse proxy/);
		expect(emulator.requests).toEqual([]);
	});
});

describe('faults during activation leave either a checked destination or nothing', () => {
	test('a rejected key fails with 360dialog words and creates nothing', async () => {
		({ emulator, trigger } = await setup());
		const wrongKey = testApiKey('lifecycle-wrong-key');
		trigger.setCredentials({
			...(await import('../harness/additionalData')).emulatorCredentials(emulator.url, wrongKey),
		});
		const error = (await trigger.activate().catch((e: unknown) => e)) as Error;
		expect(error.message).toMatch(/rejected the API key \(401: Unauthorized\)/);
		expect(error.message).not.toContain(wrongKey);
		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toEqual([]);
	});

	test.each([
		[
			'a 5xx',
			{
				status: 555,
				body: {
					meta: { success: false, http_code: 555, developer_message: 'Internal server error' },
				},
			},
			/555: Internal server error/,
		],
		['an HTML 502', { html: true }, /gateway failed.*502/],
		['a hang', { hang: true }, /did not answer/],
	])(
		'%s on PUT that did not apply fails clearly and leaves no orphan',
		async (_kind, fault, message) => {
			({ emulator, trigger } = await setup({}, { apiTimeout: 1 }));
			emulator.setState({ multiWebhook: { enabled: true, destinations: FOREIGN } });
			emulator.injectFault({ path: '/multi_webhook', method: 'PUT', ...fault });
			const error = (await trigger.activate().catch((e: unknown) => e)) as Error;
			expect(error.message).toMatch(message);
			await emulator.settle();
			expect(emulator.multiWebhook().destinations).toEqual(FOREIGN);
			expect(calls(emulator)).toContain(
				`DELETE /multi_webhook/${encodeURIComponent(ourName(trigger))}`,
			);
		},
	);

	test.each([
		['a 5xx', { status: 500, body: { error: 'Internal error' } }],
		['an HTML 502', { html: true }],
		['a hang', { hang: true }],
	])('%s on a write that did apply is checked and counts as success', async (_kind, fault) => {
		({ emulator, trigger } = await setup({}, { apiTimeout: 1 }));
		emulator.injectFault({ path: '/multi_webhook', method: 'POST', apply: true, ...fault });
		expect(await trigger.activate()).toBe('created');
		await emulator.settle();
		expectRegistered();
		expect(emulator.multiWebhook().destinations).toHaveLength(1);
	});

	test('a 5xx on the first GET fails activation without writing', async () => {
		({ emulator, trigger } = await setup());
		emulator.injectFault({ path: '/multi_webhook', method: 'GET', status: 503, html: true });
		await expect(trigger.activate()).rejects.toThrow(/gateway failed/);
		expect(writes(emulator).filter((w) => !w.startsWith('DELETE'))).toEqual([]);
	});
});

describe('asynchronous changes', () => {
	test('with a delay, reactivating at once causes neither a second destination nor a failure', async () => {
		({ emulator, trigger } = await setup({ applyDelayMs: 400 }));
		emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0]] } });
		await trigger.activate();
		// The GET still shows the old state: ours is not there yet.
		expect(ours(emulator, trigger)).toBeUndefined();
		await trigger.activate();
		await emulator.settle();
		expect(
			emulator.multiWebhook().destinations.filter((d) => d.name === ourName(trigger)),
		).toHaveLength(1);
		expectRegistered();
	});

	test('with a delay, deactivating and reactivating at once ends registered with the current secret', async () => {
		({ emulator, trigger } = await setup({ applyDelayMs: 400 }));
		emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0]] } });
		await trigger.activate();
		await emulator.settle();
		await trigger.deactivate();
		await trigger.activate();
		await emulator.settle();
		expectRegistered();
		expect(emulator.multiWebhook().destinations).toHaveLength(2);
	});
});

describe('deactivation', () => {
	test('is a single call, and succeeds when the destination is already gone', async () => {
		({ emulator, trigger } = await setup());
		await trigger.activate();
		await emulator.settle();
		emulator.clearRequests();
		expect(await trigger.deactivate()).toBe(true);
		expect(calls(emulator)).toHaveLength(1);
		await emulator.settle();
		expect(await trigger.deactivate()).toBe(true);
		expect(emulator.multiWebhook().destinations).toEqual([]);
		// Chosen on purpose (README): multi-webhook stays enabled when our destination was the last.
		expect(emulator.multiWebhook().enabled).toBe(true);
	});

	test('a rejected key on deactivation is reported, not swallowed', async () => {
		({ emulator, trigger } = await setup());
		await trigger.activate();
		// n8n-core retries a 401 once after pre-authentication, so both attempts get it.
		emulator.injectFault({
			path: `/multi_webhook/${encodeURIComponent(ourName(trigger))}`,
			status: 401,
			body: { error: 'Unauthorized' },
			times: 2,
		});
		await expect(trigger.deactivate()).rejects.toThrow(/rejected the API key/);
	});
});

test('the test URL and the production URL are two destinations side by side', async () => {
	({ emulator, trigger } = await setup());
	await trigger.activate('production');
	await emulator.settle();
	await trigger.activate('test');
	await emulator.settle();
	expect(ourName(trigger, 'test')).not.toBe(ourName(trigger, 'production'));
	expectRegistered('production');
	expectRegistered('test');
	await trigger.deactivate('test');
	await emulator.settle();
	expect(ours(emulator, trigger, 'test')).toBeUndefined();
	expectRegistered('production');
});
