import type { INodeParameters } from 'n8n-workflow';

import type { Destination, Emulator, StateInput, Webhook } from '../../emulator';
import { VERIFICATION_HEADER } from '../../nodes/Dialog360Trigger/registration/identity';
import { destinationRows, headerRows, run } from '../actions/helpers';
import { emulatorCredentials } from '../harness/additionalData';
import { TriggerHarness } from '../harness/triggerHarness';
import { ourName, registrations, storedSecret } from '../trigger/lifecycleHelpers';
import {
	callsOf,
	EmulatorPool,
	FAULT_KINDS,
	faultCasesOf,
	faultSpec,
	snapshot,
	type CallPosition,
	type FaultKindName,
	type World,
} from './matrixSupport';

/**
 * Every API call of every operation, failed in every way 360dialog (or a proxy in front of it)
 * fails. The calls each operation makes are written out below, in order; a clean run of each
 * checks the table against what the node really sends. Every (call position x fault) pair then
 * runs from a known state that holds a foreign destination, a phone-number webhook and a WABA
 * webhook, and must end with
 *   (a) a clear error naming what failed in 360dialog's words, or success where the design checks
 *       a lost answer (the trigger's writes, its DELETE included; Wait Until Applied, whose lost
 *       write or timed-out read-back is settled by the next read);
 *   (b) the destinations exactly as they started, or as intended when the change was accepted;
 *       after a failed activation (n8n then calls delete()) no destination of the trigger's;
 *   (c) nothing else changed: both main webhooks and the foreign destination as they started.
 */

// ---------------------------------------------------------------------------------------------
// The starting state

/** Belongs to someone else: no operation below may ever change it. */
const FOREIGN: Destination = {
	name: 'crm',
	url: 'https://crm.example.com/hooks/whatsapp',
	headers: { Authorization: 'Bearer crm-token' },
};
/** The destination the action node's operations work on; its name needs URL-encoding. */
const ERP: Destination = {
	name: 'ERP sync',
	url: 'https://erp.example.com/hook',
	headers: { 'X-Erp-Token': 'erp-1' },
};
const ERP_UPDATED: Destination = {
	name: 'ERP sync',
	url: 'https://erp-v2.example.com/hook',
	headers: { 'X-Erp-Token': 'erp-2' },
};
const PHONE_WEBHOOK = {
	url: 'https://main.example.com/wa',
	headers: { Authorization: 'Bearer main' },
};
const WABA_WEBHOOK = { url: 'https://waba.example.com/wa', headers: { 'X-Waba': 'waba-1' } };
const NEW_PHONE_URL = 'https://new-main.example.com/wa';
const NEW_WABA_URL = 'https://new-waba.example.com/wa';

const REQUEST_TIMEOUT_SECONDS = 1;

const pool = new EmulatorPool(5, 'fault-matrix');
afterAll(async () => await pool.close());

// ---------------------------------------------------------------------------------------------
// The action node: each operation and the calls it makes

interface ActionOperation {
	name: string;
	parameters: INodeParameters;
	multiWebhook: StateInput['multiWebhook'];
	/** The calls without Wait Until Applied (for reads: the only calls). */
	calls: string[];
	/** The calls with Wait Until Applied, when the operation has it: the last GET is the read-back. */
	callsWaiting?: string[];
	/** What the operation is meant to change; none for reads. */
	change?: (world: World) => void;
}

const enabledWith = (...destinations: Destination[]) => ({ enabled: true, destinations });
const MULTI = '/multi_webhook';
const PHONE = '/v1/configs/webhook';

