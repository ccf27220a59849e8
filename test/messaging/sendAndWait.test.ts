import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { PUBLIC_BASE_URL } from '../../harness/publicHost';
import { recipientTag, resumePathOf } from '../../nodes/shared/answers/answerButtonId';
import {
	TRIGGER_VERIFICATION_HEADER,
	triggerDestinationName,
} from '../../nodes/shared/triggerDestinationName';
import { useEmulator } from '../actions/helpers';
import { emulatorCredentials } from '../harness/additionalData';
import { processInstanceId } from '../harness/instance';
import { ACTION_NODE_ID, resumeAfterWait, runAction, type ActionRun } from '../harness/runAction';
import { CUSTOMER, message, onlySent } from './helpers';

// Message → Send and Wait for Response through n8n-core's WorkflowExecute against the emulator:
// what goes out (reply buttons with n8n's signed resume path, or links to n8n's page), what is
// refused before any send, and whether the run is put to wait.

const emulator = useEmulator();

/** A real n8n's execution ids are numeric (its database's): its resume URLs carry one. */
const EXECUTION_ID = '4711';
const RESUME_PREFIX = `/webhook-waiting/${EXECUTION_ID}/${ACTION_NODE_ID}`;
const QUESTION = 'Refund order A-7 (49.90 EUR)?';

beforeEach(() => {
	emulator().setWindow(CUSTOMER, true);
});

async function ask(
	parameters: INodeParameters,
	options: { continueOnFail?: boolean } = {},
): Promise<ActionRun> {
	return await runAction({
		parameters: message('sendAndWait', { message: QUESTION, ...parameters }),
		credentials: emulatorCredentials(emulator().url, emulator().apiKey),
		executionId: EXECUTION_ID,
		continueOnFail: options.continueOnFail,
	});
}

const double = (extra: IDataObject = {}) => ({
	values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No', ...extra },
});

const postedMessages = (target: Emulator) =>
	target.requests.filter(({ method, path }) => method === 'POST' && path === '/messages');

