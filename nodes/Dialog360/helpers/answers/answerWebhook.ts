import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { recipientTag } from '../../../shared/answers/answerButtonId';
import {
	ANSWER_PAGE_CSP,
	confirmPage,
	formPage,
	RECORDED_PAGE,
	type FormField,
} from './answerPage';
import { readFormFields } from './formFields';

/** What the 360dialog Trigger posts when the recipient tapped a reply button (see afterReceipt/answers.ts). */
const tapSchema = z.object({
	answered_via: z.literal('reply_button'),
	wa_id: z.string(),
	name: z.string().optional(),
	answer_message_id: z.string().optional(),
	answered_at: z.string(),
});

/**
 * Where the answer to Send and Wait for Response arrives: n8n's signed resume URL for this node
 * (GET: the answer page, POST: an answer), as n8n's own send-and-wait nodes declare it. n8n serves
 * it while the execution waits; there is nothing to register with 360dialog.
 */
const answerWebhook = {
	name: 'default',
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
} as const;

export const ANSWER_WEBHOOKS: IWebhookDescription[] = [
	{ ...answerWebhook, httpMethod: 'GET' },
	{ ...answerWebhook, httpMethod: 'POST' },
];

const FREE_TEXT_FIELD: FormField = {
	label: 'Response',
	type: 'textarea',
	options: [],
	required: true,
};

function html(context: IWebhookFunctions, status: number, body: string): IWebhookResponseData {
	const response = context.getResponseObject();
	response.writeHead(status, {
		'content-type': 'text/html; charset=utf-8',
		'content-security-policy': ANSWER_PAGE_CSP,
	});
	response.end(body);
	return { noWebhookResponse: true };
}

function refuse(context: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	const response = context.getResponseObject();
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify({ error }));
	return { noWebhookResponse: true };
}

const answered = (json: IDataObject, page = true): IWebhookResponseData => ({
	...(page ? { webhookResponse: RECORDED_PAGE } : { webhookResponse: { resumed: true } }),
	workflowData: [[{ json: { answered: true, ...json } }]],
});

function pageTexts(context: IWebhookFunctions) {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const message = String(context.getNodeParameter('message', '') ?? '');
	return {
		title: String(options.responseFormTitle ?? ''),
		description: String(options.responseFormDescription || message),
		buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
	};
}

/** A submitted form's values by field label: numbers as numbers, empty fields left out. */
function formValues(fields: FormField[], body: IDataObject): IDataObject {
	const values: IDataObject = {};
	fields.forEach((field, index) => {
		const raw = body[`field-${index}`];
		if (typeof raw !== 'string' || raw === '') return;
		values[field.label] = field.type === 'number' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
	});
	return values;
}

/**
 * Send and Wait for Response's webhook(): n8n calls it for requests to the signed resume URL
 * (n8n has checked the signature and that the execution still waits). A tap passed on by the
 * 360dialog Trigger resumes it when it comes from the recipient; a browser gets the answer page
 * on GET, and its POST resumes the execution.
 */
export async function receiveAnswer(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const query = request.query as Record<string, string | undefined>;
	const approved = query.approved === 'true';
	const respondedAt = new Date().toISOString();
	const body = (this.getBodyData() ?? {}) as IDataObject;
	const responseType = this.getNodeParameter('responseType', 'approval') as string;

	if (request.method === 'POST' && body.answered_via === 'reply_button') {
		const tap = tapSchema.safeParse(body);
		if (!tap.success) return refuse(this, 400, 'Not an answer from the 360dialog Trigger');
		// The button went to one number: a tap relayed for any other is refused.
		if (query.to !== recipientTag(tap.data.wa_id)) {
			return refuse(this, 403, 'This answer belongs to another recipient');
		}
		const { wa_id, name, answer_message_id, answered_at } = tap.data;
		return answered(
			{
				data: { approved, respondedAt: answered_at },
				wa_id,
				...(name ? { name } : {}),
				...(answer_message_id ? { answer_message_id } : {}),
				answered_via: 'reply_button',
			},
			false,
		);
	}

	if (responseType === 'approval') {
		if (request.method !== 'POST') {
			const { approveLabel = '✓ Approve', disapproveLabel = '✗ Decline' } = this.getNodeParameter(
				'approvalOptions.values',
				{},
			) as { approveLabel?: string; disapproveLabel?: string };
			const message = String(this.getNodeParameter('message', '') ?? '');
			return html(this, 200, confirmPage(message, approved ? approveLabel : disapproveLabel));
		}
		return answered({ data: { approved, respondedAt }, answered_via: 'page' });
	}

	const fields =
		responseType === 'customForm'
			? readFormFields(this.getNode(), this.getNodeParameter('formFields', {}))
			: [FREE_TEXT_FIELD];
	if (request.method !== 'POST') return html(this, 200, formPage(pageTexts(this), fields));
	const values = formValues(fields, body);
	const missing = fields.find((field) => field.required && values[field.label] === undefined);
	if (missing) return html(this, 400, formPage(pageTexts(this), fields));
	const data = responseType === 'customForm' ? values : { text: values.Response };
	return answered({ data: { ...data, respondedAt }, answered_via: 'page' });
}
