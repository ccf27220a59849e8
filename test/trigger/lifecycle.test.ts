import type { Emulator, EmulatorOptions } from '../../emulator';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import type { TriggerHarness } from '../harness/triggerHarness';
import {
	calls,
	FOREIGN,
	MAIN_READ,
	ourName,
	ours,
	registrations,
	setup,
	storedSecret,
	VALIDATION_MODES,
	VERIFICATION_HEADER,
	writes,
	type TriggerSetup,
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

const errorText = (error: unknown) =>
	`${(error as Error).message} ${(error as { description?: string }).description}`;

describe.each(VALIDATION_MODES)('writes checked against the %s state', (validateAgainst) => {
	const start = async (options: EmulatorOptions = {}, triggerOptions: TriggerSetup = {}) =>
		({ emulator, trigger } = await setup({ validateAgainst, ...options }, triggerOptions));

	describe('activation on a number that never enabled multi-webhook', () => {
		test('reads the main webhook, then enables multi-webhook with our destination in one write, then finds it again', async () => {
			await start();
			expect(await trigger.activate()).toBe('created');
			expect(calls(emulator)).toEqual([MAIN_READ, 'GET /multi_webhook', 'POST /multi_webhook']);
			const post = emulator.requests[2];
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
			expect(calls(emulator)).toEqual([MAIN_READ, 'GET /multi_webhook']);
		});

		test('a number that answers GET with an empty configuration instead of 409 works the same', async () => {
			await start({ neverEnabledGet: 'empty' });
			await trigger.activate();
			await emulator.settle();
			expectRegistered();
		});
	});

	describe('a disabled multi-webhook (enabling brings back every listed destination)', () => {
		test('with nothing else listed, it is enabled with our destination in one POST', async () => {
			await start();
			emulator.setState({ multiWebhook: { enabled: false, destinations: [] } });
			await trigger.activate();
			expect(writes(emulator)).toEqual(['POST /multi_webhook']);
			await emulator.settle();
			expect(emulator.multiWebhook().enabled).toBe(true);
			expectRegistered();
		});

		test('still listing other destinations, activation fails, lists them without headers, and writes nothing', async () => {
			await start();
			emulator.setState({ multiWebhook: { enabled: false, destinations: FOREIGN } });
			const error = await trigger.activate().catch((e: unknown) => e);
			expect(error).toBeInstanceOf(Error);
			const text = errorText(error);
			expect(text).toMatch(/switched off .* 2 other destinations/);
			for (const destination of FOREIGN) {
				expect(text).toContain(`"${destination.name}" (${destination.url})`);
				for (const value of Object.values(destination.headers)) expect(text).not.toContain(value);
			}
			expect(text).toContain('Multi-Webhook → Enable');
			expect(text).toContain('Delete Destination');
			expect(writes(emulator)).toEqual([]);
			await emulator.settle();
			expect(emulator.multiWebhook()).toMatchObject({ enabled: false, destinations: FOREIGN });
		});

		test('listing only ours, it is switched back on without adding anything', async () => {
			await start();
			await trigger.activate();
			await emulator.settle();
			const before = emulator.multiWebhook().destinations;
			emulator.setState({ multiWebhook: { enabled: false, destinations: before } });
			emulator.clearRequests();
			expect(await trigger.activate()).toBe('created');
			expect(calls(emulator)).toEqual([MAIN_READ, 'GET /multi_webhook', 'POST /multi_webhook']);
			expect(emulator.requests[2].body).toEqual({ enabled: true });
			await emulator.settle();
			expect(emulator.multiWebhook()).toMatchObject({ enabled: true, destinations: before });
			expectRegistered();
		});
	});

	describe('multi-webhook already enabled with foreign destinations', () => {
		test('adds ours with PUT and never touches the others, also on deactivation (one call)', async () => {
			await start();
			emulator.setState({ multiWebhook: { enabled: true, destinations: FOREIGN } });
			await trigger.activate();
			expect(calls(emulator)).toEqual([MAIN_READ, 'GET /multi_webhook', 'PUT /multi_webhook']);
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
			expect(registrations(trigger)[ourName(trigger)]).toMatchObject({ active: false });
		});

		test('at the limit of 3, activation fails listing names and URLs but no secrets, and writes nothing', async () => {
			await start();
			const third = {
				name: 'erp',
				url: 'https://erp.example.com/wa',
				headers: { Authorization: 'Basic c2VjcmV0' },
			};
			emulator.setState({ multiWebhook: { enabled: true, destinations: [...FOREIGN, third] } });
			const error = await trigger.activate().catch((e: unknown) => e);
			expect(error).toBeInstanceOf(Error);
			const text = errorText(error);
			for (const destination of [...FOREIGN, third]) {
				expect(text).toContain(destination.name);
				expect(text).toContain(destination.url);
				for (const value of Object.values(destination.headers)) expect(text).not.toContain(value);
			}
			expect(text).toContain('Delete Destination');
			// Not even the delete() n8n runs after the failure: nothing of ours is registered.
			expect(writes(emulator)).toEqual([]);
			await emulator.settle();
			expect(emulator.multiWebhook().destinations).toEqual([...FOREIGN, third]);
		});

		test('ours with another URL (N8N_WEBHOOK_URL moved) is updated with PATCH and the same secret, not duplicated', async () => {
			await start();
			emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0]] } });
			await trigger.activate();
			await emulator.settle();
			const secret = storedSecret(trigger);
			const moved = emulator
				.multiWebhook()
				.destinations.map((d) =>
					d.name === ourName(trigger)
						? { ...d, url: 'https://old-tunnel.example.com/webhook/x/webhook' }
						: d,
				);
			emulator.setState({ multiWebhook: { enabled: true, destinations: moved } });
			emulator.clearRequests();
			expect(await trigger.activate()).toBe('created');
			expect(writes(emulator)).toEqual(['PATCH /multi_webhook']);
			expect(emulator.requests.at(-1)?.body).toEqual({
				name: ourName(trigger),
				url: trigger.webhookUrl('production'),
				headers: { [VERIFICATION_HEADER]: secret },
			});
			await emulator.settle();
			expect(emulator.multiWebhook().destinations).toHaveLength(2);
			expectRegistered();
			expect(storedSecret(trigger)).toBe(secret);
		});

		test('our name with a secret this workflow does not hold is left alone: activation fails and says what to do', async () => {
			await start();
			const impostor = {
				name: ourName(trigger),
				url: 'https://elsewhere.example.com/hook',
				headers: { [VERIFICATION_HEADER]: 'not-a-secret-we-hold' },
			};
			emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0], impostor] } });
			const error = await trigger.activate().catch((e: unknown) => e);
			const text = errorText(error);
			expect(text).toContain(`"${impostor.name}" (${impostor.url})`);
			expect(text).toMatch(/secret header is not one this workflow holds/);
			expect(text).toContain('Delete Destination');
			expect(text).not.toContain('not-a-secret-we-hold');
			// Neither activation nor the delete() after it touched it.
			expect(writes(emulator)).toEqual([]);
			await emulator.settle();
			expect(emulator.multiWebhook().destinations).toEqual([FOREIGN[0], impostor]);
		});
	});

	describe("n8n's URL against 360dialog's rules", () => {
		test.each([
			['http://n8n.test/', 'is not https'],
			['https://n8n.test:5678/', 'port'],
			['https://my_n8n.test/', '"_"'],
		])('%s fails before any call and names N8N_WEBHOOK_URL', async (webhookBaseUrl, problem) => {
			await start({}, { webhookBaseUrl });
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
			await start();
			const wrongKey = testApiKey('lifecycle-wrong-key');
			trigger.setCredentials(emulatorCredentials(emulator.url, wrongKey));
			const error = (await trigger.activate().catch((e: unknown) => e)) as Error;
			expect(error.message).toMatch(/rejected the API key \(401: /);
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
				await start({}, { apiTimeout: 1 });
				emulator.setState({ multiWebhook: { enabled: true, destinations: FOREIGN } });
				emulator.injectFault({ path: '/multi_webhook', method: 'PUT', ...fault });
				const error = (await trigger.activate().catch((e: unknown) => e)) as Error;
				expect(error.message).toMatch(message);
				await emulator.settle();
				expect(emulator.multiWebhook().destinations).toEqual(FOREIGN);
				// delete() after the failed create(): ours was registered before the PUT.
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
			await start({}, { apiTimeout: 1 });
			emulator.injectFault({ path: '/multi_webhook', method: 'POST', apply: true, ...fault });
			expect(await trigger.activate()).toBe('created');
			await emulator.settle();
			expectRegistered();
			expect(emulator.multiWebhook().destinations).toHaveLength(1);
		});

		test('a 5xx on the first read fails activation without writing', async () => {
			await start();
			emulator.injectFault({ path: '/v1/configs/webhook', method: 'GET', status: 503, html: true });
			await expect(trigger.activate()).rejects.toThrow(/gateway failed/);
			expect(writes(emulator)).toEqual([]);
		});

		test('a 5xx on the multi-webhook read fails activation without writing', async () => {
			await start();
			emulator.injectFault({ path: '/multi_webhook', method: 'GET', status: 503, html: true });
			await expect(trigger.activate()).rejects.toThrow(/gateway failed/);
			expect(writes(emulator)).toEqual([]);
		});
	});

	describe('asynchronous changes', () => {
		test('with a delay, reactivating at once causes neither a second destination nor a failure', async () => {
			await start({ applyDelayMs: 400 });
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

		test('with a delay, deactivating and reactivating at once ends with our destination, and its one secret', async () => {
			await start({ applyDelayMs: 400 });
			emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0]] } });
			await trigger.activate();
			await emulator.settle();
			const secret = storedSecret(trigger);
			await trigger.deactivate();
			await trigger.activate();
			await emulator.settle();
			expectRegistered();
			expect(emulator.multiWebhook().destinations).toHaveLength(2);
			expect(storedSecret(trigger)).toBe(secret);
		});
	});

	describe('deactivation', () => {
		test('is a single call; deactivating again makes none', async () => {
			await start();
			await trigger.activate();
			await emulator.settle();
			emulator.clearRequests();
			expect(await trigger.deactivate()).toBe(true);
			expect(calls(emulator)).toHaveLength(1);
			await emulator.settle();
			emulator.clearRequests();
			expect(await trigger.deactivate()).toBe(true);
			expect(calls(emulator)).toEqual([]);
			expect(emulator.multiWebhook().destinations).toEqual([]);
			// Chosen on purpose (README): multi-webhook stays enabled when our destination was the last.
			expect(emulator.multiWebhook().enabled).toBe(true);
		});

		test('succeeds when the destination is already gone', async () => {
			await start();
			await trigger.activate();
			await emulator.settle();
			emulator.setState({ multiWebhook: { enabled: true, destinations: [] } });
			expect(await trigger.deactivate()).toBe(true);
		});

		test('without anything registered, makes no call at all', async () => {
			await start();
			emulator.setState({ multiWebhook: { enabled: true, destinations: FOREIGN } });
			expect(await trigger.deactivate()).toBe(true);
			expect(calls(emulator)).toEqual([]);
		});

		test('a rejected key on deactivation is reported, not swallowed', async () => {
			await start();
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
		await start();
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
});