/** What a resume path or URL says: the path, and the query as an object. */
function resumeParts(pathOrUrl: string) {
	const url = new URL(pathOrUrl, 'http://n8n.invalid');
	return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

function expectSignedAnswer(pathOrUrl: string, approved: boolean) {
	const { path, query } = resumeParts(pathOrUrl);
	expect(path).toBe(RESUME_PREFIX);
	expect(query).toEqual({
		approved: String(approved),
		to: recipientTag(CUSTOMER),
		signature: expect.stringMatching(/^[0-9a-f]{64}$/),
	});
}

function expectWaiting(result: ActionRun, answerWith: 'reply_buttons' | 'link') {
	expect(result.error).toBeUndefined();
	const [accepted] = emulator().messages();
	expect(result.items).toEqual([
		{
			json: expect.objectContaining({
				answered: false,
				message_id: accepted.id,
				wa_id: CUSTOMER,
				answer_with: answerWith,
			}),
			pairedItem: { item: 0 },
		},
	]);
	expect(result.run.waitTill).toBeInstanceOf(Date);
}

interface SentButton {
	type: string;
	reply: { id: string; title: string };
}

function sentButtons(): SentButton[] {
	const sent = onlySent(emulator());
	expect(sent.type).toBe('interactive');
	const interactive = sent.interactive as {
		type: string;
		body: { text: string };
		action: { buttons: SentButton[] };
	};
	expect(interactive.type).toBe('button');
	expect(interactive.body).toEqual({ text: QUESTION });
	return interactive.action.buttons;
}

describe('Approval with Answer With = Reply Buttons', () => {
	test('one button message; each id holds the signed resume path for its answer and this recipient', async () => {
		const result = await ask({
			approvalOptions: double(),
			options: { answerWith: 'replyButtons' },
		});
		expectWaiting(result, 'reply_buttons');
		expect(result.run.waitTill).toEqual(WAIT_INDEFINITELY);

		const buttons = sentButtons();
		expect(buttons.map(({ type, reply }) => [type, reply.title])).toEqual([
			['reply', 'Yes, refund'],
			['reply', 'No'],
		]);
		buttons.forEach(({ reply }, index) => {
			expect(reply.id.startsWith('n8n-answer:')).toBe(true);
			const path = resumePathOf(reply.id);
			expect(path).toBeDefined();
			expect(reply.id).toBe(`n8n-answer:${path}`);
			expectSignedAnswer(path!, index === 0);
		});
		// Nothing in the message names n8n's host.
		expect(JSON.stringify(onlySent(emulator()))).not.toContain(new URL(PUBLIC_BASE_URL).host);
	});

	test('Approve Only: one button, approved=true, with the default label', async () => {
		const result = await ask({ options: { answerWith: 'replyButtons' } });
		expectWaiting(result, 'reply_buttons');
		const [button, ...more] = sentButtons();
		expect(more).toEqual([]);
		expect(button.reply.title).toBe('✓ Approve');
		expectSignedAnswer(resumePathOf(button.reply.id)!, true);
	});

	test('Limit Wait Time after an interval: the run waits until then', async () => {
		const before = Date.now();
		const result = await ask({
			options: {
				answerWith: 'replyButtons',
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 30, resumeUnit: 'minutes' },
				},
			},
		});
		const after = Date.now();
		expectWaiting(result, 'reply_buttons');
		const waitTill = result.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 30 * 60_000);
		expect(waitTill).toBeLessThanOrEqual(after + 30 * 60_000);
	});

	test('Limit Wait Time at a specified time: the run waits until exactly then', async () => {
		const at = '2030-01-02T03:04:05.000Z';
		const result = await ask({
			options: {
				answerWith: 'replyButtons',
				limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: at } },
			},
		});
		expectWaiting(result, 'reply_buttons');
		expect(result.run.waitTill).toEqual(new Date(at));
	});

	test("when Limit Wait Time runs out, n8n goes on with the node's input items, as for n8n's own send-and-wait nodes", async () => {
		const credentials = emulatorCredentials(emulator().url, emulator().apiKey);
		const waiting = await runAction({
			parameters: message('sendAndWait', {
				message: QUESTION,
				options: {
					answerWith: 'replyButtons',
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'minutes' },
					},
				},
			}),
			credentials,
			input: [{ orderId: 'A-7' }],
			executionId: EXECUTION_ID,
		});
		expectWaiting(waiting, 'reply_buttons');

		const timedOut = await resumeAfterWait(waiting, credentials, EXECUTION_ID);
		expect(timedOut.error).toBeUndefined();
		expect(timedOut.run.waitTill).toBeUndefined();
		expect(timedOut.run.status).toBe('success');
		// n8n-core takes the waiting item away and passes the input on: no "answered: false" item.
		expect(timedOut.items).toEqual([{ json: { orderId: 'A-7' }, pairedItem: { item: 0 } }]);
		// Nothing is sent again.
		expect(emulator().messages()).toHaveLength(1);
	});

	test("with n8n's default execution id of the harness (not numeric) no button id would be read back", async () => {
		// Documents why the tests above give the run a numeric id: the trigger reads only n8n's shape.
		const result = await runAction({
			parameters: message('sendAndWait', {
				message: QUESTION,
				options: { answerWith: 'replyButtons' },
			}),
			credentials: emulatorCredentials(emulator().url, emulator().apiKey),
		});
		expect(result.error).toBeUndefined();
		const [button] = sentButtons();
		expect(button.reply.id).toMatch(/^n8n-answer:\/webhook-waiting\/test-execution\//);
		expect(resumePathOf(button.reply.id)).toBeUndefined();
	});
});

