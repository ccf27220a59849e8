import type { INodeParameters } from 'n8n-workflow';

import type { FaultSpec } from '../../emulator';
import { byName, expectNoKey, run, useEmulator } from '../actions/helpers';
import { searchList } from '../actions/listSearch';
import { ALL_TEMPLATES } from '../fixtures/templates';
import { testApiKey } from '../harness/testKeys';
import { CUSTOMER, customerWrites, fileItem, message } from './helpers';

const emulator = useEmulator();

const MAY_BE_SENT =
	"The message may still have been sent: check the trigger's Statuses output (or the chat) before sending it again.";

/** Meta's envelope as 360dialog passes it through. */
function graphFault(status: number, code: number, title: string, details: string): FaultSpec {
	return {
		path: '/messages',
		method: 'POST',
		status,
		body: {
			error: {
				message: `(#${code}) ${title}`,
				type: 'OAuthException',
				code,
				error_data: { messaging_product: 'whatsapp', details },
				fbtrace_id: 'AbC123',
			},
		},
	};
}

/** 360dialog's own envelope, sent by its gateway before WhatsApp sees the call. */
function metaFault(developerMessage: string): FaultSpec {
	return {
		path: '/messages',
		status: 400,
		body: { meta: { success: false, httpCode: 400, developerMessage } },
	};
}

const text = message('sendText', { text: 'Your order shipped' });
const orderUpdate = (components: unknown[], parameters: INodeParameters = {}) =>
	message('sendTemplate', {
		template: byName('order_update'),
		language: 'en_US',
		componentsJson: JSON.stringify(components),
		...parameters,
	});
