import type { IDataObject } from 'n8n-workflow';

import { sampleTextNotification, startEmulator, type Emulator } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import { emulatorCredentials } from '../harness/additionalData';
import { runAction } from '../harness/runAction';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import { CUSTOMER } from './helpers';
import { PUBLIC_HOST } from '../../harness/publicHost';

/**
 * The whole loop inside n8n-core: a message delivered through the emulator reaches the trigger,
 * the action node answers it with buttons from the trigger's item and marks it as read, and the
 * answer's statuses come back through the same fan-out to the trigger's Statuses output.
 */

let emulator: Emulator;
let trigger: TriggerHarness;
let mainWebhook: Sink;

beforeAll(async () => {
	mainWebhook = await startSink();
	trigger = new TriggerHarness({ credentials: { apiKey: '', hosting: 'custom', baseUrl: '' } });
	const port = await trigger.listen();
	emulator = await startEmulator({
		apiKey: testApiKey('reply-loop'),
		hostMap: { [PUBLIC_HOST]: port },
	});
	trigger.setCredentials(emulatorCredentials(emulator.url, emulator.apiKey));
	// 360dialog copies notifications to the trigger only after the main webhook answered 200.
	emulator.setState({ phoneNumberWebhook: { url: `http://127.0.0.1:${mainWebhook.port}/main` } });
	await trigger.activate();
	await emulator.settle();
});

afterAll(async () => {
	await trigger.close();
	await emulator.close();
	await mainWebhook.close();
});

const action = (parameters: IDataObject, input: IDataObject[]) =>
	runAction({
		parameters: { resource: 'message', ...parameters },
		credentials: emulatorCredentials(emulator.url, emulator.apiKey),
		input,
	});

function statusesOf(messageId: string): string[] {
	return trigger.executions
		.flatMap(({ outputs }) => outputs[1] ?? [])
		.filter(({ json }) => json.message_id === messageId)
		.map(({ json }) => json.status as string);
}

test('a message in, buttons and a read receipt out, sent/delivered/read back on Statuses', async () => {
	await emulator.deliver(sampleTextNotification(undefined, 'Where is my order?'));
	await trigger.idle();
	const [incoming] = trigger.executions[0].outputs[0];
	expect(incoming.json).toMatchObject({ from: CUSTOMER, text: 'Where is my order?' });

	const reply = await action(
		{
			operation: 'sendButtons',
			to: '={{ $json.from }}',
			text: 'Shall we call you about it?',
			buttons: {
				button: [
					{ id: 'call', title: 'Call me' },
					{ id: 'chat', title: 'Chat here' },
				],
			},
			options: { replyTo: '={{ $json.message_id }}' },
		},
		[incoming.json],
	);
	const read = await action(
		{ operation: 'markAsRead', messageId: '={{ $json.message_id }}', typingIndicator: true },
		[incoming.json],
	);

	expect(reply.error).toBeUndefined();
	expect(read.error).toBeUndefined();
	const [sent] = emulator.messages();
	expect(sent.body).toMatchObject({
		to: CUSTOMER,
		context: { message_id: incoming.json.message_id },
		interactive: { type: 'button', body: { text: 'Shall we call you about it?' } },
	});
	expect(reply.items[0].json.message_id).toBe(sent.id);
	expect(emulator.readReceipts().map(({ messageId }) => messageId)).toEqual([
		incoming.json.message_id,
	]);

	await emulator.settle();
	await trigger.idle();
	expect(statusesOf(sent.id)).toEqual(['sent', 'delivered']);
	const sentStatus = trigger.executions
		.flatMap(({ outputs }) => outputs[1] ?? [])
		.find(({ json }) => json.message_id === sent.id)!;
	expect(sentStatus.json).toMatchObject({
		event: 'status',
		recipient_id: CUSTOMER,
		conversation: { origin: { type: 'service' } },
	});

	await emulator.markRead(sent.id);
	await trigger.idle();
	expect(statusesOf(sent.id)).toEqual(['sent', 'delivered', 'read']);
	expect(emulator.messages()[0].status).toBe('read');
});
