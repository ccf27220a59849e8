/**
 * Queue mode under faults, with 360dialog-like deliveries going on: Redis restarted, a worker
 * killed with SIGKILL while executions run, PostgreSQL restarted. Two webhook processors, two
 * workers. Every delivery not answered 200 is delivered again, as 360dialog does, until it is.
 * Each test counts what was sent, answered, emitted, emitted twice and never emitted; the counts
 * go to the README (Scaling out). No event may come out twice.
 */
import { sampleTextNotification } from '../emulator';
import { stopAllN8n, waitFor } from '../harness/n8n';
import { OUTPUT_PATHS, TRIGGER_WORKFLOW_ID } from '../harness/workflows/triggerWorkflow';
import {
	postAsOurDestination,
	startQueueTriggerStack,
	type QueueTriggerStack,
} from './support/queueDelivery';

const EVENTS = 40;
const PACE_MS = 50;
const FAULT_AFTER_MS = 500;
/** 360dialog retries for days, backing off; here a second apart, for at most this long. */
const RETRY_MS = 1000;
const REDELIVER_FOR_MS = 120_000;
/** 360dialog waits 5 s for the 200. */
const ANSWER_WITHIN_MS = 5000;

let running: QueueTriggerStack;

beforeAll(async () => {
	running = await startQueueTriggerStack({ webhookProcessors: 2, workers: 2 });
}, 300_000);

afterAll(async () => {
	await running?.stack.stop();
	await stopAllN8n();
});

const queue = () => running.stack.queue!;

interface Delivery {
	id: string;
	firstStatus: number | null;
	attempts: number;
	answered: boolean;
}

/** As 360dialog delivers: again (through the next processor) until answered 200. */
async function deliverUntilAnswered(index: number, label: string): Promise<Delivery> {
	const event = sampleTextNotification(undefined, `${label} ${index}`);
	const id = event.entry[0].changes[0].value.messages[0].id;
	const body = JSON.stringify(event);
	const processors = queue().webhookProcessors;
	const until = Date.now() + REDELIVER_FOR_MS;
	const statuses: Array<number | null> = [];
	for (;;) {
		const processor = processors[(index + statuses.length) % processors.length];
		const status = await postAsOurDestination(running, processor, body, ANSWER_WITHIN_MS);
		statuses.push(status);
		const answered = status === 200;
		if (answered || Date.now() > until) {
			return { id, firstStatus: statuses[0], attempts: statuses.length, answered };
		}
		await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
	}
}

const emitted = () =>
	(running.stack.sink.bodies(OUTPUT_PATHS.messages) as Array<{ message_id: string }>).map(
		(item) => item.message_id,
	);

/** Waits until no new item came out for 5 s (at most 2 minutes). */
async function settled() {
	let last = -1;
	let stableSince = Date.now();
	await waitFor(
		'the workflow to emit nothing more',
		() => {
			const count = emitted().length;
			if (count !== last) {
				last = count;
				stableSince = Date.now();
			}
			return Date.now() - stableSince > 5000;
		},
		{ timeoutMs: 120_000, intervalMs: 250 },
	);
}

/** How many of the workflow's executions created since then n8n shows in each status. */
async function statusesSince(since: number): Promise<Record<string, number>> {
	const { results } = await running.stack.rest.executions(TRIGGER_WORKFLOW_ID);
	const tally: Record<string, number> = {};
	for (const { status, createdAt } of results) {
		if (Date.parse(createdAt) >= since - 1000) tally[status] = (tally[status] ?? 0) + 1;
	}
	return tally;
}

/** Deliveries at a steady pace, the fault in the middle of them; then the accounting. */
async function underLoad(label: string, fault: () => Promise<void>) {
	const start = Date.now();
	const deliveries = Array.from({ length: EVENTS }, async (_, i) => {
		await new Promise((resolve) => setTimeout(resolve, i * PACE_MS));
		return await deliverUntilAnswered(i, label);
	});
	await new Promise((resolve) => setTimeout(resolve, FAULT_AFTER_MS));
	await fault();
	const done = await Promise.all(deliveries);
	await settled();
	const out = emitted();
	const times = done.map(({ id }) => out.filter((e) => e === id).length);
	const counts = {
		sent: EVENTS,
		answeredFirstTime: done.filter((d) => d.firstStatus === 200).length,
		redelivered: done.filter((d) => d.attempts > 1).length,
		answeredInTheEnd: done.filter((d) => d.answered).length,
		emitted: times.filter((n) => n > 0).length,
		twice: times.filter((n) => n > 1).length,
		answeredButNotEmitted: done.filter((d, i) => d.answered && times[i] === 0).length,
	};
	console.info(
		`${label}: ${JSON.stringify({ ...counts, executions: await statusesSince(start) })}`,
	);
	return counts;
}

test('Redis restarted under load: nothing twice; what was not answered 200 is delivered again', async () => {
	const counts = await underLoad('redis restart', async () => {
		await queue().services.redis.restart();
	});
	expect(counts.twice).toBe(0);
	expect(counts.answeredInTheEnd).toBe(EVENTS);
});

test('a worker killed (SIGKILL) while executions run: nothing twice', async () => {
	const counts = await underLoad('worker killed', async () => {
		queue().workers[0].killNow();
	});
	expect(counts.twice).toBe(0);
	expect(counts.answeredInTheEnd).toBe(EVENTS);
	await queue().restartWorker(0);
});

test('PostgreSQL restarted under load: nothing twice; what was not answered 200 is delivered again', async () => {
	const counts = await underLoad('postgres restart', async () => {
		await queue().services.postgres.restart();
	});
	expect(counts.twice).toBe(0);
	expect(counts.answeredInTheEnd).toBe(EVENTS);
});