const actionOperations: ActionOperation[] = [
	{
		name: 'multiWebhook get',
		parameters: { resource: 'multiWebhook', operation: 'get' },
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: [`GET ${MULTI}`],
	},
	{
		name: 'multiWebhook enable',
		parameters: { resource: 'multiWebhook', operation: 'enable' },
		multiWebhook: { enabled: false, destinations: [FOREIGN] },
		calls: [`POST ${MULTI}`],
		callsWaiting: [`POST ${MULTI}`, `GET ${MULTI}`],
		change: (world) => {
			world.multiWebhook.enabled = true;
		},
	},
	{
		name: 'multiWebhook enable with destinations',
		parameters: {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows([ERP]),
		},
		multiWebhook: { enabled: false, destinations: [FOREIGN] },
		calls: [`GET ${MULTI}`, `POST ${MULTI}`],
		callsWaiting: [`GET ${MULTI}`, `POST ${MULTI}`, `GET ${MULTI}`],
		change: (world) => {
			world.multiWebhook.enabled = true;
			world.multiWebhook.destinations.push(ERP);
		},
	},
	{
		name: 'multiWebhook disable',
		parameters: { resource: 'multiWebhook', operation: 'disable' },
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: [`POST ${MULTI}`],
		callsWaiting: [`POST ${MULTI}`, `GET ${MULTI}`],
		change: (world) => {
			world.multiWebhook.enabled = false;
		},
	},
	{
		name: 'multiWebhook addDestinations',
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([ERP]),
		},
		multiWebhook: enabledWith(FOREIGN),
		calls: [`GET ${MULTI}`, `PUT ${MULTI}`],
		callsWaiting: [`GET ${MULTI}`, `PUT ${MULTI}`, `GET ${MULTI}`],
		change: (world) => {
			world.multiWebhook.destinations.push(ERP);
		},
	},
	{
		name: 'multiWebhook updateDestination',
		parameters: {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: { __rl: true, mode: 'name', value: ERP.name },
			url: ERP_UPDATED.url,
			headers: headerRows(ERP_UPDATED.headers),
		},
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: [`PATCH ${MULTI}`],
		callsWaiting: [`PATCH ${MULTI}`, `GET ${MULTI}`],
		change: (world) => {
			world.multiWebhook.destinations[1] = ERP_UPDATED;
		},
	},
	{
		name: 'multiWebhook deleteDestination',
		parameters: {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: { __rl: true, mode: 'name', value: ERP.name },
		},
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: [`DELETE ${MULTI}/ERP%20sync`],
		callsWaiting: [`DELETE ${MULTI}/ERP%20sync`, `GET ${MULTI}`],
		change: (world) => {
			world.multiWebhook.destinations.pop();
		},
	},
	{
		name: 'phoneNumberWebhook get',
		parameters: { resource: 'phoneNumberWebhook', operation: 'get' },
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: ['GET /v1/configs/webhook'],
	},
	{
		name: 'phoneNumberWebhook set',
		parameters: { resource: 'phoneNumberWebhook', operation: 'set', url: NEW_PHONE_URL },
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: ['POST /v1/configs/webhook'],
		callsWaiting: ['POST /v1/configs/webhook', 'GET /v1/configs/webhook'],
		change: (world) => {
			world.phoneNumberWebhook = { url: NEW_PHONE_URL };
		},
	},
	{
		name: 'wabaWebhook get',
		parameters: { resource: 'wabaWebhook', operation: 'get' },
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: ['GET /waba_webhook'],
	},
	{
		name: 'wabaWebhook set',
		// override_all false: the phone number keeps its own webhook.
		parameters: { resource: 'wabaWebhook', operation: 'set', url: NEW_WABA_URL },
		multiWebhook: enabledWith(FOREIGN, ERP),
		calls: ['POST /waba_webhook'],
		callsWaiting: ['POST /waba_webhook', 'GET /waba_webhook'],
		change: (world) => {
			world.wabaWebhook = { url: NEW_WABA_URL };
		},
	},
];

interface ActionVariant {
	operation: ActionOperation;
	/** undefined: the operation has no Wait Until Applied. */
	waiting?: boolean;
	calls: string[];
	label: string;
}

const actionVariants: ActionVariant[] = actionOperations.flatMap((operation) =>
	operation.callsWaiting
		? [
				{ operation, waiting: false, calls: operation.calls, label: `${operation.name} (no wait)` },
				{
					operation,
					waiting: true,
					calls: operation.callsWaiting,
					label: `${operation.name} (wait until applied)`,
				},
			]
		: [{ operation, calls: operation.calls, label: operation.name }],
);

