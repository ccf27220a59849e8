import { request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import { call } from './helpers';

// The delivered notifications are walked as plain JSON.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CUSTOMER = '4917612345678';

/** The emulator's customer taps a button or writes an answer: the notification 360dialog would deliver. */
describe('emulator: POST /_emulator/tap and /_emulator/reply', () => {
	let emulator: Emulator;
	let main: Sink;

	beforeAll(async () => {
		main = await startSink();
		emulator = await startEmulator();
	});
	afterAll(async () => {
		await emulator.close();
		await main.close();
	});
	beforeEach(() => {
		emulator.reset();
		main.received.length = 0;
		emulator.setState({ phoneNumberWebhook: { url: `${main.url}/main` } });
		emulator.setWindow(CUSTOMER, true);
	});

	async function control(path: string, body: unknown) {
		const response = await request(`${emulator.url}/_emulator${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.statusCode, body: (await response.body.json()) as Json };
	}

	async function sendButtons(): Promise<string> {
		const { status, body } = await call(emulator, 'POST', '/messages', {
			body: {
				messaging_product: 'whatsapp',
				to: CUSTOMER,
				type: 'interactive',
				interactive: {
					type: 'button',
					body: { text: 'Ship today?' },
					action: {
						buttons: [
							{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
							{ type: 'reply', reply: { id: 'no', title: 'No' } },
						],
					},
				},
			},
		});
		expect(status).toBe(200);
		return (body as Json).messages[0].id;
	}

	/** What reached the main webhook from the customer (the sent message's statuses go there too). */
	const delivered = () =>
		(main.bodies('/main') as Json[]).filter((n) => n.entry[0].changes[0].value.messages);

	it('a tap by title delivers the button reply, quoting the message, from its recipient', async () => {
		const messageId = await sendButtons();
		const { status, body } = await control('/tap', { message_id: messageId, title: 'No' });
		expect(status).toBe(200);
		expect(body.deliveries).toEqual([
			expect.objectContaining({ target: 'phone_number', status: 200 }),
		]);
		const [notification] = delivered();
		expect(notification).toEqual(body.notification);
		const message = notification.entry[0].changes[0].value.messages[0];
		expect(message).toMatchObject({
			from: CUSTOMER,
			type: 'interactive',
			context: { id: messageId, from: '4915112345678' },
			interactive: { type: 'button_reply', button_reply: { id: 'no', title: 'No' } },
		});
		expect(notification.entry[0].changes[0].value.contacts[0].wa_id).toBe(CUSTOMER);
	});

	it('a tap by index, and a written answer quoting the message', async () => {
		const messageId = await sendButtons();
		await control('/tap', { message_id: messageId, index: 0 });
		const reply = await control('/reply', { message_id: messageId, text: 'Only after 5 pm' });
		expect(reply.status).toBe(200);
		const [tap, text] = delivered().map((n) => n.entry[0].changes[0].value.messages[0]);
		expect(tap.interactive.button_reply).toEqual({ id: 'yes', title: 'Yes' });
		expect(text).toMatchObject({
			type: 'text',
			text: { body: 'Only after 5 pm' },
			context: { id: messageId },
		});
	});

	it('refuses what a customer could not do, naming why', async () => {
		const messageId = await sendButtons();
		expect(await control('/tap', { message_id: 'wamid.unknown' })).toMatchObject({
			status: 400,
			body: { error: expect.stringContaining('No message wamid.unknown') },
		});
		expect(await control('/tap', { message_id: messageId, title: 'Maybe' })).toMatchObject({
			status: 400,
			body: { error: expect.stringContaining('its buttons: Yes, No') },
		});
		expect(await control('/reply', { message_id: messageId })).toMatchObject({
			status: 400,
			body: { error: 'text is required' },
		});
		const text = await call(emulator, 'POST', '/messages', {
			body: { messaging_product: 'whatsapp', to: CUSTOMER, type: 'text', text: { body: 'Hi' } },
		});
		const textId = (text.body as Json).messages[0].id;
		expect(await control('/tap', { message_id: textId })).toMatchObject({
			status: 400,
			body: { error: expect.stringContaining('has no reply buttons') },
		});
		expect(delivered()).toEqual([]);
	});
});
