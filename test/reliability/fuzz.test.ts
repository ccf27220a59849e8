import { request } from 'undici';

import { startEmulator, type Emulator } from '../../emulator';
import { VERIFICATION_HEADER } from '../../nodes/Dialog360Trigger/registration/identity';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import { MAIN_WEBHOOK, storedSecret } from '../trigger/lifecycleHelpers';
import { badBodies } from './badBodies';

let emulator: Emulator;
let trigger: TriggerHarness;
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);

beforeAll(async () => {
	process.on('unhandledRejection', onCrash);
	process.on('uncaughtException', onCrash);
	emulator = await startEmulator({ apiKey: testApiKey('fuzz') });
	emulator.setState({ phoneNumberWebhook: MAIN_WEBHOOK });
	trigger = new TriggerHarness({
		credentials: emulatorCredentials(emulator.url, emulator.apiKey),
		// The generated bodies repeat now and then (the same scalar twice); the parser, not Drop
		// Redeliveries, is under test: off, every delivery comes out, a repeat marked as one.
		parameters: { dropRedeliveries: false },
	});
	await trigger.listen();
	await trigger.activate();
});

afterAll(async () => {
	process.off('unhandledRejection', onCrash);
	process.off('uncaughtException', onCrash);
	await trigger.close();
	await emulator.close();
});

async function post(body: string, contentType: string, secret?: string) {
	const response = await request(trigger.localWebhookUrl(), {
		method: 'POST',
		headers: { 'content-type': contentType, ...(secret ? { [VERIFICATION_HEADER]: secret } : {}) },
		body,
	});
	await response.body.text();
	return response.statusCode;
}

const bodies = badBodies(1200);

/** A notification shape (an envelope, or On-Premise's lists) that happens to carry no events. */
function isEmptyNotification(body: unknown): boolean {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
	return ['entry', 'messages', 'statuses', 'errors', 'contacts'].some((key) =>
		Array.isArray((body as Record<string, unknown>)[key]),
	);
}

test('the generator covers every kind of bad body, over 1000 in all', () => {
	const kinds = new Set(bodies.map((b) => b.kind));
	expect([...kinds].sort()).toEqual(
		[
			'JSON scalars',
			'deep nesting',
			'huge arrays',
			'missing fields',
			'not JSON',
			'odd unicode',
			'truncated JSON',
			'wrong types',
		].sort(),
	);
	expect(bodies.length).toBeGreaterThanOrEqual(1000);
});

test('authenticated garbage never crashes the trigger and is answered as its contract says', async () => {
	const secret = storedSecret(trigger)!;
	const statuses = new Map<string, Set<number>>();
	for (const [index, { kind, contentType, body }] of bodies.entries()) {
		const executionsBefore = trigger.executions.length;
		const status = await post(body, contentType, secret);
		// n8n runs the execution after the answer: wait for it before counting.
		await trigger.idle();
		let parsed: unknown;
		let isJson = true;
		try {
			parsed = JSON.parse(body);
		} catch {
			isJson = false;
		}
		const context = `body #${index} (${kind})`;
		if (isJson) {
			// JSON is never dropped: 200, and whatever it held comes out (unrecognised ones on Errors).
			// Only a well-formed notification whose lists are all empty has nothing to emit.
			expect([context, status]).toEqual([context, 200]);
			const executed = trigger.executions.length === executionsBefore + 1;
			if (executed) {
				expect([context, trigger.executions[executionsBefore].outputs.flat().length > 0]).toEqual([
					context,
					true,
				]);
			} else {
				expect([context, trigger.executions.length, isEmptyNotification(parsed)]).toEqual([
					context,
					executionsBefore,
					true,
				]);
			}
		} else {
			// Not JSON: n8n's own parser answers 422 for a broken JSON body; the trigger answers 400.
			expect([
				context,
				status === 400 || (status === 422 && contentType === 'application/json'),
			]).toEqual([context, true]);
			expect([context, trigger.executions.length]).toEqual([context, executionsBefore]);
		}
		statuses.set(kind, (statuses.get(kind) ?? new Set()).add(status));
	}
	expect(crashes).toEqual([]);
	expect(statuses.get('not JSON')).toEqual(new Set([400]));
});

test('no unauthenticated request starts an execution, whatever its body', async () => {
	const executionsBefore = trigger.executions.length;
	for (const [index, { contentType, body }] of bodies.entries()) {
		const secret =
			index % 3 === 0
				? undefined
				: index % 3 === 1
					? 'f'.repeat(48)
					: storedSecret(trigger)!.slice(1);
		const status = await post(body, contentType, secret);
		// A broken JSON body is refused by n8n's parser (422) before the node sees it; all else is 401.
		expect([index, status === 401 || status === 422]).toEqual([index, true]);
	}
	await trigger.idle();
	expect(trigger.executions.length).toBe(executionsBefore);
	expect(crashes).toEqual([]);
});
