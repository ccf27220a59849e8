/**
 * The lock around Drop Redeliveries' store calls, across processes: several callers, each as a
 * separate n8n process would call (no shared memory but the store), never work at the same time,
 * and each gets its turn. The store is processedItems.ts, which reads and writes with a database's
 * round trip between, and fails the second of two INSERTs of one row, as n8n's does. The proof in
 * a real queue-mode n8n is e2e/queueModeTwoWorkers.e2e.test.ts.
 */
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedOptions,
	IExecuteFunctions,
	INode,
} from 'n8n-workflow';
import { setTimeout as sleep } from 'node:timers/promises';

import { withStoreLock } from '../../nodes/Dialog360Trigger/afterReceipt/storeLock';
import { newDatabase, processedItemsStore, useDatabase } from '../harness/processedItems';

const node = { id: 'trigger-node', name: '360dialog Trigger' } as INode;

/** What an n8n process's execute context hands the trigger: the store's calls for its workflow. */
function processOf(workflow: { id: string }, warnings: string[]): IExecuteFunctions {
	const store = processedItemsStore();
	const contextData = { workflow, node } as never;
	return {
		getNode: () => node,
		logger: { warn: (message: string) => warnings.push(message) },
		helpers: {
			checkProcessedAndRecord: async (
				items: DeduplicationItemTypes[],
				scope: DeduplicationScope,
				options: ICheckProcessedOptions,
			) => await store.checkProcessedAndRecord(items, scope, contextData, options),
			clearAllProcessedItems: async (scope: DeduplicationScope) =>
				await store.clearAllProcessedItems(scope, contextData),
		},
	} as unknown as IExecuteFunctions;
}

test('callers of several processes at once take turns: never two inside, each once', async () => {
	const workflow = { id: 'wfLock01' };
	useDatabase(workflow, newDatabase());
	const warnings: string[] = [];
	let inside = 0;
	let mostInside = 0;
	const turns: number[] = [];
	await Promise.all(
		Array.from({ length: 8 }, async (_, caller) => {
			await withStoreLock(processOf(workflow, warnings), async () => {
				inside += 1;
				mostInside = Math.max(mostInside, inside);
				await sleep(10); // a store call's read and write
				turns.push(caller);
				inside -= 1;
			});
		}),
	);
	expect(mostInside).toBe(1);
	expect(turns.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	expect(warnings).toEqual([]);
});

test('a failing store call frees the lock for the next caller', async () => {
	const workflow = { id: 'wfLock02' };
	useDatabase(workflow, newDatabase());
	const context = processOf(workflow, []);
	await expect(
		withStoreLock(context, async () => {
			throw new Error('the database went away');
		}),
	).rejects.toThrow('the database went away');
	await expect(withStoreLock(context, async () => 'next')).resolves.toBe('next');
});

test('a lock left by a process that died holding it is freed after a while, with a warning', async () => {
	const workflow = { id: 'wfLock03' };
	useDatabase(workflow, newDatabase());
	// A holder that never comes back, as a worker killed inside its store call.
	let taken: () => void;
	const holding = new Promise<void>((resolve) => (taken = resolve));
	void withStoreLock(processOf(workflow, []), async () => {
		taken();
		await new Promise(() => {});
	});
	await holding;
	const warnings: string[] = [];
	await expect(withStoreLock(processOf(workflow, warnings), async () => 'went on')).resolves.toBe(
		'went on',
	);
	expect(warnings).toEqual([expect.stringMatching(/freeing the Drop Redeliveries lock/)]);
}, 20_000);