interface ActionExpectation {
	outcome: 'error' | 'success';
	world: 'start' | 'intended';
	/** What the error's description must add. */
	description?: RegExp;
	/** Apply Timeout for this case: 0 where nothing can land, so the node gives up at once. */
	applyTimeout: number;
}

const MAY_STILL_APPLY = /may still be applied: check with the .* operation/;
const READ_BACK_FAILED = /^360dialog accepted the change, but reading it back with GET /;

/** What the design says each fault at each position leads to. */
function expectAction(
	variant: ActionVariant,
	position: CallPosition,
	fault: FaultKindName,
): ActionExpectation {
	const writeIndex = variant.calls.findIndex((call) => !call.startsWith('GET '));
	if (writeIndex < 0 || position.index < writeIndex) {
		// A read before anything was sent: nothing changed.
		return { outcome: 'error', world: 'start', applyTimeout: 2 };
	}
	if (position.index === writeIndex) {
		if (fault === '401') return { outcome: 'error', world: 'start', applyTimeout: 2 };
		if (fault === 'lostAnswer') {
			// With Wait Until Applied the read-back finds the change: success.
			return variant.waiting
				? { outcome: 'success', world: 'intended', applyTimeout: 2 }
				: { outcome: 'error', world: 'intended', description: MAY_STILL_APPLY, applyTimeout: 2 };
		}
		// A 5xx, a gateway page or silence: the change did not land, and the error says it may.
		return { outcome: 'error', world: 'start', description: MAY_STILL_APPLY, applyTimeout: 0 };
	}
	// The read-back after an accepted change.
	if (fault === 'hang') {
		// A read that times out is tried again after the poll interval: it recovers.
		return { outcome: 'success', world: 'intended', applyTimeout: 3 };
	}
	return { outcome: 'error', world: 'intended', description: READ_BACK_FAILED, applyTimeout: 2 };
}

function actionParameters(variant: ActionVariant, applyTimeout: number): INodeParameters {
	const parameters: INodeParameters = { ...variant.operation.parameters };
	if (variant.waiting === undefined) {
		parameters.options = { requestTimeout: REQUEST_TIMEOUT_SECONDS };
	} else {
		parameters.waitUntilApplied = variant.waiting;
		parameters.options = variant.waiting
			? { requestTimeout: REQUEST_TIMEOUT_SECONDS, applyTimeout }
			: { requestTimeout: REQUEST_TIMEOUT_SECONDS };
	}
	return parameters;
}

/** Sets the starting state and returns it as the emulator holds it, plus the intended end state. */
function startAction(emulator: Emulator, operation: ActionOperation) {
	emulator.setState({
		multiWebhook: structuredClone(operation.multiWebhook),
		phoneNumberWebhook: structuredClone(PHONE_WEBHOOK),
		wabaWebhook: structuredClone(WABA_WEBHOOK),
	});
	const start = snapshot(emulator);
	const intended = structuredClone(start);
	operation.change?.(intended);
	return { start, intended };
}

const actionCleanCases = actionVariants.map((variant) => [variant.label, variant] as const);

const actionFaultCases = faultCasesOf(
	actionVariants,
	(variant) => variant.label,
	(variant) => variant.calls,
);

// ---------------------------------------------------------------------------------------------
// The trigger's lifecycle: each scenario and the calls it makes

type TriggerAct = 'activate' | 'deactivate';

interface TriggerScenario {
	name: string;
	/** The multi-webhook it starts from. */
	multiWebhook: () => StateInput['multiWebhook'];
	/** The main webhooks it starts from, when not PHONE_WEBHOOK and WABA_WEBHOOK. */
	mainWebhooks?: { phoneNumberWebhook: Webhook | null; wabaWebhook: Webhook | null };
	parameters?: INodeParameters;
	/** Run (without faults) before the scenario begins. */
	prepare?: TriggerAct;
	/** Changes 360dialog's state after the preparation; gets our destination's name. */
	afterPrepare?: (emulator: Emulator, ours: string) => void;
	act: TriggerAct;
	/** `{ours}` stands for the URL-encoded name of the trigger's destination. */
	calls: string[];
}

