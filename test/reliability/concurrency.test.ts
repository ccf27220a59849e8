import { startEmulator, type Emulator } from '../../emulator';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import { MAIN_WEBHOOK } from '../trigger/lifecycleHelpers';

let emulator: Emulator;
afterEach(async () => await emulator?.close());

function workflows(count: number) {
	return Array.from(
		{ length: count },
		(_, index) =>
			new TriggerHarness({
				credentials: emulatorCredentials(emulator.url, emulator.apiKey),
				workflowId: `wfConcurrent${index}`,
				webhookId: `c0ffee00-1234-4abc-8def-00000000000${index}`,
				parameters: { options: { apiTimeout: 2 } },
			}),
	);
}

test.each([0, 150])(
	'three workflows activating at once on a fresh number get three destinations; a fourth fails clearly (apply delay %i ms)',
	async (applyDelayMs) => {
		emulator = await startEmulator({ apiKey: testApiKey('concurrency'), applyDelayMs });
		emulator.setState({ phoneNumberWebhook: MAIN_WEBHOOK });
		const triggers = workflows(4);
		const results = await Promise.allSettled(
			triggers.slice(0, 3).map(async (t) => await t.activate()),
		);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
		await emulator.settle();
		const state = emulator.multiWebhook();
		expect(state.enabled).toBe(true);
		expect(state.destinations.map((d) => d.url)).toEqual(
			triggers.slice(0, 3).map((t) => t.webhookUrl('production')),
		);
		expect(new Set(state.destinations.map((d) => d.name)).size).toBe(3);

		const fourth = (await triggers[3].activate().catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(fourth).toBeInstanceOf(Error);
		expect(fourth.message).toMatch(/already has 3 multi-webhook destinations/);
		expect(fourth.description).toContain('Delete Destination');
		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toHaveLength(3);
	},
);

test('four workflows racing for the last places: exactly three win, the loser fails clearly and leaves nothing', async () => {
	emulator = await startEmulator({ apiKey: testApiKey('concurrency') });
	emulator.setState({ phoneNumberWebhook: MAIN_WEBHOOK });
	const triggers = workflows(4);
	const results = await Promise.allSettled(triggers.map(async (t) => await t.activate()));
	await emulator.settle();
	const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
	expect(failed).toHaveLength(1);
	expect(String(failed[0].reason.message)).toMatch(/3 multi-webhook destinations|Maximum of 3/);
	const destinations = emulator.multiWebhook().destinations;
	expect(destinations).toHaveLength(3);
	const winners = triggers.filter((_, index) => results[index].status === 'fulfilled');
	expect(destinations.map((d) => d.url).sort()).toEqual(
		winners.map((t) => t.webhookUrl('production')).sort(),
	);
});
