/**
 * Send and Wait for Response in a real n8n (2.41.1; 1.123.81 with HARNESS_N8N_VERSION): the
 * question goes out as WhatsApp reply buttons, the execution waits, the customer's tap reaches
 * the 360dialog Trigger (through the emulator, as 360dialog delivers it) and the trigger passes
 * it on through n8n's signed resume URL. A second tap answers nothing and comes out of the
 * trigger saying so; a tap relayed for another number is refused. With links instead of buttons
 * (no trigger needed), n8n's answer page takes the answer.
 */
import { request } from 'undici';
import type { SentMessage } from '../emulator';
import { stopAllN8n, waitFor } from '../harness/n8n';
import { startStack, type Stack } from '../harness/stack';
import { answersPath, askWorkflow } from '../harness/workflows/askWorkflow';
import { TRIGGER_WORKFLOW_ID, triggerWorkflow } from '../harness/workflows/triggerWorkflow';
import { ANSWER_ID_PREFIX } from '../nodes/shared/answers/answerButtonId';
import {
	askAndWait,
	buttonsOf,
	control,
	explainN8n,
	finishedSuccessfully,
	triggerExecutions,
	triggerMessages,
} from './support/answers';

const CUSTOMER = '4917612345678';
const ASK_BUTTONS = 'e2eAskButtons001';
const ASK_LINK = 'e2eAskLink000001';
const ASK_TEXT = 'e2eAskFreeText01';
const ASK_EXPIRING = 'e2eAskExpiring01';
const QUESTION = 'Refund 42.00 EUR to Lena Fischer?';
const MAIN_WEBHOOK_PATH = '/main-webhook';

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({
		workflows: ({ credential, sink, n8nUrls }) => [
			// The trigger passes taps on to this n8n: its public host is only the emulator's name.
			triggerWorkflow(credential, sink.url, {
				parameters: { options: { answersBaseUrl: n8nUrls.main } },
			}).workflow,
			askWorkflow(ASK_BUTTONS, credential, sink.url, {
				to: CUSTOMER,
				message: QUESTION,
				responseType: 'approval',
				approvalOptions: { values: { approvalType: 'double' } },
				options: {},
			}),
			askWorkflow(ASK_LINK, credential, sink.url, {
				to: CUSTOMER,
				message: QUESTION,
				responseType: 'approval',
				options: { answerWith: 'links' },
			}),
			askWorkflow(ASK_EXPIRING, credential, sink.url, {
				to: CUSTOMER,
				message: QUESTION,
				responseType: 'approval',
				options: {
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' },
					},
				},
			}),
			askWorkflow(ASK_TEXT, credential, sink.url, {
				to: CUSTOMER,
				message: 'What should we tell the courier?',
				responseType: 'freeText',
				options: {},
			}),
		],
		publish: [TRIGGER_WORKFLOW_ID],
		emulatorState: ({ sink }) => ({
			phoneNumberWebhook: { url: `${sink.url}${MAIN_WEBHOOK_PATH}` },
		}),
	});
	await waitFor(
		"the trigger's destination",
		() => stack.emulator.multiWebhook().destinations.length === 1,
		{ timeoutMs: 60_000, explain: explainN8n(stack) },
	);
	// The customer wrote lately: free-form messages may go out (the 24-hour window).
	stack.emulator.setWindow(CUSTOMER, true);
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

