/**
 * Destinations are named per n8n instance: the same exported workflow (same workflow, node and
 * webhook ids) on two n8n instances gets two destinations. And a destination registered by
 * version 0.1.0 of this package, under its old name, keeps working and is removed on deactivation.
 */
import { startEmulator, type Emulator } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import textNotification from '../fixtures/payloads/cloud/text.json';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import {
	calls,
	legacyName,
	MAIN_READ,
	ourName,
	ours,
	registrations,
	VALIDATION_MODES,
	VERIFICATION_HEADER,
	writes,
} from './lifecycleHelpers';

let emulator: Emulator | undefined;
let sink: Sink;
const triggers: TriggerHarness[] = [];

beforeAll(async () => {
	sink = await startSink();
});
afterAll(async () => await sink.close());
afterEach(async () => {
	for (const trigger of triggers.splice(0)) await trigger.close();
	await emulator?.close();
	emulator = undefined;
});

/** One n8n instance with the workflow: its own instance id and its own public host. */
function instance(instanceId: string, host: string) {
	const trigger = new TriggerHarness({
		credentials: emulatorCredentials('', ''),
		instanceId,
		webhookBaseUrl: `https://${host}/`,
		parameters: { options: { apiTimeout: 2 } },
	});
	triggers.push(trigger);
	return trigger;
}

async function startNumber(
	validateAgainst: 'projected' | 'applied',
	hosts: Record<string, TriggerHarness>,
) {
	const hostMap: Record<string, number> = {};
	for (const [host, trigger] of Object.entries(hosts)) hostMap[host] = await trigger.listen();
	const started = await startEmulator({
		apiKey: testApiKey('instances'),
		hostMap,
		validateAgainst,
	});
	for (const trigger of Object.values(hosts)) {
		trigger.setCredentials(emulatorCredentials(started.url, started.apiKey));
	}
	started.setState({ phoneNumberWebhook: { url: `http://127.0.0.1:${sink.port}/main` } });
	emulator = started;
	return started;
}

const LEGACY_SECRET = 'a'.repeat(48);

/** The static data version 0.1.0 left for a registration under its old name. */
function seedLegacy(trigger: TriggerHarness, url = trigger.webhookUrl('production')) {
	trigger.seedStaticData({
		[`node:${trigger.node.name}`]: {
			registrations: { [legacyName(trigger)]: { secret: LEGACY_SECRET, url } },
		},
	});
}

const legacyDestination = (trigger: TriggerHarness, url = trigger.webhookUrl('production')) => ({
	name: legacyName(trigger),
	url,
	headers: { [VERIFICATION_HEADER]: LEGACY_SECRET },
});