const MAIN_READ = 'GET /v1/configs/webhook';
const STALE_URL = 'https://old-n8n.example.com/webhook/c0ffee00/webhook';
const NO_MAIN = { phoneNumberWebhook: null, wabaWebhook: null };
const USE_TRIGGER = { mainWebhook: 'useTrigger' };

const triggerScenarios: TriggerScenario[] = [
	{
		// Never enabled: GET answers 409. It cannot hold a foreign destination yet.
		name: 'activate on a fresh number',
		multiWebhook: () => undefined,
		act: 'activate',
		calls: [MAIN_READ, `GET ${MULTI}`, `POST ${MULTI}`],
	},
	{
		name: 'activate with multi-webhook enabled',
		multiWebhook: () => enabledWith(FOREIGN),
		act: 'activate',
		calls: [MAIN_READ, `GET ${MULTI}`, `PUT ${MULTI}`],
	},
	{
		// Ours (our secret) at an old URL: create() updates it with PATCH.
		name: 'activate when ours exists with another URL',
		multiWebhook: () => enabledWith(FOREIGN),
		prepare: 'activate',
		afterPrepare: (emulator, ours) => {
			const { enabled, destinations } = emulator.multiWebhook();
			emulator.setState({
				multiWebhook: {
					enabled,
					destinations: destinations.map((d) => (d.name === ours ? { ...d, url: STALE_URL } : d)),
				},
			});
		},
		act: 'activate',
		calls: [MAIN_READ, `GET ${MULTI}`, `PATCH ${MULTI}`],
	},
	{
		name: 'deactivate',
		multiWebhook: () => enabledWith(FOREIGN),
		prepare: 'activate',
		act: 'deactivate',
		calls: [`DELETE ${MULTI}/{ours}`],
	},
	{
		name: 'activate as the main webhook of a number without one',
		multiWebhook: () => enabledWith(FOREIGN),
		mainWebhooks: NO_MAIN,
		parameters: USE_TRIGGER,
		act: 'activate',
		calls: [MAIN_READ, 'GET /waba_webhook', `POST ${PHONE}`],
	},
	{
		name: 'deactivate as the main webhook',
		multiWebhook: () => enabledWith(FOREIGN),
		mainWebhooks: NO_MAIN,
		parameters: USE_TRIGGER,
		prepare: 'activate',
		act: 'deactivate',
		calls: [MAIN_READ, `POST ${PHONE}`],
	},
];

function newTrigger(emulator: Emulator, scenario: TriggerScenario) {
	return new TriggerHarness({
		credentials: emulatorCredentials(emulator.url, emulator.apiKey),
		parameters: { ...scenario.parameters, options: { apiTimeout: REQUEST_TIMEOUT_SECONDS } },
	});
}

async function act(trigger: TriggerHarness, what: TriggerAct) {
	if (what === 'activate') await trigger.activate();
	else await trigger.deactivate();
}

/** Sets the scenario's starting state (running its preparation) and returns it. */
async function startTrigger(emulator: Emulator, scenario: TriggerScenario) {
	const trigger = newTrigger(emulator, scenario);
	emulator.setState({
		multiWebhook: structuredClone(scenario.multiWebhook()),
		...structuredClone(
			scenario.mainWebhooks ?? { phoneNumberWebhook: PHONE_WEBHOOK, wabaWebhook: WABA_WEBHOOK },
		),
	});
	if (scenario.prepare) {
		await act(trigger, scenario.prepare);
		await emulator.settle();
	}
	scenario.afterPrepare?.(emulator, ourName(trigger));
	emulator.clearRequests();
	return { trigger, start: snapshot(emulator) };
}

const isMain = (scenario: TriggerScenario) => scenario.parameters === USE_TRIGGER;

