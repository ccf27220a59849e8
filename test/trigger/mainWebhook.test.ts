/**
 * 360dialog copies a notification to the multi-webhook destinations only after the number's main
 * webhook answered 200. The trigger's Main Webhook option decides what happens without one.
 */
import type { Emulator, EmulatorOptions } from '../../emulator';
import { NO_MAIN_WEBHOOK_ERROR } from '../../emulator';
import textNotification from '../fixtures/payloads/cloud/text.json';
import { startSink, type Sink } from '../../harness/sink';
import type { TriggerHarness } from '../harness/triggerHarness';
import {
	calls,
	FOREIGN,
	MAIN_READ,
	MAIN_WEBHOOK,
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
let sink: Sink | undefined;

afterEach(async () => {
	await trigger?.close();
	await emulator?.close();
	await sink?.close();
	sink = undefined;
});

const USE_TRIGGER = { mainWebhook: 'useTrigger' };
const WABA_READ = 'GET /waba_webhook';
const SET_MAIN = 'POST /v1/configs/webhook';

describe.each(VALIDATION_MODES)('writes checked against the %s state', (validateAgainst) => {
	const start = async (options: EmulatorOptions = {}, triggerOptions: TriggerSetup = {}) =>
		({ emulator, trigger } = await setup({ validateAgainst, ...options }, triggerOptions));

	describe('Require One (the default)', () => {
		test('with neither a phone-number nor a WABA webhook, activation fails before any write and says why and what to do', async () => {
			await start({}, { mainWebhook: null });
			emulator.setState({ multiWebhook: { enabled: true, destinations: FOREIGN } });
			const error = (await trigger.activate().catch((e: unknown) => e)) as Error & {
				description: string;
			};
			expect(error.message).toBe(
				'This phone number has no main webhook, so 360dialog would deliver nothing to this trigger',
			);
			expect(error.description).toMatch(
				/only after the number's main webhook answered it with 200/,
			);
			expect(error.description).toContain('Phone Number Webhook → Set');
			expect(error.description).toContain('Use This Trigger When None Is Set');
			// Two reads, and the delete() n8n runs after the failure makes no call.
			expect(calls(emulator)).toEqual([MAIN_READ, WABA_READ]);
			expect(emulator.multiWebhook().destinations).toEqual(FOREIGN);
		});

		test('a WABA webhook counts as the main webhook: our destination is added beside it', async () => {
			await start({}, { mainWebhook: null });
			emulator.setState({ wabaWebhook: { url: 'https://waba.example.com/hook' } });
			expect(await trigger.activate()).toBe('created');
			expect(calls(emulator)).toEqual([
				MAIN_READ,
				WABA_READ,
				'GET /multi_webhook',
				'POST /multi_webhook',
			]);
			await emulator.settle();
			expect(ours(emulator, trigger)?.url).toBe(trigger.webhookUrl('production'));
			expect(emulator.phoneNumberWebhook()).toBeNull();
		});

		test('through the main webhook, 360dialog delivers to our destination', async () => {
			sink = await startSink();
			await start({}, { listen: true, mainWebhook: { url: `http://127.0.0.1:${sink.port}/main` } });
			await trigger.activate();
			await emulator.settle();
			const results = await emulator.deliver(textNotification);
			expect(results.map((r) => [r.target, r.status])).toEqual([
				['phone_number', 200],
				[ourName(trigger), 200],
			]);
			await trigger.idle();
			expect(trigger.executions).toHaveLength(1);
		});

		test.each([[{}], [USE_TRIGGER]])(
			'a main webhook set to our URL without our secret is refused (the trigger would answer it 401), and left alone (%j)',
			async (parameters) => {
				await start({}, { mainWebhook: null, parameters });
				const pasted = { url: trigger.webhookUrl('production') };
				emulator.setState({ phoneNumberWebhook: pasted });
				const error = (await trigger.activate().catch((e: unknown) => e)) as Error;
				expect(error.message).toContain("main webhook is this trigger's URL");
				expect(writes(emulator)).toEqual([]);
				expect(emulator.phoneNumberWebhook()).toEqual(pasted);
			},
		);

		test('a destination left from when a main webhook existed gets nothing without one (why Require One exists)', async () => {
			await start({}, { listen: true });
			await trigger.activate();
			await emulator.settle();
			// 360dialog removes the phone-number webhook when a new API key is generated.
			emulator.setState({ phoneNumberWebhook: null });
			expect(await emulator.deliver(textNotification)).toEqual([
				expect.objectContaining({ target: ourName(trigger), error: NO_MAIN_WEBHOOK_ERROR }),
			]);
			await trigger.idle();
			expect(trigger.executions).toHaveLength(0);
			// Activating again says so instead of reporting success.
			await expect(trigger.activate()).rejects.toThrow(/has no main webhook/);
		});
	});

	describe('Use This Trigger When None Is Set', () => {
		test('with none set, the trigger becomes the phone-number webhook with its secret, receives, and deactivation clears it', async () => {
			await start({}, { listen: true, mainWebhook: null, parameters: USE_TRIGGER });
			expect(await trigger.activate()).toBe('created');
			expect(calls(emulator)).toEqual([MAIN_READ, WABA_READ, SET_MAIN]);
			const secret = storedSecret(trigger);
			expect(secret).toMatch(/^[0-9a-f]{48}$/);
			expect(emulator.phoneNumberWebhook()).toEqual({
				url: trigger.webhookUrl('production'),
				headers: { [VERIFICATION_HEADER]: secret },
			});
			// No destination as well: it would get every notification a second time.
			expect(emulator.multiWebhook().destinations).toEqual([]);

			const results = await emulator.deliver(textNotification);
			expect(results.map((r) => [r.target, r.status])).toEqual([['phone_number', 200]]);
			await trigger.idle();
			expect(trigger.executions).toHaveLength(1);

			emulator.clearRequests();
			expect(await trigger.activate()).toBe('existed');
			expect(calls(emulator)).toEqual([MAIN_READ]);

			emulator.clearRequests();
			await trigger.deactivate();
			expect(calls(emulator)).toEqual([MAIN_READ, SET_MAIN]);
			expect(emulator.requests[1].body).toEqual({ url: '' });
			expect(emulator.phoneNumberWebhook()).toBeNull();
		});

		test('with a main webhook set by someone else, it is left alone and our destination is added as usual', async () => {
			await start({}, { parameters: USE_TRIGGER });
			await trigger.activate();
			expect(writes(emulator)).toEqual(['POST /multi_webhook']);
			await trigger.deactivate();
			await emulator.settle();
			expect(emulator.phoneNumberWebhook()).toEqual(MAIN_WEBHOOK);
			expect(ours(emulator, trigger)).toBeUndefined();
		});

		test('a main webhook someone else set after ours is never touched on deactivation', async () => {
			await start({}, { mainWebhook: null, parameters: USE_TRIGGER });
			await trigger.activate();
			emulator.setState({ phoneNumberWebhook: MAIN_WEBHOOK });
			emulator.clearRequests();
			await trigger.deactivate();
			expect(calls(emulator)).toEqual([MAIN_READ]);
			expect(emulator.phoneNumberWebhook()).toEqual(MAIN_WEBHOOK);
		});

		test('a phone-number webhook at our URL but without our secret is not ours either', async () => {
			await start({}, { mainWebhook: null, parameters: USE_TRIGGER });
			await trigger.activate();
			const lookalike = {
				url: trigger.webhookUrl('production'),
				headers: { [VERIFICATION_HEADER]: 'someone-elses' },
			};
			emulator.setState({ phoneNumberWebhook: lookalike });
			await trigger.deactivate();
			expect(emulator.phoneNumberWebhook()).toEqual(lookalike);
		});

		test('after N8N_WEBHOOK_URL moved, our main webhook (our secret) is updated to the new URL', async () => {
			await start({}, { mainWebhook: null, parameters: USE_TRIGGER });
			await trigger.activate();
			const secret = storedSecret(trigger);
			emulator.setState({
				phoneNumberWebhook: {
					url: 'https://old-tunnel.example.com/webhook/x/webhook',
					headers: { [VERIFICATION_HEADER]: secret! },
				},
			});
			emulator.clearRequests();
			expect(await trigger.activate()).toBe('created');
			expect(calls(emulator)).toEqual([MAIN_READ, SET_MAIN]);
			expect(emulator.phoneNumberWebhook()).toEqual({
				url: trigger.webhookUrl('production'),
				headers: { [VERIFICATION_HEADER]: secret },
			});
		});

		test('when the main webhook disappeared under our destination, ours becomes the main one and the destination goes', async () => {
			await start({}, { listen: true, parameters: USE_TRIGGER });
			await trigger.activate();
			await emulator.settle();
			const name = ourName(trigger);
			emulator.setState({ phoneNumberWebhook: null });
			emulator.clearRequests();
			expect(await trigger.activate()).toBe('created');
			expect(calls(emulator)).toEqual([
				MAIN_READ,
				WABA_READ,
				`DELETE /multi_webhook/${encodeURIComponent(name)}`,
				SET_MAIN,
			]);
			await emulator.settle();
			expect(ours(emulator, trigger)).toBeUndefined();
			const results = await emulator.deliver(textNotification);
			expect(results.map((r) => [r.target, r.status])).toEqual([['phone_number', 200]]);
			await trigger.idle();
			expect(trigger.executions).toHaveLength(1);
			expect(registrations(trigger)[name]).toMatchObject({ via: 'main', active: true });
		});

		test('a fault on setting the main webhook that did land is checked and counts as success', async () => {
			await start({}, { mainWebhook: null, parameters: USE_TRIGGER, apiTimeout: 1 });
			emulator.injectFault({
				path: '/v1/configs/webhook',
				method: 'POST',
				status: 502,
				html: true,
				apply: true,
			});
			expect(await trigger.activate()).toBe('created');
			expect(emulator.phoneNumberWebhook()?.url).toBe(trigger.webhookUrl('production'));
		});

		test('a fault on setting the main webhook that did not land fails clearly and leaves none', async () => {
			await start({}, { mainWebhook: null, parameters: USE_TRIGGER, apiTimeout: 1 });
			emulator.injectFault({
				path: '/v1/configs/webhook',
				method: 'POST',
				status: 502,
				html: true,
			});
			await expect(trigger.activate()).rejects.toThrow(
				/gateway failed on POST \/v1\/configs\/webhook/,
			);
			expect(emulator.phoneNumberWebhook()).toBeNull();
		});
	});
});