describe('Approval with Answer With = Auto', () => {
	const thisInstance = () => processInstanceId();
	const destinationOf = (instanceId: string, url = 'https://n8n.test/webhook/abc/webhook') => ({
		name: triggerDestinationName({
			workflowId: 'wfAsk01',
			instanceId,
			nodeId: 'trigger-node-1',
			webhookUrl: url,
		}),
		url,
		headers: { [TRIGGER_VERIFICATION_HEADER]: 'secret-of-that-trigger' },
	});
	const mainWebhook = { url: 'https://crm.example.com/whatsapp' };

	async function expectLinks(parameters: INodeParameters) {
		const result = await ask(parameters);
		expectWaiting(result, 'link');
		return onlySent(emulator());
	}

	test('no webhook on the number: Approve only goes out as a CTA URL button to the signed URL', async () => {
		const sent = await expectLinks({ approvalOptions: { values: { approveLabel: 'Approve' } } });
		expect(sent.type).toBe('interactive');
		const interactive = sent.interactive as IDataObject;
		expect(interactive).toMatchObject({
			type: 'cta_url',
			body: { text: QUESTION },
			action: { name: 'cta_url', parameters: { display_text: 'Approve' } },
		});
		const { url } = (interactive.action as { parameters: { url: string } }).parameters;
		expect(url.startsWith(`${PUBLIC_BASE_URL}webhook-waiting/`)).toBe(true);
		expectSignedAnswer(url, true);
	});

	test('no trigger: Approve and Disapprove go out as a text with both links', async () => {
		emulator().setState({ phoneNumberWebhook: mainWebhook });
		const sent = await expectLinks({ approvalOptions: double() });
		expect(sent.type).toBe('text');
		const { body, preview_url } = sent.text as { body: string; preview_url: boolean };
		expect(preview_url).toBe(false);
		const lines = body.split('\n');
		expect(lines.slice(0, 2)).toEqual([QUESTION, '']);
		const links = lines.slice(2);
		expect(links).toHaveLength(2);
		expect(links[0].startsWith(`Yes, refund: ${PUBLIC_BASE_URL}`)).toBe(true);
		expect(links[1].startsWith(`No: ${PUBLIC_BASE_URL}`)).toBe(true);
		expectSignedAnswer(links[0].slice('Yes, refund: '.length), true);
		expectSignedAnswer(links[1].slice('No: '.length), false);
	});

	test("a production destination of this n8n's trigger on the enabled multi-webhook: reply buttons", async () => {
		emulator().setState({
			phoneNumberWebhook: mainWebhook,
			multiWebhook: { enabled: true, destinations: [destinationOf(thisInstance())] },
		});
		const result = await ask({ approvalOptions: double() });
		expectWaiting(result, 'reply_buttons');
		expect(sentButtons()).toHaveLength(2);
	});

	test("another n8n instance's trigger on the number: links", async () => {
		emulator().setState({
			phoneNumberWebhook: mainWebhook,
			multiWebhook: { enabled: true, destinations: [destinationOf('another-n8n-instance')] },
		});
		expect((await expectLinks({ approvalOptions: double() })).type).toBe('text');
	});

	test("only this n8n's test destination (Listen for test event): links", async () => {
		emulator().setState({
			phoneNumberWebhook: mainWebhook,
			multiWebhook: {
				enabled: true,
				destinations: [destinationOf(thisInstance(), 'https://n8n.test/webhook-test/abc/webhook')],
			},
		});
		expect((await expectLinks({ approvalOptions: double() })).type).toBe('text');
	});

	test("this n8n's destination on a disabled multi-webhook: links", async () => {
		emulator().setState({
			phoneNumberWebhook: mainWebhook,
			multiWebhook: { enabled: false, destinations: [destinationOf(thisInstance())] },
		});
		expect((await expectLinks({ approvalOptions: double() })).type).toBe('text');
	});

	test('a trigger as the main webhook (its secret header): reply buttons', async () => {
		emulator().setState({
			phoneNumberWebhook: {
				url: 'https://n8n.test/webhook/abc/webhook',
				headers: { [TRIGGER_VERIFICATION_HEADER]: 'secret-of-that-trigger' },
			},
		});
		const result = await ask({ approvalOptions: double() });
		expectWaiting(result, 'reply_buttons');
		expect(sentButtons()).toHaveLength(2);
	});
});

