/**
 * Answering on WhatsApp in a real n8n 2.41.1 with the packed package: a text message delivered
 * through the emulator starts the workflow, which marks it as read and replies with buttons; the
 * emulator receives exactly that reply, and the reply's sent and delivered statuses come back out
 * of the trigger's Statuses output. A manual run then sends a file made by an earlier node
 * (uploaded as multipart first) and a template built from its fields.
 */
import { createHash } from 'node:crypto';
import { sampleTextNotification } from '../emulator';
import { ALL_TEMPLATES } from '../test/fixtures/templates';
import { stopAllN8n, waitFor, type N8nRest } from '../harness/n8n';
import { loadPayload } from '../test/fixtures/samples';
import { startStack, type Stack } from '../harness/stack';
import { MAIN_WEBHOOK_PATH } from './support/triggerStack';
import { REPLY_BUTTONS, REPLY_FOOTER, REPLY_TEXT } from '../harness/workflows/replyNodes';
import {
	REPLY_NODES,
	REPLY_WORKFLOW_ID,
	replyWorkflow,
	STATUSES_PATH,
} from '../harness/workflows/replyWorkflow';
import {
	INVOICE_TEXT,
	SEND_NODES,
	SEND_START,
	SEND_WORKFLOW_ID,
	sendWorkflow,
} from '../harness/workflows/sendWorkflow';

const CUSTOMER = '4917612345678';

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({
		workflows: ({ credential, sink }) => [
			replyWorkflow(credential, sink.url),
			sendWorkflow(credential, CUSTOMER),
		],
		publish: [REPLY_WORKFLOW_ID],
		// 360dialog copies notifications to the trigger only after the main webhook answered 200.
		emulatorState: ({ sink }) => ({
			phoneNumberWebhook: { url: `${sink.url}${MAIN_WEBHOOK_PATH}` },
		}),
	});
	await waitFor(
		"the trigger's destination in the emulator",
		() => stack.emulator.multiWebhook().destinations.length === 1,
		{ timeoutMs: 60_000, explain: async () => `n8n log:\n${await stack.n8n.logTail()}` },
	);
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

const explainN8n = async () => `n8n log:\n${await stack.n8n.logTail()}`;

async function finishedExecutions(rest: N8nRest) {
	const { count, results } = await rest.executions(REPLY_WORKFLOW_ID);
	return results.every((execution) => execution.stoppedAt) ? { count, results } : undefined;
}

/** The statuses the trigger's Statuses output forwarded for one message id. */
/**
 * The statuses of a message that reached the Statuses output, sorted: each status is an execution
 * of its own, and n8n runs them side by side, so the order they finish in is not the order sent.
 */
function statusesOf(messageId: string): string[] {
	return (stack.sink.bodies(STATUSES_PATH) as Array<{ message_id?: string; status?: string }>)
		.filter((item) => item.message_id === messageId)
		.map((item) => item.status ?? '')
		.sort();
}

