import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withStoreLock } from './storeLock';
import type { TriggerOutputs } from './types';

/**
 * How many events n8n's store remembers per trigger node: the newest ones win. 360dialog retries
 * a failed delivery for up to 7 days; at 10,000 events that covers a number receiving about 60
 * events an hour, and any busier number's retries within the last 10,000 events.
 */
export const REMEMBERED_EVENTS = 10_000;

/** undefined for content too deeply nested to serialise (JSON.stringify would throw). */
function digest(value: unknown): string | undefined {
	let text: string;
	try {
		text = JSON.stringify(value) ?? '';
	} catch {
		return undefined;
	}
	return createHash('sha256').update(text).digest('base64url');
}

const keyed = (kind: string, content: unknown) => {
	const hash = digest(content);
	return hash === undefined ? undefined : `${kind}:${hash}`;
};

/**
 * What makes an event the same event again: a message by its id, a status by its message id and
 * status value (sent, delivered and read of one message are three events), an error or a body
 * the trigger could not read by its whole content. undefined for an event whose content cannot
 * be serialised: it is never taken for a repeat, as twice is better than lost.
 */
export function eventKey(item: IDataObject): string | undefined {
	const id = typeof item.message_id === 'string' ? item.message_id : undefined;
	switch (item.event) {
		case 'message':
			return id ? `message:${id}` : keyed('message', item.raw);
		case 'status':
			return id && typeof item.status === 'string'
				? `status:${id}:${item.status}`
				: keyed('status', item.raw);
		case 'unrecognized':
			return keyed('unrecognized', item.body);
		default:
			return keyed(String(item.event), item.raw ?? item);
	}
}

/*
 * n8n's store (the one behind the Remove Duplicates node) keeps one list per node and reads and
 * rewrites it whole: two checks at once would both see a key as new, or lose each other's keys,
 * and each check costs a read and a write of the whole list however few keys it carries. So the
 * checks of one node in one process go to the store one call at a time, and the checks that
 * arrive while a call is under way wait and then go together in the next call (a worker runs
 * many executions at once). Across processes (several workers, webhook processors in queue
 * mode), each call holds a lock in n8n's database (storeLock.ts).
 */
interface WaitingCheck {
	context: IExecuteFunctions;
	keys: string[];
	resolve: (repeated: Set<string>) => void;
	reject: (error: unknown) => void;
}

interface NodeChecks {
	calling: boolean;
	waiting: WaitingCheck[];
}

const checksByNode = new Map<string, NodeChecks>();

/** Calls n8n's store for the waiting checks, all of them per call, until none wait. */
async function callStore(node: string, checks: NodeChecks): Promise<void> {
	checks.calling = true;
	while (checks.waiting.length > 0) {
		const batch = checks.waiting.splice(0);
		try {
			const keys = [...new Set(batch.flatMap((check) => check.keys))];
			const context = batch[0].context;
			const { processed } = await withStoreLock(
				context,
				async () =>
					await context.helpers.checkProcessedAndRecord(keys, 'node', {
						mode: 'entries',
						maxEntries: REMEMBERED_EVENTS,
					}),
			);
			const stored = new Set(processed.map(String));
			// Within one call, the check that came first sees a key first; later ones repeat it.
			const claimed = new Set<string>();
			for (const check of batch) {
				check.resolve(new Set(check.keys.filter((key) => stored.has(key) || claimed.has(key))));
				for (const key of check.keys) claimed.add(key);
			}
		} catch (error) {
			for (const check of batch) check.reject(error);
		}
	}
	checks.calling = false;
	checksByNode.delete(node);
}

/** The keys n8n's store (or an earlier check of the same call) had seen; records the rest. */
async function seenBefore(context: IExecuteFunctions, keys: string[]): Promise<Set<string>> {
	// One store per n8n instance: its database. The instance id keeps apart instances that share
	// a process (the tests' stand-ins for several n8n instances).
	const node = `${context.getInstanceId()}|${context.getWorkflow().id}|${context.getNode().id}`;
	const checks = checksByNode.get(node) ?? { calling: false, waiting: [] };
	checksByNode.set(node, checks);
	return await new Promise((resolve, reject) => {
		checks.waiting.push({ context, keys, resolve, reject });
		if (!checks.calling) void callStore(node, checks);
	});
}

/** Per key: whether it was seen before, in n8n's store or earlier in this same POST. */
async function repeats(
	context: IExecuteFunctions,
	keys: Array<string | undefined>,
): Promise<boolean[]> {
	const known = [...new Set(keys.filter((key): key is string => key !== undefined))];
	if (known.length === 0) return keys.map(() => false);
	const stored = await seenBefore(context, known);
	const earlier = new Set<string>();
	return keys.map((key) => {
		if (key === undefined) return false;
		const repeat = stored.has(key) || earlier.has(key);
		earlier.add(key);
		return repeat;
	});
}

/**
 * 360dialog delivers at least once (it retries failed deliveries for days) and Meta now and then
 * sends a notification twice. With Drop Redeliveries on (the default) an event already emitted
 * is not emitted again; off, it is emitted with `redelivery: true`. The memory is n8n's own
 * database-backed store, so every n8n process shares it and it survives restarts. Test events
 * pass untouched and are not remembered.
 */
export async function dropRedeliveries(
	context: IExecuteFunctions,
	outputs: TriggerOutputs,
): Promise<TriggerOutputs> {
	const items = outputs.flat();
	// A test event ("Listen for test event", n8n's manual mode) shares the node's memory with
	// production: remembered, it would make the active workflow drop the same event as a repeat;
	// dropped, the builder would test with nothing. It is neither.
	if (items.length === 0 || context.getMode() === 'manual') return outputs;
	const drop = context.getNodeParameter('dropRedeliveries', 0, true) as boolean;
	const repeat = await repeats(
		context,
		items.map(({ json }) => eventKey(json)),
	);
	const isRepeat = new Map(items.map((item, index) => [item, repeat[index]]));
	return outputs.map((output) =>
		drop
			? output.filter((item) => !isRepeat.get(item))
			: output.map((item) =>
					isRepeat.get(item) ? { ...item, json: { ...item.json, redelivery: true } } : item,
				),
	);
}
