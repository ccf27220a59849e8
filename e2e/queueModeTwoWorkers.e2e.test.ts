/**
 * Drop Redeliveries with two workers: the same event delivered 4 times at the same moment, twice
 * through each webhook processor, so that both workers check it at once. n8n's processed-items
 * store reads and rewrites one list without a lock; the trigger serialises its checks across
 * processes (README: Redeliveries), so each event is emitted exactly once.
 */
import { readFile } from 'node:fs/promises';
import { sampleTextNotification } from '../emulator';
import { stopAllN8n, waitFor } from '../harness/n8n';
import { OUTPUT_PATHS, TRIGGER_WORKFLOW_ID } from '../harness/workflows/triggerWorkflow';
import { settledExecutionCount } from './support/executions';
import {
	postAsOurDestination,
	startQueueTriggerStack,
	type QueueTriggerStack,
} from './support/queueDelivery';

const EVENTS = 30;
const DELIVERIES_PER_EVENT = 4;
const ROUNDS = 3;

let running: QueueTriggerStack;

beforeAll(async () => {
	running = await startQueueTriggerStack({ webhookProcessors: 2, workers: 2 });
}, 300_000);

afterAll(async () => {
	await running?.stack.stop();
	await stopAllN8n();
});

const emittedIds = () =>
	(running.stack.sink.bodies(OUTPUT_PATHS.messages) as Array<{ message_id: string }>).map(
		(item) => item.message_id,
	);

/** Each event 4 times at once, 2 to each processor; then per event how often it was emitted. */
async function round(label: string) {
	const executionsBefore = (await running.stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
	const events = Array.from({ length: EVENTS }, (_, i) =>
		sampleTextNotification(undefined, `${label} event ${i}`),
	);
	const processors = running.stack.queue!.webhookProcessors;
	const statuses = await Promise.all(
		events.flatMap((event) => {
			const body = JSON.stringify(event);
			return Array.from({ length: DELIVERIES_PER_EVENT }, (_, i) =>
				postAsOurDestination(running, processors[i % processors.length], body),
			);
		}),
	);
	const answered = statuses.filter((status) => status === 200).length;
	await waitFor(
		'every delivery to have run',
		async () =>
			(await settledExecutionCount(running.stack.rest, TRIGGER_WORKFLOW_ID)) ===
			executionsBefore + answered,
		{ timeoutMs: 120_000 },
	);
	const ids = events.map((event) => event.entry[0].changes[0].value.messages[0].id);
	const emitted = emittedIds();
	const times = ids.map((id) => emitted.filter((e) => e === id).length);
	const counts = {
		sent: events.length * DELIVERIES_PER_EVENT,
		answered,
		emitted: times.reduce((a, b) => a + b, 0),
		twice: times.filter((n) => n > 1).length,
		lost: times.filter((n) => n === 0).length,
	};
	console.info(`${label}: ${JSON.stringify(counts)}`);
	return counts;
}

test.each(Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1}`))(
	'%s: 30 events, each delivered 4 times at once through both processors, each emitted exactly once',
	async (label) => {
		const counts = await round(label);
		expect(counts.answered).toBe(EVENTS * DELIVERIES_PER_EVENT);
		expect({ twice: counts.twice, lost: counts.lost }).toEqual({ twice: 0, lost: 0 });
		expect(counts.emitted).toBe(EVENTS);
	},
);

test('both workers ran executions', async () => {
	for (const worker of running.stack.queue!.workers) {
		expect(await readFile(worker.logFile, 'utf8')).toMatch(/execution \d+/);
	}
});
