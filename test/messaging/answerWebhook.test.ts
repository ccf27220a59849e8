import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { recipientTag } from '../../nodes/shared/answers/answerButtonId';
import { ANSWER_PAGE_CSP } from '../../nodes/Dialog360/helpers/answers/answerPage';
import { startAnswerWebhook, type AnswerWebhook } from '../harness/answerWebhookHarness';
import { CUSTOMER } from './helpers';

// The action node's webhook(): what n8n calls for a request to the signed resume URL of a waiting
// Send and Wait for Response (n8n has checked the signature by then), through n8n-core's
// WebhookContext behind a real HTTP server.

const MESSAGE = 'Refund <script>alert(1)</script> order "A-7"?';

let webhook: AnswerWebhook;

afterEach(async () => await webhook?.close());

async function serve(parameters: INodeParameters) {
	webhook = await startAnswerWebhook({
		resource: 'message',
		operation: 'sendAndWait',
		to: CUSTOMER,
		message: MESSAGE,
		...parameters,
	});
}

const answerUrl = (approved: boolean) =>
	`${webhook.url}?approved=${approved}&to=${recipientTag(CUSTOMER)}&signature=${'ab'.repeat(32)}`;

async function call(
	method: 'GET' | 'POST',
	url: string,
	body?: { json: IDataObject } | { form: Record<string, string> },
) {
	const response = await request(url, {
		method,
		...(body && 'json' in body
			? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body.json) }
			: {}),
		...(body && 'form' in body
			? {
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams(body.form).toString(),
				}
			: {}),
	});
	return {
		status: response.statusCode,
		headers: response.headers,
		text: await response.body.text(),
	};
}

const tap = (waId: string, extra: IDataObject = {}) => ({
	json: {
		answered_via: 'reply_button',
		wa_id: waId,
		name: 'Lena Fischer',
		answer_message_id: 'wamid.answer.1',
		answered_at: '2026-12-06T10:00:00.000Z',
		...extra,
	},
});

const approval = {
	approvalOptions: {
		values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' },
	},
};

describe('a tap the 360dialog Trigger passes on', () => {
	test('from the recipient: resumes with the answer, who gave it and when; answers {"resumed": true}', async () => {
		await serve(approval);
		const response = await call('POST', answerUrl(false), tap(CUSTOMER));
		expect(response.status).toBe(200);
		expect(JSON.parse(response.text)).toEqual({ resumed: true });
		expect(webhook.requests).toHaveLength(1);
		expect(webhook.requests[0].workflowData).toEqual([
			[
				{
					json: {
						answered: true,
						data: { approved: false, respondedAt: '2026-12-06T10:00:00.000Z' },
						wa_id: CUSTOMER,
						name: 'Lena Fischer',
						answer_message_id: 'wamid.answer.1',
						answered_via: 'reply_button',
					},
				},
			],
		]);
	});

	test('the number written another way is the same recipient', async () => {
		await serve(approval);
		const response = await call('POST', answerUrl(true), tap(`+${CUSTOMER}`));
		expect(response.status).toBe(200);
		expect(webhook.requests[0].workflowData?.[0][0].json.data).toMatchObject({ approved: true });
	});

	test('from another number: 403 JSON, nothing resumed', async () => {
		await serve(approval);
		const response = await call('POST', answerUrl(true), tap('4915199999999'));
		expect(response.status).toBe(403);
		expect(response.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(response.text)).toEqual({
			error: 'This answer belongs to another recipient',
		});
		expect(webhook.requests[0].workflowData).toBeUndefined();
	});

	test('a tap body without answered_at: 400 JSON, nothing resumed', async () => {
		await serve(approval);
		const response = await call('POST', answerUrl(true), tap(CUSTOMER, { answered_at: 7 }));
		expect(response.status).toBe(400);
		expect(JSON.parse(response.text)).toEqual({
			error: 'Not an answer from the 360dialog Trigger',
		});
		expect(webhook.requests[0].workflowData).toBeUndefined();
	});
});