describe('reply buttons, answered through the 360dialog Trigger', () => {
	let buttonsRun: { executionId: string; sent: SentMessage };

	test('the question goes out as two reply buttons whose ids name no host and carry no URL', async () => {
		buttonsRun = await askAndWait(stack, ASK_BUTTONS);
		const { sent } = buttonsRun;
		expect(sent).toMatchObject({ type: 'interactive', waId: CUSTOMER });
		expect((sent.body.interactive as { body: { text: string } }).body.text).toBe(QUESTION);
		const buttons = buttonsOf(sent);
		expect(buttons.map(({ title }) => title)).toEqual(['✓ Approve', '✗ Decline']);
		for (const { id } of buttons) {
			expect(id.startsWith(ANSWER_ID_PREFIX)).toBe(true);
			expect(id).not.toMatch(/https?:|n8n\.test|127\.0\.0\.1/);
			expect(id.length).toBeLessThanOrEqual(256);
		}
	});

	test('a tap on Approve resumes the execution with data.approved true and who answered; the tap is not emitted', async () => {
		const { executionId, sent } = buttonsRun;
		const before = (await stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
		const { deliveries } = await control(stack, '/tap', {
			message_id: sent.id,
			title: '✓ Approve',
		});
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		await finishedSuccessfully(stack, executionId);
		expect(stack.sink.bodies(answersPath(ASK_BUTTONS))).toEqual([
			{
				answered: true,
				data: { approved: true, respondedAt: expect.any(String) },
				wa_id: CUSTOMER,
				name: 'Lena Fischer',
				answer_message_id: expect.stringMatching(/^wamid\./),
				answered_via: 'reply_button',
			},
		]);
		await triggerExecutions(stack, before + 1);
		expect(triggerMessages(stack).filter((m) => m.type === 'interactive')).toEqual([]);
	});

	test('a second tap answers nothing: the trigger emits it, saying no execution waits for it', async () => {
		const before = (await stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
		await control(stack, '/tap', { message_id: buttonsRun.sent.id, title: '✗ Decline' });
		await triggerExecutions(stack, before + 1);
		const [tap] = triggerMessages(stack).filter((m) => m.type === 'interactive');
		expect(tap).toMatchObject({
			from: CUSTOMER,
			reply: { type: 'button_reply', title: '✗ Decline' },
			context: { id: buttonsRun.sent.id },
			answer: { resumed: false, reason: expect.stringContaining('no execution waits') },
		});
		expect(stack.sink.bodies(answersPath(ASK_BUTTONS))).toHaveLength(1);
	});

	test('a tap on Decline resumes another execution with data.approved false', async () => {
		const { executionId, sent } = await askAndWait(stack, ASK_BUTTONS);
		await control(stack, '/tap', { message_id: sent.id, title: '✗ Decline' });
		await finishedSuccessfully(stack, executionId);
		expect(stack.sink.bodies(answersPath(ASK_BUTTONS))[1]).toMatchObject({
			answered: true,
			data: { approved: false },
			wa_id: CUSTOMER,
		});
	});

	test('an answer relayed for another number is refused and the execution keeps waiting', async () => {
		const { executionId, sent } = await askAndWait(stack, ASK_BUTTONS);
		const [approve] = buttonsOf(sent);
		const forged = await request(`${stack.n8n.url}${approve.id.slice(ANSWER_ID_PREFIX.length)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				answered_via: 'reply_button',
				wa_id: '4915199999999',
				answered_at: new Date().toISOString(),
			}),
		});
		await forged.body.dump();
		expect(forged.statusCode).toBe(403);
		expect((await stack.rest.execution(executionId)).status).toBe('waiting');
		await control(stack, '/tap', { message_id: sent.id, title: '✓ Approve' });
		await finishedSuccessfully(stack, executionId);
	});
});

describe("links to n8n's answer page", () => {
	/** The page's URL on this n8n (the message names the public host, which is not resolvable here). */
	const localPage = (sent: SentMessage) => {
		const { url } = (sent.body.interactive as { action: { parameters: { url: string } } }).action
			.parameters;
		const page = new URL(url);
		return `${stack.n8n.url}${page.pathname}${page.search}`;
	};

	test('Approve only: a link button; the page asks to confirm, and only the confirmation answers', async () => {
		const { executionId, sent } = await askAndWait(stack, ASK_LINK);
		expect(sent.body.interactive).toMatchObject({
			type: 'cta_url',
			body: { text: QUESTION },
			action: { name: 'cta_url', parameters: { display_text: '✓ Approve' } },
		});
		const page = await request(localPage(sent));
		expect(page.statusCode).toBe(200);
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(await page.body.text()).toContain('Refund 42.00 EUR to Lena Fischer?');
		expect((await stack.rest.execution(executionId)).status).toBe('waiting');

		const confirm = await request(localPage(sent), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'confirm=1',
		});
		expect(confirm.statusCode).toBe(200);
		expect(await confirm.body.text()).toContain('Your answer is recorded');
		await finishedSuccessfully(stack, executionId);
		expect(stack.sink.bodies(answersPath(ASK_LINK))).toEqual([
			{
				answered: true,
				data: { approved: true, respondedAt: expect.any(String) },
				answered_via: 'page',
			},
		]);
	});

	test('Free Text: the page has a text field, and the answer comes out as data.text', async () => {
		const { executionId, sent } = await askAndWait(stack, ASK_TEXT);
		expect(sent.body.interactive).toMatchObject({
			type: 'cta_url',
			action: { parameters: { display_text: 'Respond' } },
		});
		const form = await request(localPage(sent));
		expect(await form.body.text()).toMatch(/<textarea[^>]+name="field-0"/);
		const answer = await request(localPage(sent), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ 'field-0': 'Leave it with the neighbour, please' }).toString(),
		});
		await answer.body.dump();
		expect(answer.statusCode).toBe(200);
		await finishedSuccessfully(stack, executionId);
		expect(stack.sink.bodies(answersPath(ASK_TEXT))).toEqual([
			{
				answered: true,
				data: { text: 'Leave it with the neighbour, please', respondedAt: expect.any(String) },
				answered_via: 'page',
			},
		]);
	});
});

describe('Limit Wait Time', () => {
	test("once it runs out, the workflow goes on with the node's input items, and a late tap answers nothing", async () => {
		const { executionId, sent } = await askAndWait(stack, ASK_EXPIRING);
		// 3 seconds; n8n looks for executions to resume once a minute.
		const execution = await stack.rest.finished(executionId);
		expect(execution.status).toBe('success');
		// As with n8n's own send-and-wait nodes: the node's input (the Manual Trigger's empty
		// item) goes on, so `answered` is true only for an answer.
		expect(stack.sink.bodies(answersPath(ASK_EXPIRING))).toEqual([{}]);
		const before = (await stack.rest.executions(TRIGGER_WORKFLOW_ID)).count;
		await control(stack, '/tap', { message_id: sent.id, title: '✓ Approve' });
		await triggerExecutions(stack, before + 1);
		expect(
			triggerMessages(stack)
				.filter((m) => m.type === 'interactive')
				.at(-1),
		).toMatchObject({
			context: { id: sent.id },
			answer: { resumed: false, reason: expect.stringContaining('no execution waits') },
		});
		expect(stack.sink.bodies(answersPath(ASK_EXPIRING))).toHaveLength(1);
	});
});

describe('without a trigger on the number', () => {
	test('Answer With Auto sends both answers as links in the text; Decline through its page answers false', async () => {
		await stack.rest.deactivate(TRIGGER_WORKFLOW_ID);
		await waitFor(
			"the trigger's destination to go",
			() => stack.emulator.multiWebhook().destinations.length === 0,
			{ timeoutMs: 30_000, explain: explainN8n(stack) },
		);
		const { executionId, sent } = await askAndWait(stack, ASK_BUTTONS);
		expect(sent.type).toBe('text');
		const text = (sent.body.text as { body: string }).body;
		const links = Object.fromEntries(
			[...text.matchAll(/^(.+): (https:\/\/\S+)$/gm)].map(([, label, url]) => [
				label,
				new URL(url),
			]),
		);
		expect(Object.keys(links)).toEqual(['✓ Approve', '✗ Decline']);
		expect(text.startsWith(QUESTION)).toBe(true);
		const decline = links['✗ Decline'];
		expect(decline.searchParams.get('approved')).toBe('false');
		const answer = await request(`${stack.n8n.url}${decline.pathname}${decline.search}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'confirm=1',
		});
		await answer.body.dump();
		expect(answer.statusCode).toBe(200);
		await finishedSuccessfully(stack, executionId);
		expect(stack.sink.bodies(answersPath(ASK_BUTTONS)).at(-1)).toEqual({
			answered: true,
			data: { approved: false, respondedAt: expect.any(String) },
			answered_via: 'page',
		});
	});
});
