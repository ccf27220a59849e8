import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

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
 * rewrites it: two checks at once would both see a key as new, or lose each other's keys. Checks
 * of one node therefore wait for each other within a process. Several workers of one n8n can
 * still check at once (README: Scaling out).
 */
const pendingChecks = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, check: () => Promise<T>): Promise<T> {
	const previous = pendingChecks.get(key) ?? Promise.resolve();
	const current = previous.then(check, check);
	pendingChecks.set(key, current);
	try {
		return await current;
	} finally {
		if (pendingChecks.get(key) === current) pendingChecks.delete(key);
	}
}

/** Per key: whether it was seen before, in n8n's store or earlier in this same POST. */
async function repeats(
	context: IExecuteFunctions,
	keys: Array<string | undefined>,
): Promise<boolean[]> {
	const known = keys.filter((key): key is string => key !== undefined);
	if (known.length === 0) return keys.map(() => false);
	const { processed } = await oneAtATime(
		`${context.getWorkflow().id}|${context.getNode().id}`,
		async () =>
			await context.helpers.checkProcessedAndRecord([...new Set(known)], 'node', {
				mode: 'entries',
				maxEntries: REMEMBERED_EVENTS,
			}),
	);
	const stored = new Set(processed.map(String));
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
 * database-backed store, so every n8n process shares it and it survives restarts.
 */
export async function dropRedeliveries(
	this: IExecuteFunctions,
	outputs: TriggerOutputs,
): Promise<TriggerOutputs> {
	const items = outputs.flat();
	if (items.length === 0) return outputs;
	const drop = this.getNodeParameter('dropRedeliveries', 0, true) as boolean;
	const repeat = await repeats(
		this,
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