describe('Approval through a link', () => {
	test('GET: a confirmation page with a strict CSP, the message escaped, nothing resumed', async () => {
		await serve(approval);
		const response = await call('GET', answerUrl(true));
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(response.headers['content-security-policy']).toBe(ANSWER_PAGE_CSP);
		expect(response.text).not.toContain('<script>');
		expect(response.text).toContain(
			'Refund &lt;script&gt;alert(1)&lt;/script&gt; order &quot;A-7&quot;?',
		);
		expect(response.text).toMatch(
			/<form method="post">.*<button type="submit">Yes, refund<\/button>/,
		);
		expect(webhook.requests[0].workflowData).toBeUndefined();
	});

	test('GET for the other answer shows its own label', async () => {
		await serve(approval);
		const response = await call('GET', answerUrl(false));
		expect(response.text).toContain('<button type="submit">No</button>');
	});

	test('POST (the confirmation): resumes with data.approved from the signed URL, answered_via page', async () => {
		await serve(approval);
		const before = Date.now();
		const response = await call('POST', answerUrl(false), { form: { confirm: '1' } });
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toMatch(/^text\/html/);
		expect(response.text).toContain('Your answer is recorded');
		const [[item]] = webhook.requests[0].workflowData!;
		expect(item.json).toEqual({
			answered: true,
			data: { approved: false, respondedAt: expect.any(String) },
			answered_via: 'page',
		});
		const respondedAt = Date.parse(String((item.json.data as IDataObject).respondedAt));
		expect(respondedAt).toBeGreaterThanOrEqual(before);
	});
});

describe('Free Text', () => {
	const freeText = {
		responseType: 'freeText',
		options: { responseFormTitle: 'Your <b>answer</b>', responseFormButtonLabel: 'Send it' },
	};

	test('GET: a form with one required text area, the title escaped', async () => {
		await serve(freeText);
		const response = await call('GET', answerUrl(true));
		expect(response.status).toBe(200);
		expect(response.headers['content-security-policy']).toBe(ANSWER_PAGE_CSP);
		expect(response.text).toContain('<h1>Your &lt;b&gt;answer&lt;/b&gt;</h1>');
		expect(response.text).toContain('<textarea id="field-0" name="field-0" rows="5" required>');
		expect(response.text).toContain('<button type="submit">Send it</button>');
		expect(response.text).not.toContain('<script>');
		expect(webhook.requests[0].workflowData).toBeUndefined();
	});

	test('POST: resumes with data.text', async () => {
		await serve(freeText);
		const response = await call('POST', answerUrl(true), {
			form: { 'field-0': 'Please refund to my card' },
		});
		expect(response.status).toBe(200);
		expect(webhook.requests[0].workflowData).toEqual([
			[
				{
					json: {
						answered: true,
						data: { text: 'Please refund to my card', respondedAt: expect.any(String) },
						answered_via: 'page',
					},
				},
			],
		]);
	});

	test('POST without the text: the form again with 400, nothing resumed', async () => {
		await serve(freeText);
		const response = await call('POST', answerUrl(true), { form: { 'field-0': '' } });
		expect(response.status).toBe(400);
		expect(response.text).toContain('<textarea');
		expect(webhook.requests[0].workflowData).toBeUndefined();
	});
});

describe('Custom Form', () => {
	const customForm = {
		responseType: 'customForm',
		formFields: {
			values: [
				{ fieldLabel: 'Guests', fieldType: 'number', requiredField: true },
				{ fieldLabel: 'Slot', fieldType: 'dropdown', fieldOptions: 'Morning, <Evening>' },
				{ fieldLabel: 'Note', fieldType: 'text' },
			],
		},
	};

	test('GET: every field, the dropdown choices escaped', async () => {
		await serve(customForm);
		const response = await call('GET', answerUrl(true));
		expect(response.status).toBe(200);
		expect(response.text).toContain('<input id="field-0" name="field-0" type="number" required>');
		expect(response.text).toContain('<option>Morning</option><option>&lt;Evening&gt;</option>');
		expect(response.text).toContain('<input id="field-2" name="field-2" type="text">');
	});

	test('POST: resumes with the values by label, a number as a number, an empty field left out', async () => {
		await serve(customForm);
		const response = await call('POST', answerUrl(true), {
			form: { 'field-0': '3', 'field-1': 'Morning', 'field-2': '' },
		});
		expect(response.status).toBe(200);
		expect(webhook.requests[0].workflowData).toEqual([
			[
				{
					json: {
						answered: true,
						data: { Guests: 3, Slot: 'Morning', respondedAt: expect.any(String) },
						answered_via: 'page',
					},
				},
			],
		]);
	});

	test('POST without a required field: 400 with the form, nothing resumed', async () => {
		await serve(customForm);
		const response = await call('POST', answerUrl(true), { form: { 'field-1': 'Morning' } });
		expect(response.status).toBe(400);
		expect(response.headers['content-security-policy']).toBe(ANSWER_PAGE_CSP);
		expect(response.text).toContain('name="field-0"');
		expect(webhook.requests[0].workflowData).toBeUndefined();
	});
});