describe('Free Text and Custom Form: a CTA URL button to the answer page', () => {
	test.each([
		['Free Text', { responseType: 'freeText' }],
		[
			'Custom Form',
			{
				responseType: 'customForm',
				formFields: {
					values: [
						{ fieldLabel: 'Delivery date', fieldType: 'date', requiredField: true },
						{ fieldLabel: 'Slot', fieldType: 'dropdown', fieldOptions: 'Morning, Afternoon' },
					],
				},
			},
		],
	])('%s', async (_, parameters) => {
		const result = await ask({ ...parameters, options: { messageButtonLabel: 'Answer here' } });
		expectWaiting(result, 'link');
		const sent = onlySent(emulator());
		expect(sent.interactive).toMatchObject({
			type: 'cta_url',
			body: { text: QUESTION },
			action: { name: 'cta_url', parameters: { display_text: 'Answer here' } },
		});
		const { url } = (sent.interactive as { action: { parameters: { url: string } } }).action
			.parameters;
		expect(url.startsWith(`${PUBLIC_BASE_URL}webhook-waiting/`)).toBe(true);
		expect(resumeParts(url).path).toBe(RESUME_PREFIX);
		expect(resumeParts(url).query.signature).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('refused before anything is sent, naming the field', () => {
	const x = (length: number) => 'x'.repeat(length);

	test.each<[string, INodeParameters, RegExp]>([
		[
			'an Approve Button Label over 20 characters',
			{ approvalOptions: { values: { approveLabel: x(21) } } },
			/^Approve Button Label is too long: 21 characters, at most 20/,
		],
		[
			'a Disapprove Button Label over 20 characters',
			{ approvalOptions: double({ disapproveLabel: x(21) }) },
			/^Disapprove Button Label is too long: 21 characters/,
		],
		[
			'two equal button labels',
			{ approvalOptions: double({ approveLabel: 'Same', disapproveLabel: 'Same' }) },
			/^Duplicate Button Label "Same"/,
		],
		[
			'a message over 1024 characters with reply buttons',
			{ message: x(1025), options: { answerWith: 'replyButtons' } },
			/^Message is too long: 1025 characters, at most 1024/,
		],
		[
			'a message over 1024 characters with a link button',
			{ message: x(1025), responseType: 'freeText' },
			/^Message is too long: 1025 characters/,
		],
		[
			'a Message Button Label over 20 characters',
			{ responseType: 'freeText', options: { messageButtonLabel: x(21) } },
			/^Message Button Label is too long: 21 characters/,
		],
		[
			'a Custom Form without fields',
			{ responseType: 'customForm' },
			/^The Custom Form has no fields$/,
		],
		[
			'a dropdown without options',
			{
				responseType: 'customForm',
				formFields: {
					values: [{ fieldLabel: 'Slot', fieldType: 'dropdown', fieldOptions: ' , ' }],
				},
			},
			/^Form Field "Slot" is a dropdown list without choices$/,
		],
		[
			'two form fields with one label',
			{
				responseType: 'customForm',
				formFields: { values: [{ fieldLabel: 'Name' }, { fieldLabel: 'Name ' }] },
			},
			/^Two Form Fields are labelled "Name"$/,
		],
		[
			'a form field without a label',
			{ responseType: 'customForm', formFields: { values: [{ fieldLabel: ' ' }] } },
			/^Form Field 1 has no label$/,
		],
		[
			'an invalid Max Date and Time',
			{
				options: {
					answerWith: 'replyButtons',
					limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'soon' } },
				},
			},
			/^Invalid Max Date and Time "soon"$/,
		],
		['an invalid To', { to: '0176 12345' }, /^Invalid To "0176 12345"$/],
		[
			'a message that with both links exceeds 4096 characters',
			{ message: x(4000), approvalOptions: double() },
			/^Message is too long: \d+ characters, at most 4096/,
		],
		[
			'an empty Message with reply buttons',
			{ message: '={{ "" }}', options: { answerWith: 'replyButtons' } },
			/^Message is empty$/,
		],
		[
			'an empty Message with Approve and Disapprove as links',
			{ message: '={{ " " }}', approvalOptions: double() },
			/^Message is empty$/,
		],
		[
			'an empty Message with Free Text',
			{ message: '={{ "" }}', responseType: 'freeText' },
			/^Message is empty$/,
		],
	])('%s', async (_, parameters, error) => {
		const result = await ask(parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(error);
		expect(result.error?.description).toBeTruthy();
		expect(postedMessages(emulator())).toEqual([]);
		expect(emulator().messages()).toEqual([]);
		expect(result.run.waitTill).toBeUndefined();
	});
});

describe('outside the 24-hour window', () => {
	test("WhatsApp's 131047 as a NodeApiError that says a template must open the window; no wait", async () => {
		emulator().setWindow(CUSTOMER, false);
		const result = await ask({ options: { answerWith: 'replyButtons' } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/24-hour customer service window is closed \(131047\)$/);
		expect(result.error?.description).toMatch(/template/i);
		expect(result.error?.description).toMatch(/Send Template/);
		expect(result.items).toEqual([]);
		expect(result.run.waitTill).toBeUndefined();
		expect(postedMessages(emulator())).toHaveLength(1);
		expect(emulator().messages()).toEqual([]);
	});

	test('with Continue On Fail: an error item, and the run does not wait', async () => {
		emulator().setWindow(CUSTOMER, false);
		const result = await ask({ options: { answerWith: 'replyButtons' } }, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		// As every other operation's error item: WhatsApp's code, so a workflow can branch to a template.
		expect(result.items).toEqual([
			{
				json: {
					error: expect.stringMatching(/\(131047\)$/),
					description: expect.stringMatching(/Send Template/),
					httpCode: '400',
					code: 131047,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.run.waitTill).toBeUndefined();
	});
});

test('Continue On Fail with a refused parameter: an error item, nothing sent, no wait', async () => {
	const result = await ask({ to: 'nobody' }, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items).toEqual([
		{
			json: { error: 'Invalid To "nobody"', description: expect.stringMatching(/country code/) },
			pairedItem: { item: 0 },
		},
	]);
	expect(postedMessages(emulator())).toEqual([]);
	expect(result.run.waitTill).toBeUndefined();
});
