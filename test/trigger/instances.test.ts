/**
 * Destinations are named per n8n instance: the same exported workflow (same workflow, node and
 * webhook ids) on two n8n instances gets two destinations.
 */
import { startEmulator, type Emulator } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import textNotification from '../fixtures/payloads/cloud/text.json';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import { calls, ourName, ours, VALIDATION_MODES } from './lifecycleHelpers';

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
});
