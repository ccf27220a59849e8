import { startEmulator, type Emulator, type StateInput } from '../../emulator';
import {
	destinationName,
	VERIFICATION_HEADER,
} from '../../nodes/Dialog360Trigger/registration/identity';
import { emulatorCredentials } from '../harness/additionalData';
import { TriggerHarness } from '../harness/triggerHarness';
import { FAULT_KINDS } from './faultKinds';

/**
 * Every API call of the trigger's activation and deactivation, failed in every way: each run ends
 * with a clear error, or with the destination in place and checked; never with an orphan
 * destination, and never with anything else changed.
 */

const crm = {
	name: 'crm',
	url: 'https://crm.example.com/hook',
	headers: { Authorization: 'Bearer crm' },
};
const others: StateInput = {
	phoneNumberWebhook: { url: 'https://main.example.com/wa' },
	wabaWebhook: { url: 'https://waba.example.com/wa' },
};

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());

function newTrigger() {
	return new TriggerHarness({
		credentials: emulatorCredentials(emulator.url, emulator.apiKey),
		parameters: { options: { apiTimeout: 1 } },
	});
}

const ourName = (trigger: TriggerHarness) =>
	destinationName(trigger.workflowId, trigger.node.id, trigger.webhookUrl('production'));

interface Scenario {
	name: string;
	start: (trigger: TriggerHarness) => StateInput;
	/** Brings the trigger to where the scenario begins (e.g. registered), before faults are armed. */
	prepare?: (trigger: TriggerHarness) => Promise<void>;
	act: (trigger: TriggerHarness) => Promise<unknown>;
	/** Whether our destination is there once the scenario succeeded. */
	registeredAfter: boolean;
}

const scenarios: Scenario[] = [
	{
		name: 'activation on a fresh number',
		start: () => ({ ...others }),
		act: async (t) => await t.activate(),
		registeredAfter: true,
	},
	{
		name: 'activation with multi-webhook enabled',
		start: () => ({ ...others, multiWebhook: { enabled: true, destinations: [crm] } }),
		act: async (t) => await t.activate(),
		registeredAfter: true,
	},
	{
		name: 'activation when our name points elsewhere',
		start: (t) => ({
			...others,
			multiWebhook: {
				enabled: true,
				destinations: [
					crm,
					{ name: ourName(t), url: 'https://old.example.com/webhook/x/webhook', headers: {} },
				],
			},
		}),
		act: async (t) => await t.activate(),
		registeredAfter: true,
	},
	{
		name: 'deactivation',
		start: () => ({ ...others, multiWebhook: { enabled: true, destinations: [crm] } }),
		prepare: async (t) => {
			await t.activate();
			await emulator.settle();
		},
		act: async (t) => await t.deactivate(),
		registeredAfter: false,
	},
];

const faults = FAULT_KINDS;

function snapshot() {
	return {
		multiWebhook: emulator.multiWebhook(),
		phoneNumberWebhook: emulator.phoneNumberWebhook(),
		wabaWebhook: emulator.wabaWebhook(),
	};
}

async function begin(scenario: Scenario) {
	emulator.reset();
	const trigger = newTrigger();
	emulator.setState(scenario.start(trigger));
	await scenario.prepare?.(trigger);
	emulator.clearRequests();
	return trigger;
}

test.each(scenarios)(
	'$name: every call, every fault',
	async (scenario) => {
		// The clean run tells which calls the scenario makes.
		const clean = await begin(scenario);
		await scenario.act(clean);
		await emulator.settle();
		const calls = emulator.requests.map((r) => ({ method: r.method, path: r.path }));
		expect(calls.length).toBeGreaterThan(0);

		const seen = new Map<string, number>();
		for (const call of calls) {
			const key = `${call.method} ${call.path}`;
			const after = seen.get(key) ?? 0;
			seen.set(key, after + 1);
			for (const fault of faults) {
				if (fault.writesOnly && call.method === 'GET') continue;
				const where = `${scenario.name}: ${fault.kind} on ${key} #${after + 1}`;
				const trigger = await begin(scenario);
				const before = snapshot();
				emulator.injectFault({ path: call.path, method: call.method, after, ...fault.spec });
				const error = (await scenario.act(trigger).then(
					() => undefined,
					(e: unknown) => e,
				)) as Error | undefined;
				await emulator.settle();
				const afterState = snapshot();
				const ours = afterState.multiWebhook.destinations.filter(
					(d) => d.name === ourName(trigger),
				);
				const secret = (
					trigger.staticData[`node:${trigger.node.name}`] as
						| { registrations?: Record<string, { secret: string }> }
						| undefined
				)?.registrations?.[ourName(trigger)]?.secret;

				// Nothing else changed: the other destinations and both main webhooks.
				const rest = (s: ReturnType<typeof snapshot>) => ({
					...s,
					multiWebhook: s.multiWebhook.destinations.filter((d) => d.name !== ourName(trigger)),
				});
				expect([where, rest(afterState)]).toEqual([where, rest(before)]);
				expect([where, ours.length <= 1]).toEqual([where, true]);

				if (error) {
					expect([where, error.message]).toEqual([where, expect.stringMatching(fault.message)]);
					expect(JSON.stringify(error)).not.toContain(emulator.apiKey);
					if (scenario.registeredAfter) {
						// A failed activation leaves no orphan: n8n's delete() after create() removed what it
						// may have made, or nothing was touched (a stale destination of ours stays as it was).
						const oursBefore = before.multiWebhook.destinations.filter(
							(d) => d.name === ourName(trigger),
						);
						const untouchedOrGone =
							ours.length === 0 || JSON.stringify(ours) === JSON.stringify(oursBefore);
						expect([where, untouchedOrGone]).toEqual([where, true]);
					}
				} else if (scenario.registeredAfter) {
					// Success means the destination is there, with our URL and the secret we hold.
					expect([where, ours[0]?.url, ours[0]?.headers[VERIFICATION_HEADER]]).toEqual([
						where,
						trigger.webhookUrl('production'),
						secret,
					]);
				} else {
					expect([where, ours]).toEqual([where, []]);
				}
			}
		}
	},
	180_000,
);