/** The state once the scenario succeeded: ours in place with the secret we hold, or ours gone. */
function triggerIntended(start: World, scenario: TriggerScenario, trigger: TriggerHarness): World {
	const world = structuredClone(start);
	const name = ourName(trigger);
	const destinations = world.multiWebhook.destinations;
	const url = trigger.webhookUrl('production');
	const headers = { [VERIFICATION_HEADER]: storedSecret(trigger) ?? '(no secret stored)' };
	if (isMain(scenario)) {
		world.phoneNumberWebhook = scenario.act === 'activate' ? { url, headers } : null;
		return world;
	}
	if (scenario.act === 'deactivate') {
		world.multiWebhook.destinations = destinations.filter((d) => d.name !== name);
		return world;
	}
	const ours: Destination = { name, url, headers };
	const index = destinations.findIndex((d) => d.name === name);
	if (index >= 0) destinations[index] = ours;
	else destinations.push(ours);
	world.multiWebhook.enabled = true;
	world.multiWebhook.everEnabled = true;
	return world;
}

/** The state after a failed scenario: the start, less any destination of ours (delete() ran). */
function triggerFailed(start: World, scenario: TriggerScenario, trigger: TriggerHarness): World {
	if (scenario.act === 'deactivate') return start;
	const world = structuredClone(start);
	world.multiWebhook.destinations = world.multiWebhook.destinations.filter(
		(d) => d.name !== ourName(trigger),
	);
	return world;
}

function expectTrigger(
	scenario: TriggerScenario,
	position: CallPosition,
	fault: FaultKindName,
): 'error' | 'success' | 'logged' {
	// The design checks a write whose answer was lost: it counts once ours shows with our secret.
	if (position.isWrite && fault === 'lostAnswer') return 'success';
	// A DELETE of ours left unanswered (not refused): deactivation logs it and notes it for the
	// next activation, since n8n keeps that note only when delete() returns.
	const unanswered = fault === '555' || fault === 'html502' || fault === 'hang';
	const ourDelete = scenario.act === 'deactivate' && position.call.startsWith('DELETE ');
	return ourDelete && unanswered ? 'logged' : 'error';
}

const triggerCleanCases = triggerScenarios.map((scenario) => [scenario.name, scenario] as const);

const triggerFaultCases = faultCasesOf(
	triggerScenarios,
	(scenario) => `trigger ${scenario.name}`,
	(scenario) => scenario.calls,
);

// ---------------------------------------------------------------------------------------------
// The matrix. Concurrent: most cases wait for a 1 s time-out, each on its own emulator.

test('the matrix covers every call position with every fault kind', () => {
	const positions =
		actionVariants.reduce((sum, variant) => sum + variant.calls.length, 0) +
		triggerScenarios.reduce((sum, scenario) => sum + scenario.calls.length, 0);
	const hangs = [...actionFaultCases, ...triggerFaultCases].filter(([, , , f]) => f === 'hang');
	// One hang per call position: each costs the 1 s time-out.
	expect(hangs).toHaveLength(positions);
	expect(actionFaultCases.length + triggerFaultCases.length).toBe(
		[...actionVariants.flatMap((v) => v.calls), ...triggerScenarios.flatMap((s) => s.calls)]
			.map((call) => (call.startsWith('GET ') ? 4 : 5))
			.reduce((a, b) => a + b, 0),
	);
});

test.concurrent.each(actionCleanCases)(
	'action %s without faults makes exactly the calls in the table',
	async (_label, variant) =>
		await pool.use(async (emulator) => {
			const { intended } = startAction(emulator, variant.operation);
			const result = await run(emulator, actionParameters(variant, 2));
			expect(result.error).toBeUndefined();
			// A read-back may repeat if the change has not applied yet (the emulator applies on the
			// next timer tick): the table lists it once.
			const calls = callsOf(emulator);
			const last = variant.calls.length - 1;
			while (
				variant.waiting &&
				calls.length > variant.calls.length &&
				calls.at(-1) === calls[last]
			) {
				calls.pop();
			}
			expect(calls).toEqual(variant.calls);
			await emulator.settle();
			expect(snapshot(emulator)).toEqual(intended);
		}),
);

