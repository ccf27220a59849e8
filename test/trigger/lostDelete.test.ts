/**
 * Re-activation after a DELETE whose answer never came (a time-out or a fault). 360dialog may
 * never have applied it, or may apply it later: activation neither blocks for minutes nor keeps a
 * destination that a late removal could take away. It sends the DELETE again, waits for it to
 * show, and adds ours anew. Only an answered DELETE is ever called accepted.
 */
import type { Emulator, EmulatorOptions, FaultSpec } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import textNotification from '../fixtures/payloads/cloud/text.json';
import type { TriggerHarness } from '../harness/triggerHarness';
import {
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

const errorText = (error: unknown) =>
	`${(error as Error).message} ${(error as { description?: string }).description}`;

/** Faults that leave a DELETE unanswered and not applied. */
const NO_ANSWER: Array<[string, Omit<FaultSpec, 'path'>]> = [
	['a time-out', { hang: true }],
	['a 500', { status: 500 }],
	["a gateway's 502 page", { html: true }],
];

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

	const deletePath = () => `/multi_webhook/${encodeURIComponent(ourName(trigger))}`;

	/** Activates, then deactivates with the DELETE faulted; returns the secret and what delete() gave. */
	async function deactivateWithLostDelete(fault: Omit<FaultSpec, 'path'>) {
		emulator.setState({ multiWebhook: { enabled: true, destinations: [FOREIGN[0]] } });
		await trigger.activate();
		await emulator.settle();
		const secret = storedSecret(trigger);
		emulator.injectFault({ path: deletePath(), method: 'DELETE', ...fault });
		const deactivated = await trigger.deactivate().catch((e: unknown) => e);
		emulator.clearRequests();
		return { secret, deactivated };
	}

	async function expectOneWorkingDestination(secret: string | undefined) {
		await emulator.settle();
		const destinations = emulator.multiWebhook().destinations;
		expect(destinations.filter((d) => d.name === ourName(trigger))).toEqual([
			{
				name: ourName(trigger),
				url: trigger.webhookUrl('production'),
				headers: { [VERIFICATION_HEADER]: secret },
			},
		]);
		expect(destinations).toHaveLength(2);
		const results = await emulator.deliver(textNotification);
		expect(results.find((r) => r.target === ourName(trigger))?.status).toBe(200);
		await trigger.idle();
		expect(trigger.executions).toHaveLength(1);
	}

	test.each(NO_ANSWER)(
		'after %s on a DELETE that never applied, re-activation sends it again, waits for it and adds ours anew at once',
		async (_label, fault) => {
			await start();
			const { secret, deactivated } = await deactivateWithLostDelete(fault);
			// Logged, not thrown, so that n8n saves the note below (it saves only after a return).
			expect(deactivated).toBe(true);
			// Noted as sent without an answer, never as accepted.
			expect(registrations(trigger)[ourName(trigger)]).toMatchObject({ active: false });
			expect(registrations(trigger)[ourName(trigger)].deletingSince).toEqual(expect.any(Number));
			expect(registrations(trigger)[ourName(trigger)].deleteAnswered).toBeUndefined();

			expect(await trigger.activate()).toBe('created');
			expect(writes(emulator)).toEqual([`DELETE ${deletePath()}`, 'PUT /multi_webhook']);
			expect(registrations(trigger)[ourName(trigger)]).toMatchObject({ active: true, secret });
			expect(registrations(trigger)[ourName(trigger)].deletingSince).toBeUndefined();
			await expectOneWorkingDestination(secret);
		},
	);

	test('a lost answer to a DELETE that applies late: the destination added anew is not taken away', async () => {
		// Applied 5 s after it was sent, long after the DELETE's time-out and the read after it.
		await start({ applyDelayMs: 5000 });
		const { secret } = await deactivateWithLostDelete({ hang: true, apply: true });
		expect(emulator.multiWebhook().destinations.map((d) => d.name)).toContain(ourName(trigger));
		emulator.setApplyDelay(300);

		expect(await trigger.activate()).toBe('created');
		// The DELETE sent again is answered (a 404 when 360dialog checks it against the pending
		// removal); activation waits until the name is gone before adding it.
		expect(writes(emulator)).toEqual([`DELETE ${deletePath()}`, 'PUT /multi_webhook']);
		await expectOneWorkingDestination(secret);
	});

	test('when the DELETE sent again gets no answer either, activation fails saying so and writes nothing else; the next try succeeds', async () => {
		await start();
		const { secret } = await deactivateWithLostDelete({ hang: true });
		emulator.injectFault({ path: deletePath(), method: 'DELETE', status: 503 });

		const error = await trigger.activate().catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			`360dialog did not answer the removal of this trigger's previous destination "${ourName(trigger)}"`,
		);
		expect(errorText(error)).toMatch(/n8n retries the activation/);
		expect(errorText(error)).not.toMatch(/accepted/);
		expect(writes(emulator)).toEqual([`DELETE ${deletePath()}`]);
		expect(registrations(trigger)[ourName(trigger)].deleteAnswered).toBeUndefined();
		expect(emulator.multiWebhook().destinations.map((d) => d.name)).toContain(ourName(trigger));

		emulator.clearRequests();
		expect(await trigger.activate()).toBe('created');
		expect(writes(emulator)).toEqual([`DELETE ${deletePath()}`, 'PUT /multi_webhook']);
		await expectOneWorkingDestination(secret);
	});

	test('an unanswered DELETE still showing ours 5 minutes on never applied: ours is kept, nothing written', async () => {
		await start();
		await deactivateWithLostDelete({ hang: true });
		const data = trigger.staticData;
		const node = data[`node:${trigger.node.name}`] as {
			registrations: Record<string, { deletingSince?: number }>;
		};
		node.registrations[ourName(trigger)].deletingSince = Date.now() - 6 * 60_000;
		trigger.seedStaticData(data);

		expect(await trigger.activate()).toBe('existed');
		expect(writes(emulator)).toEqual([]);
		expect(registrations(trigger)[ourName(trigger)]).toMatchObject({ active: true });
		expect(registrations(trigger)[ourName(trigger)].deletingSince).toBeUndefined();
	});

	test('an unanswered DELETE, and our name now carries a secret this workflow does not hold: left alone, activation says why', async () => {
		await start();
		await deactivateWithLostDelete({ hang: true });
		emulator.setState({
			multiWebhook: {
				enabled: true,
				destinations: [
					FOREIGN[0],
					{ name: ourName(trigger), url: 'https://elsewhere.example.com/hook', headers: {} },
				],
			},
		});
		emulator.clearRequests();

		const error = await trigger.activate().catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/its secret header is not one this workflow holds/);
		expect(writes(emulator)).toEqual([]);
	});

	test('a DELETE answered 200 and still showing keeps the wait: only then does the message say 360dialog accepted it', async () => {
		await start({}, { apiTimeout: 1 });
		await trigger.activate();
		await emulator.settle();
		// Accepted (200) but not performed.
		emulator.injectFault({
			path: deletePath(),
			method: 'DELETE',
			status: 200,
			body: { message: 'Operation has been started' },
		});
		await trigger.deactivate();
		expect(registrations(trigger)[ourName(trigger)].deleteAnswered).toBe(true);
		emulator.clearRequests();

		const error = await trigger.activate().catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			`360dialog is still removing this trigger's previous destination "${ourName(trigger)}"`,
		);
		expect(errorText(error)).toMatch(/360dialog accepted its removal \d+ s ago/);
		expect(writes(emulator)).toEqual([]);
	});
});
