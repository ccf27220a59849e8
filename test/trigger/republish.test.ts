/**
 * Publishing a changed trigger: n8n calls delete() and then checkExists()/create() back to back,
 * while 360dialog applies changes seconds later. Whatever it validates writes against, the end is
 * exactly one working destination of ours.
 */
import type { Emulator, EmulatorOptions } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import textNotification from '../fixtures/payloads/cloud/text.json';
import type { TriggerHarness } from '../harness/triggerHarness';
import {
	calls,
	FOREIGN,
	ourName,
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
let sink: Sink;

beforeAll(async () => {
	sink = await startSink();
});
afterAll(async () => await sink.close());
afterEach(async () => {
	await trigger?.close();
	await emulator?.close();
});

/** What n8n does when a trigger whose parameters changed is published again. */
async function republish(events: string[]) {
	trigger.node.parameters = { ...trigger.node.parameters, events };
	await trigger.deactivate();
	return await trigger.activate();
}

function secretsSent(): string[] {
	return emulator.requests.flatMap((request) => {
		const body = request.body as
			| {
					headers?: Record<string, string>;
					destinations?: Array<{ headers: Record<string, string> }>;
			  }
			| undefined;
		const headerSets = [body?.headers, ...(body?.destinations ?? []).map((d) => d.headers)];
		return headerSets.flatMap((headers) =>
			headers?.[VERIFICATION_HEADER] ? [headers[VERIFICATION_HEADER]] : [],
		);
	});
}

describe.each(VALIDATION_MODES)('writes checked against the %s state', (validateAgainst) => {
	const start = async (options: EmulatorOptions = {}, triggerOptions: TriggerSetup = {}) =>
		({ emulator, trigger } = await setup(
			{ validateAgainst, ...options },
			{
				listen: true,
				mainWebhook: { url: `http://127.0.0.1:${sink.port}/main` },
				...triggerOptions,
			},
		));

	test('a republish while the DELETE is still pending ends with exactly one working destination of ours', async () => {
		await start({ applyDelayMs: 400 });
		emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0]] } });
		await trigger.activate();
		await emulator.settle();
		emulator.clearRequests();

		expect(await republish(['message'])).toBe('created');
		// It waited for the DELETE to show, then added ours anew: no PATCH onto a dying destination.
		expect(writes(emulator)).toEqual([
			`DELETE /multi_webhook/${encodeURIComponent(ourName(trigger))}`,
			'PUT /multi_webhook',
		]);
		await emulator.settle();
		const destinations = emulator.multiWebhook().destinations;
		expect(destinations.filter((d) => d.name === ourName(trigger))).toEqual([
			{
				name: ourName(trigger),
				url: trigger.webhookUrl('production'),
				headers: { [VERIFICATION_HEADER]: storedSecret(trigger) },
			},
		]);
		expect(destinations).toHaveLength(2);
		const results = await emulator.deliver(textNotification);
		expect(results.find((r) => r.target === ourName(trigger))?.status).toBe(200);
		await trigger.idle();
		expect(trigger.executions).toHaveLength(1);
	});

	test('republishing again and again keeps one destination and one secret for its whole life', async () => {
		await start({ applyDelayMs: 200 });
		await trigger.activate();
		await emulator.settle();
		const secret = storedSecret(trigger);
		for (const events of [['message'], ['status'], ['message', 'status', 'error']]) {
			await republish(events);
		}
		await emulator.settle();
		expect(emulator.multiWebhook().destinations.map((d) => d.name)).toEqual([ourName(trigger)]);
		expect(new Set(secretsSent())).toEqual(new Set([secret]));
		expect(storedSecret(trigger)).toBe(secret);
	});

	test('a DELETE still pending after the API timeout fails activation clearly; the next try succeeds', async () => {
		await start({ applyDelayMs: 2500 }, { apiTimeout: 1 });
		await trigger.activate();
		await emulator.settle();
		await trigger.deactivate();
		const error = (await trigger.activate().catch((e: unknown) => e)) as Error & {
			description: string;
		};
		expect(error.message).toBe(
			`360dialog is still removing this trigger's previous destination "${ourName(trigger)}"`,
		);
		expect(error.description).toMatch(/n8n retries the activation/);
		// Nothing was written meanwhile, and the delete() after the failure sent no second DELETE.
		expect(writes(emulator).filter((w) => w.startsWith('DELETE'))).toHaveLength(1);
		await emulator.settle();
		expect(await trigger.activate()).toBe('created');
		await emulator.settle();
		expect(emulator.multiWebhook().destinations.map((d) => d.name)).toEqual([ourName(trigger)]);
	});

	test('a DELETE that 360dialog accepted but never applied: after 5 minutes the destination is ours again', async () => {
		await start({}, { apiTimeout: 1 });
		await trigger.activate();
		await emulator.settle();
		const name = ourName(trigger);
		// Accepted (200) but not performed.
		emulator.injectFault({
			path: `/multi_webhook/${encodeURIComponent(name)}`,
			method: 'DELETE',
			status: 200,
			body: { message: 'Operation has been started' },
		});
		await trigger.deactivate();
		await expect(trigger.activate()).rejects.toThrow(/still removing/);
		const data = trigger.staticData;
		const node = data['node:360dialog Trigger'] as {
			registrations: Record<string, { deletingSince?: number }>;
		};
		node.registrations[name].deletingSince = Date.now() - 6 * 60_000;
		trigger.seedStaticData(data);
		emulator.clearRequests();
		expect(await trigger.activate()).toBe('existed');
		expect(writes(emulator)).toEqual([]);
		expect(registrations(trigger)[name]).toMatchObject({ active: true });
		expect(registrations(trigger)[name].deletingSince).toBeUndefined();
	});

	test('deactivating twice while the DELETE is pending sends one DELETE', async () => {
		await start({ applyDelayMs: 300 });
		await trigger.activate();
		await emulator.settle();
		emulator.clearRequests();
		await trigger.deactivate();
		await trigger.deactivate();
		expect(calls(emulator)).toEqual([
			`DELETE /multi_webhook/${encodeURIComponent(ourName(trigger))}`,
		]);
	});
});