test.concurrent.each(actionFaultCases)(
	'action %s',
	async (_label, variant, position, fault) =>
		await pool.use(async (emulator) => {
			const { start, intended } = startAction(emulator, variant.operation);
			const expected = expectAction(variant, position, fault);
			emulator.injectFault(faultSpec(position, fault));

			const result = await run(emulator, actionParameters(variant, expected.applyTimeout));
			await emulator.settle();
			const world = snapshot(emulator);

			// The fault struck where the table says: the call at that position is the faulted one.
			expect(callsOf(emulator)[position.index]).toBe(position.call);
			// (b) + (c): the destinations, the foreign one and both main webhooks.
			expect(world).toEqual(expected.world === 'start' ? start : intended);
			if (expected.outcome === 'success') {
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(1);
				return;
			}
			// (a) a clear error, in 360dialog's words, naming the call.
			expect(result.error).toBeDefined();
			expect(result.items).toEqual([]);
			expect(result.error!.message).toMatch(FAULT_KINDS[fault].message(position.call));
			expect(result.error!.description).toEqual(expect.any(String));
			if (expected.description) expect(result.error!.description).toMatch(expected.description);
			expect(JSON.stringify(result.error)).not.toContain(emulator.apiKey);
		}),
);

test.concurrent.each(triggerCleanCases)(
	'trigger %s without faults makes exactly the calls in the table',
	async (_label, scenario) =>
		await pool.use(async (emulator) => {
			const { trigger, start } = await startTrigger(emulator, scenario);
			await act(trigger, scenario.act);
			const encodedName = encodeURIComponent(ourName(trigger));
			expect(callsOf(emulator)).toEqual(
				scenario.calls.map((call) => call.replace('{ours}', encodedName)),
			);
			await emulator.settle();
			expect(snapshot(emulator)).toEqual(triggerIntended(start, scenario, trigger));
		}),
);

test.concurrent.each(triggerFaultCases)(
	'%s',
	async (_label, scenario, position, fault) =>
		await pool.use(async (emulator) => {
			const { trigger, start } = await startTrigger(emulator, scenario);
			const name = ourName(trigger);
			const call = position.call.replace('{ours}', encodeURIComponent(name));
			const at = {
				...position,
				call,
				path: position.path.replace('{ours}', encodeURIComponent(name)),
			};
			emulator.injectFault(faultSpec(at, fault));

			const error = (await act(trigger, scenario.act).then(
				() => undefined,
				(e: unknown) => e,
			)) as (Error & { description?: string }) | undefined;
			await emulator.settle();
			const world = snapshot(emulator);

			expect(callsOf(emulator)[position.index]).toBe(call);
			const expected = expectTrigger(scenario, position, fault);
			if (expected === 'logged') {
				// Not applied, so ours stays; noted as sent without an answer, never as accepted.
				expect(error).toBeUndefined();
				expect(registrations(trigger)[name]).toMatchObject({ active: false });
				expect(registrations(trigger)[name].deletingSince).toEqual(expect.any(Number));
				expect(registrations(trigger)[name].deleteAnswered).toBeUndefined();
				expect(world).toEqual(start);
				return;
			}
			if (expected === 'success') {
				// Checked and accepted: ours in place with the secret we hold, the rest untouched.
				expect(error).toBeUndefined();
				expect(storedSecret(trigger)).toMatch(/^[0-9a-f]{48}$/);
				expect(registrations(trigger)[name].active).toBe(scenario.act === 'activate');
				expect(world).toEqual(triggerIntended(start, scenario, trigger));
				return;
			}
			// (a) a clear error, in 360dialog's words, naming the call.
			expect(error).toBeInstanceOf(Error);
			expect(error!.message).toMatch(FAULT_KINDS[fault].message(call));
			expect(JSON.stringify(error)).not.toContain(emulator.apiKey);
			// (b) + (c): the start. A failed activation leaves no destination of ours: n8n's delete()
			// after it removed what was ours (an activation that failed is not active). A failed
			// deactivation leaves ours in place, for the next try.
			expect(world).toEqual(triggerFailed(start, scenario, trigger));
		}),
);
