import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

import { uniqueTextMessage } from '../notifications';
import type { Target } from '../workflows';

/**
 * The soak's open-loop load: `rate` notifications a second whatever the answers, one in
 * REDELIVERY_EVERY a recent body again, and what was sent and answered, for the samples and the
 * report.
 */

/** Open loop, but not unbounded: a stalled n8n must not pile up sockets in the client. */
export const MAX_IN_FLIGHT = 32;
/** Every tenth delivery repeats a body, as 360dialog redelivers one it got no 200 for in time. */
export const REDELIVERY_EVERY = 10;
/** Redeliveries repeat one of the newest answered bodies: retries come minutes, not days, later. */
export const RECENT_BODIES = 100;
const TICK_MS = 20;

interface Delivery {
	id: string;
	body: string;
}

export interface LoadState {
	sent: number;
	answered: number;
	failed: number;
	/** Ticks that found MAX_IN_FLIGHT requests unanswered: not sent. */
	skipped: number;
	redeliveriesSent: number;
	/** Each new message id sent, and whether it was answered 200. */
	originals: Map<string, boolean>;
	/** Message ids sent again. */
	redelivered: Set<string>;
	/** The newest answered new bodies, oldest first: what a redelivery repeats. */
	recent: Delivery[];
	inFlight: Set<Promise<void>>;
	next: number;
}

export const newLoadState = (): LoadState => ({
	sent: 0,
	answered: 0,
	failed: 0,
	skipped: 0,
	redeliveriesSent: 0,
	originals: new Map(),
	redelivered: new Set(),
	recent: [],
	inFlight: new Set(),
	next: 0,
});

const messageIdOf = (body: string): string =>
	(JSON.parse(body) as { entry: Array<{ changes: Array<{ value: { messages: Delivery[] } }> }> })
		.entry[0].changes[0].value.messages[0].id;

/** One undici pool per webhook processor, taken in turn as a load balancer would. */
export function createSender(target: Target) {
	const endpoints = target.urls.map((url) => {
		const { origin, pathname } = new URL(url);
		return { pathname, pool: new Pool(origin, { connections: MAX_IN_FLIGHT, pipelining: 1 }) };
	});
	let turn = 0;
	return {
		/** True when n8n answered 200. */
		send: async (body: string): Promise<boolean> => {
			const { pool, pathname } = endpoints[turn++ % endpoints.length];
			try {
				const response = await pool.request({
					method: 'POST',
					path: pathname,
					headers: target.headers,
					body,
					headersTimeout: 30_000,
					bodyTimeout: 30_000,
				});
				await response.body.dump();
				return response.statusCode === 200;
			} catch {
				return false;
			}
		},
		close: async () => {
			await Promise.all(endpoints.map(async ({ pool }) => await pool.close()));
		},
	};
}

type Sender = ReturnType<typeof createSender>;

/** The nth delivery: a new message, or every REDELIVERY_EVERY-th a recent body again. */
function nextDelivery(load: LoadState, n: number): { delivery: Delivery; redelivery: boolean } {
	if ((n + 1) % REDELIVERY_EVERY === 0 && load.recent.length > 0) {
		const delivery = load.recent[Math.floor(Math.random() * load.recent.length)];
		return { delivery, redelivery: true };
	}
	const body = uniqueTextMessage(++load.next);
	return { delivery: { id: messageIdOf(body), body }, redelivery: false };
}

/** Sends without waiting for the answer (open loop); skips when MAX_IN_FLIGHT are unanswered. */
function deliver(load: LoadState, sender: Sender, n: number): void {
	if (load.inFlight.size >= MAX_IN_FLIGHT) {
		load.skipped++;
		return;
	}
	const { delivery, redelivery } = nextDelivery(load, n);
	load.sent++;
	if (redelivery) {
		load.redeliveriesSent++;
		load.redelivered.add(delivery.id);
	} else {
		load.originals.set(delivery.id, false);
	}
	const request = sender.send(delivery.body).then((ok) => {
		if (!ok) {
			load.failed++;
			return;
		}
		load.answered++;
		if (redelivery) return;
		load.originals.set(delivery.id, true);
		load.recent.push(delivery);
		if (load.recent.length > RECENT_BODIES) load.recent.shift();
	});
	load.inFlight.add(request);
	void request.finally(() => load.inFlight.delete(request));
}

/**
 * `rate` deliveries a second until `until`, each due one sent on the next tick whatever the
 * answers (a late tick catches up), then waits for the answers still out.
 */
export async function runLoad(
	load: LoadState,
	sender: Sender,
	timing: { started: number; until: number; rate: number },
	signal: AbortSignal,
): Promise<void> {
	let issued = 0;
	while (Date.now() < timing.until && !signal.aborted) {
		const due = Math.floor(((Date.now() - timing.started) / 1000) * timing.rate);
		for (; issued < due; issued++) deliver(load, sender, issued);
		await sleep(TICK_MS);
	}
	await Promise.all(load.inFlight);
}