describe('the reply loop', () => {
	let incomingId = '';

	test('a text message starts the workflow, which marks it as read and replies with buttons', async () => {
		const notification = sampleTextNotification(undefined, 'Where is my order?') as {
			entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }>;
		};
		incomingId = notification.entry[0].changes[0].value.messages[0].id;

		const deliveries = await stack.emulator.deliver(notification);
		expect(deliveries).toEqual([
			expect.objectContaining({ target: 'phone_number', status: 200 }),
			expect.objectContaining({
				target: stack.emulator.multiWebhook().destinations[0].name,
				status: 200,
			}),
		]);
		const { results } = await waitFor(
			'the execution of the message',
			async () => {
				const finished = await finishedExecutions(stack.rest);
				return finished && finished.count >= 1 && finished;
			},
			{ timeoutMs: 60_000, explain: explainN8n },
		);
		const execution = await stack.rest.execution(results[results.length - 1].id);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });

		const [reply] = stack.emulator.messages();
		expect(stack.emulator.messages()).toHaveLength(1);
		expect(reply.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: CUSTOMER,
			context: { message_id: incomingId },
			type: 'interactive',
			interactive: {
				type: 'button',
				body: { text: REPLY_TEXT },
				footer: { text: REPLY_FOOTER },
				action: {
					buttons: REPLY_BUTTONS.map((reply) => ({ type: 'reply', reply })),
				},
			},
		});
		expect(stack.emulator.readReceipts()).toEqual([
			{ messageId: incomingId, typingIndicator: true, at: expect.any(Number) },
		]);
		const replyRun = execution.runData[REPLY_NODES.reply][0];
		expect(replyRun.data?.main?.[0]).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ message_id: reply.id, wa_id: CUSTOMER }),
			}),
		]);
		for (const call of stack.emulator.requests) {
			expect(call.headers['d360-api-key']).toBe(stack.emulator.apiKey);
		}
	});

	test("the reply's sent and delivered statuses come out of the trigger's Statuses output", async () => {
		const [reply] = stack.emulator.messages();
		await stack.emulator.settle();
		const statuses = await waitFor(
			'sent and delivered on the Statuses output',
			() => {
				const seen = statusesOf(reply.id);
				return seen.length >= 2 && seen;
			},
			{ timeoutMs: 60_000, explain: explainN8n },
		);
		expect(statuses).toEqual(['delivered', 'sent']);
		const sent = (stack.sink.bodies(STATUSES_PATH) as Array<Record<string, unknown>>).find(
			(item) => item.message_id === reply.id && item.status === 'sent',
		);
		expect(sent).toMatchObject({
			event: 'status',
			status: 'sent',
			recipient_id: CUSTOMER,
			conversation: { origin: { type: 'service' } },
		});
		// The statuses started executions of their own, and no reply to a status went out.
		expect(stack.emulator.messages()).toHaveLength(1);
	});

	test('a read receipt from the customer (a control call) arrives as read', async () => {
		const [reply] = stack.emulator.messages();
		await stack.emulator.markRead(reply.id);
		await waitFor('read on the Statuses output', () => statusesOf(reply.id).includes('read'), {
			timeoutMs: 30_000,
			explain: explainN8n,
		});
		expect(statusesOf(reply.id)).toEqual(['delivered', 'read', 'sent']);
	});

	test('an image is not a text message: no reply, no read receipt', async () => {
		const before = (await stack.rest.executions(REPLY_WORKFLOW_ID)).count;
		await stack.emulator.deliver(loadPayload('cloud/image.json'));
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const after = await waitFor('no running execution', () => finishedExecutions(stack.rest));
		// The trigger filtered the image out: no execution, nothing sent.
		expect(after.count).toBe(before);
		expect(stack.emulator.messages()).toHaveLength(1);
		expect(stack.emulator.readReceipts()).toHaveLength(1);
	});
});

describe('a manual run: a file from an earlier node, a template from its fields, the template list', () => {
	test('sends the file as a document (uploaded first), uploads it beside, sends the template', async () => {
		stack.emulator.registerTemplates(ALL_TEMPLATES);
		stack.emulator.setWindow(CUSTOMER, true);
		const before = stack.emulator.messages().length;

		const execution = await stack.rest.runManually(SEND_WORKFLOW_ID, SEND_START);

		expect(execution.error).toBeUndefined();
		expect(execution.status).toBe('success');
		const sha256 = createHash('sha256').update(INVOICE_TEXT).digest('hex');
		const stored = stack.emulator.media();
		expect(stored).toHaveLength(2);
		for (const file of stored) {
			expect(file).toMatchObject({
				mimeType: 'text/plain',
				fileName: 'invoice-7.txt',
				fileSize: Buffer.byteLength(INVOICE_TEXT),
				sha256,
			});
		}
		const output = (node: string) =>
			(execution.runData[node][0].data?.main?.[0] ?? []).map((item) => item.json);
		const [uploaded] = output(SEND_NODES.upload);
		expect(uploaded).toEqual({
			id: expect.any(String),
			mime_type: 'text/plain',
			file_size: Buffer.byteLength(INVOICE_TEXT),
			file_name: 'invoice-7.txt',
			sha256,
		});
		const [invoice, template] = stack.emulator.messages().slice(before);
		expect(stack.emulator.messages()).toHaveLength(before + 2);
		const invoiceMedia = stored.find((file) => file.id !== uploaded.id);
		expect(invoice.body).toMatchObject({
			to: CUSTOMER,
			type: 'document',
			document: { id: invoiceMedia?.id, caption: 'Your invoice', filename: 'invoice-7.txt' },
		});
		expect(template.body).toMatchObject({
			to: CUSTOMER,
			type: 'template',
			template: {
				name: 'order_update',
				language: { code: 'en_US' },
				components: [
					{
						type: 'header',
						parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/parcel.jpg' } }],
					},
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Ana' },
							{ type: 'text', text: 'A-7' },
						],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: 'A-7' }],
					},
					{
						type: 'button',
						sub_type: 'copy_code',
						index: '1',
						parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
					},
				],
			},
		});
		expect(output(SEND_NODES.template)).toEqual([
			expect.objectContaining({ message_id: template.id, message_status: 'accepted' }),
		]);
		expect(output(SEND_NODES.templates).map((t) => `${t.name}/${t.language}`)).toEqual([
			'order_update/en_US',
			'order_update/de',
			'appointment_reminder/en_US',
			'hello_world/en_US',
		]);
	});
});
