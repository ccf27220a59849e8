import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator, type FaultSpec, type StateInput } from '../../emulator';
import { destination, destinationRows, run } from '../actions/helpers';
import { FAULT_KINDS } from './faultKinds';

/**
 * Every API call of every action-node operation, failed in every way 360dialog (or a proxy in
 * front of it) fails: the node must end with a clear error or, where a lost answer can be checked,
 * with the change applied; never with anything else changed.
 */

const crm = destination('crm');
const analytics = destination('Analytics');
const phoneWebhook = {
	url: 'https://main.example.com/wa',
	headers: { Authorization: 'Bearer main' },
};
const wabaWebhook = { url: 'https://waba.example.com/wa' };
const enabled: StateInput = {
	multiWebhook: { enabled: true, destinations: [crm, analytics] },
	phoneNumberWebhook: phoneWebhook,
	wabaWebhook,
};
const disabled: StateInput = { ...enabled, multiWebhook: { enabled: false, destinations: [crm] } };
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

interface Operation {
	name: string;
	start: StateInput;
	parameters: INodeParameters;
}

const operations: Operation[] = [
	{
		name: 'multi-webhook get',
		start: enabled,
		parameters: { resource: 'multiWebhook', operation: 'get' },
	},
	{
		name: 'enable',
		start: disabled,
		parameters: { resource: 'multiWebhook', operation: 'enable' },
	},
	{
		name: 'enable with destinations',
		start: disabled,
		parameters: {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows([destination('erp')]),
		},
	},
	{
		name: 'disable',
		start: enabled,
		parameters: { resource: 'multiWebhook', operation: 'disable' },
	},
	{
		name: 'add destinations',
		start: enabled,
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([destination('erp')]),
		},
	},
	{
		name: 'update destination',
		start: enabled,
		parameters: {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: byName('crm'),
			url: 'https://crm-v2.example.com/hook',
		},
	},
	{
		name: 'delete destination',
		start: enabled,
		parameters: {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: byName('Analytics'),
		},
	},
	{
		name: 'phone-number webhook get',
		start: enabled,
		parameters: { resource: 'phoneNumberWebhook', operation: 'get' },
	},
	{
		name: 'phone-number webhook set',
		start: enabled,
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://new-main.example.com/wa',
		},
	},
	{
		name: 'WABA webhook get',
		start: enabled,
		parameters: { resource: 'wabaWebhook', operation: 'get' },
	},
	{
		name: 'WABA webhook set',
		start: enabled,
		parameters: {
			resource: 'wabaWebhook',
			operation: 'set',
			url: 'https://new-waba.example.com/wa',
		},
	},
];

const faults = FAULT_KINDS;

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());

async function runOperation(operation: Operation, waitUntilApplied: boolean, fault?: FaultSpec) {
	emulator.reset();
	emulator.setState(operation.start);
	if (fault) emulator.injectFault(fault);
	const result = await run(emulator, {
		...operation.parameters,
		waitUntilApplied,
		options: { requestTimeout: 1, applyTimeout: 1 },
	});
	await emulator.settle();
	const state = {
		multiWebhook: emulator.multiWebhook(),
		phoneNumberWebhook: emulator.phoneNumberWebhook(),
		wabaWebhook: emulator.wabaWebhook(),
	};
	return {
		result,
		state,
		calls: emulator.requests.map((r) => ({ method: r.method, path: r.path })),
	};
}

describe.each(operations)('$name', (operation) => {
	test.each([true, false])(
		'every call, every fault (Wait Until Applied %s)',
		async (waitUntilApplied) => {
			const before = await runOperation(operation, waitUntilApplied);
			// Untouched: the state the operation starts from, read back through a run that changes nothing.
			emulator.reset();
			emulator.setState(operation.start);
			const untouched = {
				multiWebhook: emulator.multiWebhook(),
				phoneNumberWebhook: emulator.phoneNumberWebhook(),
				wabaWebhook: emulator.wabaWebhook(),
			};
			expect(before.result.error).toBeUndefined();
			const intended = before.state;

			// Each position in the call sequence, counted per method and path, gets each fault.
			const seen = new Map<string, number>();
			for (const call of before.calls) {
				const key = `${call.method} ${call.path}`;
				const after = seen.get(key) ?? 0;
				seen.set(key, after + 1);
				const isWrite = call.method !== 'GET';
				for (const fault of faults) {
					if (fault.writesOnly && !isWrite) continue;
					const where = `${operation.name}: ${fault.kind} on call ${key} #${after + 1}`;
					const { result, state } = await runOperation(operation, waitUntilApplied, {
						path: call.path,
						method: call.method,
						after,
						...fault.spec,
					});
					// Never anything but the start or the intended change.
					expect([
						where,
						[untouched, intended].some((s) => JSON.stringify(s) === JSON.stringify(state)),
					]).toEqual([where, true]);
					if (result.error) {
						expect([where, result.error.message]).toEqual([
							where,
							expect.stringMatching(fault.message),
						]);
						expect(JSON.stringify(result.error)).not.toContain(emulator.apiKey);
					} else {
						// Success only where the design checks: a lost answer, or a read retried while waiting.
						expect([where, JSON.stringify(state)]).toEqual([where, JSON.stringify(intended)]);
					}
					if (isWrite && !fault.spec.apply) {
						// A write that failed before reaching 360dialog's state changed nothing.
						expect([where, JSON.stringify(state)]).toEqual([where, JSON.stringify(untouched)]);
					}
					if (isWrite && fault.spec.apply && waitUntilApplied) {
						expect([where, result.error]).toEqual([where, undefined]);
					}
				}
			}
		},
		120_000,
	);
});