describe.each(VALIDATION_MODES)('writes checked against the %s state', (validateAgainst) => {
	test('two n8n instances with the same exported workflow get two destinations, and both receive', async () => {
		const a = instance('instance-a', 'n8n-a.test');
		const b = instance('instance-b', 'n8n-b.test');
		const number = await startNumber(validateAgainst, { 'n8n-a.test': a, 'n8n-b.test': b });
		expect([a.workflowId, a.node.id, a.node.webhookId]).toEqual([
			b.workflowId,
			b.node.id,
			b.node.webhookId,
		]);
		expect(ourName(a)).not.toBe(ourName(b));

		await a.activate();
		await number.settle();
		await b.activate();
		await number.settle();
		expect(number.multiWebhook().destinations.map((d) => [d.name, d.url])).toEqual([
			[ourName(a), a.webhookUrl('production')],
			[ourName(b), b.webhookUrl('production')],
		]);
		await number.deliver(textNotification);
		await Promise.all([a.idle(), b.idle()]);
		expect([a.executions.length, b.executions.length]).toEqual([1, 1]);

		// Each one's activation and deactivation leaves the other's destination alone.
		await a.activate();
		number.clearRequests();
		await a.deactivate();
		expect(calls(number)).toEqual([`DELETE /multi_webhook/${encodeURIComponent(ourName(a))}`]);
		await number.settle();
		expect(ours(number, b)?.url).toBe(b.webhookUrl('production'));
		await number.deliver(textNotification);
		await Promise.all([a.idle(), b.idle()]);
		expect([a.executions.length, b.executions.length]).toEqual([1, 2]);
	});

	describe('a destination registered by version 0.1.0 under its old name', () => {
		test('is ours by its stored secret: kept as it is, received from, and removed on deactivation', async () => {
			const trigger = instance('instance-a', 'n8n.test');
			seedLegacy(trigger);
			const number = await startNumber(validateAgainst, { 'n8n.test': trigger });
			number.setState({
				multiWebhook: { enabled: true, destinations: [legacyDestination(trigger)] },
			});

			expect(await trigger.activate()).toBe('existed');
			expect(calls(number)).toEqual([MAIN_READ, 'GET /multi_webhook']);
			await number.deliver(textNotification);
			await trigger.idle();
			expect(trigger.executions).toHaveLength(1);

			number.clearRequests();
			await trigger.deactivate();
			expect(calls(number)).toEqual([
				`DELETE /multi_webhook/${encodeURIComponent(legacyName(trigger))}`,
			]);
			await number.settle();
			expect(number.multiWebhook().destinations).toEqual([]);

			// The next activation registers under the instance-unique name.
			await trigger.activate();
			await number.settle();
			expect(number.multiWebhook().destinations.map((d) => d.name)).toEqual([ourName(trigger)]);
		});

		test('at another host (N8N_WEBHOOK_URL moved, or another n8n) it is left alone and ours is added', async () => {
			// Its stored URL has another host: it may be this n8n's before the move, or the
			// destination of another n8n whose static data came along with an exported workflow.
			// Only the second can still be receiving, so it is never touched.
			const trigger = instance('instance-a', 'n8n.test');
			const oldUrl = trigger.webhookUrl('production').replace('n8n.test', 'old-tunnel.example.com');
			seedLegacy(trigger, oldUrl);
			const number = await startNumber(validateAgainst, { 'n8n.test': trigger });
			const old = legacyDestination(trigger, oldUrl);
			number.setState({ multiWebhook: { enabled: true, destinations: [old] } });
			await trigger.activate();
			expect(writes(number)).toEqual(['PUT /multi_webhook']);
			await number.settle();
			expect(number.multiWebhook().destinations.map((d) => d.name)).toEqual([
				legacyName(trigger),
				ourName(trigger),
			]);
			expect(number.multiWebhook().destinations[0]).toEqual(old);
		});

		test('next to ours under the new name, the old one is removed so nothing arrives twice', async () => {
			const trigger = instance('instance-a', 'n8n.test');
			const number = await startNumber(validateAgainst, { 'n8n.test': trigger });
			await trigger.activate();
			await number.settle();
			const data = trigger.staticData;
			const node = data[`node:${trigger.node.name}`] as { registrations: object };
			node.registrations = {
				...node.registrations,
				[legacyName(trigger)]: { secret: LEGACY_SECRET, url: trigger.webhookUrl('production') },
			};
			trigger.seedStaticData(data);
			number.setState({
				multiWebhook: {
					enabled: true,
					destinations: [...number.multiWebhook().destinations, legacyDestination(trigger)],
				},
			});
			number.clearRequests();
			await trigger.activate();
			expect(writes(number)).toEqual([
				`DELETE /multi_webhook/${encodeURIComponent(legacyName(trigger))}`,
			]);
			await number.settle();
			expect(number.multiWebhook().destinations.map((d) => d.name)).toEqual([ourName(trigger)]);
		});

		test('registered by another n8n (its static data came along with the workflow) is never touched', async () => {
			const trigger = instance('instance-b', 'n8n-b.test');
			const otherUrl = 'https://n8n-a.test/webhook/c0ffee00-1234-4abc-8def-000000000360/webhook';
			seedLegacy(trigger, otherUrl);
			const number = await startNumber(validateAgainst, { 'n8n-b.test': trigger });
			const theirs = legacyDestination(trigger, otherUrl);
			number.setState({ multiWebhook: { enabled: true, destinations: [theirs] } });

			await trigger.activate();
			expect(writes(number)).toEqual(['PUT /multi_webhook']);
			await trigger.deactivate();
			expect(writes(number)).toEqual([
				'PUT /multi_webhook',
				`DELETE /multi_webhook/${encodeURIComponent(ourName(trigger))}`,
			]);
			await number.settle();
			expect(number.multiWebhook().destinations).toEqual([theirs]);
			expect(registrations(trigger)[legacyName(trigger)]).toEqual({
				secret: LEGACY_SECRET,
				url: otherUrl,
			});
		});
	});
});