const header = {
	type: 'header',
	parameters: [{ type: 'image', image: { id: '1037543291543636' } }],
};
const buttons = [
	{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-7' }] },
	{
		type: 'button',
		sub_type: 'copy_code',
		index: '1',
		parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
	},
];
const body = (...values: string[]) => ({
	type: 'body',
	parameters: values.map((value) => ({ type: 'text', text: value })),
});

interface Case {
	error: string;
	parameters: INodeParameters;
	/** Set up the emulator; none of these would be caught by the node's own checks. */
	arrange?: () => void | Promise<void>;
	message: string | RegExp;
	description: RegExp;
	httpCode: string;
}

const cases: Case[] = [
	{
		error: '131047: outside the 24-hour window',
		parameters: text,
		message: 'WhatsApp refused the message: the 24-hour customer service window is closed (131047)',
		description:
			/360dialog says: "\(#131047\) Re-engagement message: Message failed to send because more than 24 hours.*Send an approved template with the Send Template operation/,
		httpCode: '400',
	},
	{
		error: '131047 after the window was closed by the emulator',
		parameters: text,
		arrange: async () => {
			await customerWrites(emulator());
			emulator().setWindow(CUSTOMER, false);
		},
		message: /\(131047\)$/,
		description: /Send Template/,
		httpCode: '400',
	},
	{
		error: '132001: a template name that does not exist',
		parameters: message('sendTemplate', { template: byName('order_updates'), language: 'en_US' }),
		message: 'WhatsApp refused the template: it does not exist in this language (132001)',
		description:
			/template name \(order_updates\) does not exist in en_US.*must be approved in the chosen language/,
		httpCode: '400',
	},
	{
		error: '132001: a language the template does not have',
		parameters: orderUpdate([header, body('Ana', 'A-7'), ...buttons], { language: 'fr' }),
		message: 'WhatsApp refused the template: it does not exist in this language (132001)',
		description: /does not exist in fr \(it exists in en_US, de\)/,
		httpCode: '400',
	},
	{
		error: '132000: one body parameter where the template has two',
		parameters: orderUpdate([header, body('Ana'), ...buttons]),
		message:
			"WhatsApp refused the template: the template's body got the wrong number of parameters (132000)",
		description:
			/body: number of localizable_params \(1\) does not match the expected number of params \(2\)/,
		httpCode: '400',
	},
	{
		error: '132000: a button parameter missing',
		parameters: orderUpdate([header, body('Ana', 'A-7'), buttons[1]]),
		message:
			'WhatsApp refused the template: button 0 of the template got the wrong number of parameters (132000)',
		description: /Template Parameters/,
		httpCode: '400',
	},
	{
		error: '132012: text where the header wants an image',
		parameters: orderUpdate([
			{ type: 'header', parameters: [{ type: 'text', text: 'x' }] },
			body('Ana', 'A-7'),
			...buttons,
		]),
		message:
			"WhatsApp refused the template: a parameter of the template's header has the wrong format (132012)",
		description: /expected an image parameter.*an image, video or document for a media header/,
		httpCode: '400',
	},
	{
		error: '132005: a body too long once filled in',
		parameters: orderUpdate([header, body('Ana', 'x'.repeat(1000)), ...buttons]),
		message:
			"WhatsApp refused the template: the template's body is too long once filled in (132005)",
		description: /at most 1024 are allowed.*Shorten the parameter values/,
		httpCode: '400',
	},
	{
		error: '131026: undeliverable',
		parameters: text,
		arrange: () =>
			emulator().injectFault(
				graphFault(400, 131026, 'Message undeliverable', 'Recipient is not a valid WhatsApp user'),
			),
		message: 'WhatsApp could not deliver the message (131026)',
		description: /Recipient is not a valid WhatsApp user.*do not resend the message automatically/,
		httpCode: '400',
	},
	{
		error: '130429: throughput limit',
		parameters: text,
		arrange: () =>
			emulator().injectFault(
				graphFault(429, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached'),
			),
		message: "WhatsApp is limiting this number's throughput: slow down (130429)",
		description: /80 messages per second.*Loop Over Items node and a Wait node/,
		httpCode: '429',
	},
	{
		error: '131056: too many messages to one recipient',
		parameters: text,
		arrange: () =>
			emulator().injectFault(
				graphFault(
					400,
					131056,
					'(Business Account, Consumer Account) pair rate limit hit',
					'Too many messages sent from the sender phone number to the same recipient',
				),
			),
		message: 'Too many messages to this recipient in a short time: slow down (131056)',
		description: /Wait before sending this recipient more/,
		httpCode: '400',
	},
	{
		error: "470: On-Premise's envelope for the closed window",
		parameters: text,
		arrange: () =>
			emulator().injectFault({
				path: '/messages',
				status: 400,
				body: {
					errors: [
						{
							code: 470,
							title: 'Message failed to send because more than 24 hours have passed',
							details: 'Re-engagement message',
						},
					],
					meta: { api_status: 'stable', version: '2.41.2' },
				},
			}),
		message: /customer service window is closed \(131047\)$/,
		description:
			/360dialog says: "Message failed to send because more than 24 hours have passed: Re-engagement message"/,
		httpCode: '400',
	},
	{
		error: "360dialog's own envelope: the API is disabled",
		parameters: text,
		arrange: () => emulator().injectFault(metaFault('API is disabled for this number')),
		message: '360dialog refused POST /messages (400: API is disabled for this number)',
		description: /Check the parameters/,
		httpCode: '400',
	},
	{
		error: "360dialog's rate limit",
		parameters: text,
		arrange: () =>
			emulator().injectFault(
				metaFault('You have exceeded the limit of 1 request every 5 seconds.'),
			),
		message: /^360dialog is rate limiting these calls/,
		description: /Slow down/,
		httpCode: '400',
	},
	{
		error: 'a 5xx: the message may have gone out',
		parameters: text,
		arrange: () => emulator().injectFault({ path: '/messages', status: 503 }),
		message:
			/^360dialog refused POST \/messages \(503: \(#131000\) Something went wrong: Service Unavailable\)$/,
		description: new RegExp(
			`fault on 360dialog's side; try again later\\. ${MAY_BE_SENT.replace(/[.()]/g, '\\$&')}$`,
		),
		httpCode: '503',
	},
	{
		error: "a proxy's HTML page",
		parameters: text,
		arrange: () => emulator().injectFault({ path: '/messages', html: true, status: 502 }),
		message: "360dialog's gateway failed on POST /messages (502)",
		description: /Try again in a minute\. The message may still have been sent/,
		httpCode: '502',
	},
	{
		error: 'marking a message as read that never came in',
		parameters: { resource: 'message', operation: 'markAsRead', messageId: 'wamid.not-ours' },
		message:
			'360dialog refused POST /messages (400: (#100) Invalid parameter: Param message_id "wamid.not-ours" is not an incoming message of this number)',
		description: /360dialog says/,
		httpCode: '400',
	},
];

describe('Messaging: API errors in words a builder understands', () => {
	beforeEach(() => emulator().registerTemplates(ALL_TEMPLATES));

	it.each(cases.map((c) => [c.error, c] as const))('%s', async (_error, testCase) => {
		await testCase.arrange?.();

		const result = await run(emulator(), testCase.parameters);

		expect(result.error?.name).toBe('NodeApiError');
		if (typeof testCase.message === 'string') expect(result.error?.message).toBe(testCase.message);
		else expect(result.error?.message).toMatch(testCase.message);
		expect(result.error?.description).toMatch(testCase.description);
		expect(result.error?.httpCode).toBe(testCase.httpCode);
		expect(emulator().messages()).toEqual([]);
		expectNoKey(result, emulator().apiKey);
	});

	it('a time-out on a send says the message may have gone out, and is not retried', async () => {
		await customerWrites(emulator());
		emulator().injectFault({ path: '/messages', hang: true });

		const result = await run(emulator(), { ...text, options: { requestTimeout: 1 } });

		expect(result.error?.message).toBe('360dialog did not answer POST /messages in time');
		expect(result.error?.description).toBe(MAY_BE_SENT);
		expect(emulator().requests.filter((r) => r.path === '/messages')).toHaveLength(1);
	});

	it("a wrong key: 360dialog's 401, never the key itself", async () => {
		const wrongKey = testApiKey('messaging-wrong-key');

		const result = await run(emulator(), text, { apiKey: wrongKey });

		expect(result.error?.message).toBe(
			'360dialog rejected the API key (401: Invalid api_key or token expired)',
		);
		expectNoKey(result, wrongKey);
	});

	it('with Continue On Fail, a refused item carries the WhatsApp code and the others go out', async () => {
		await customerWrites(emulator());

		const result = await run(
			emulator(),
			message('sendText', { to: '={{ $json.to }}', text: 'Update' }),
			{
				continueOnFail: true,
				input: [{ to: CUSTOMER }, { to: '4915100000000' }, { to: CUSTOMER }],
			},
		);

		expect(result.error).toBeUndefined();
		expect(
			result.items.map(({ json, pairedItem }) => [json.wa_id ?? json.code, pairedItem]),
		).toEqual([
			[CUSTOMER, { item: 0 }],
			[131047, { item: 1 }],
			[CUSTOMER, { item: 2 }],
		]);
		expect(result.items[1].json).toMatchObject({
			error: 'WhatsApp refused the message: the 24-hour customer service window is closed (131047)',
			httpCode: '400',
		});
		expect(emulator().messages()).toHaveLength(2);
	});

	it('an upload 360dialog refuses sends nothing', async () => {
		await customerWrites(emulator());
		emulator().injectFault({
			path: '/media',
			status: 400,
			body: {
				error: {
					message: '(#100) Invalid parameter',
					code: 100,
					error_data: { details: 'Param file must be a file with one of the supported types' },
				},
			},
		});

		const result = await run(
			emulator(),
			message('sendMedia', { mediaType: 'document', source: 'binary' }),
			{ items: [fileItem(Buffer.from('%PDF-1.4'), 'application/pdf', 'a.pdf')] },
		);

		expect(result.error?.message).toBe(
			'360dialog refused POST /media (400: (#100) Invalid parameter: Param file must be a file with one of the supported types)',
		);
		expect(emulator().requests.map((r) => r.path)).toEqual(['/media']);
	});

	it("the template list fails with 360dialog's message when the key is wrong", async () => {
		const wrongKey = testApiKey('templates-wrong-key');

		const error = await searchList(emulator(), 'getTemplates', {
			apiKey: wrongKey,
			parameters: message('sendTemplate'),
			path: 'template',
		}).catch((thrown: Error) => thrown);

		expect((error as Error).message).toBe(
			'360dialog rejected the API key (401: Invalid api_key or token expired)',
		);
		expect(JSON.stringify(error)).not.toContain(wrongKey);
	});
});
