import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { startEmulator, type Emulator } from '../../emulator';
import { PUBLIC_HOST } from '../../harness/publicHost';
import { startSink, type Sink } from '../../harness/sink';
import { resumePathOf } from '../../nodes/shared/answers/answerButtonId';
import { emulatorCredentials } from '../harness/additionalData';
import { runAction } from '../harness/runAction';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness, type WebhookMode } from '../harness/triggerHarness';
import { CUSTOMER } from '../messaging/helpers';

// A tap on a Send and Wait for Response reply button goes through the real fan-out to the trigger,
// which passes it on to n8n's resume endpoint (here a stand-in that records each POST and answers
// as configured) after its 200, and emits it or not depending on that answer.

/** What n8n's resume endpoint got: path and query as requested, and the JSON body. */
interface ResumeCall {
	method: string;
	url: string;
	contentType: string;
	body: IDataObject;
}

/** Stands in for n8n's /webhook-waiting endpoint: records each request, answers `reply`. */
interface ResumeStandIn {
	url: string;
	calls: ResumeCall[];
	reply: { status: number; contentType: string; body: string };
	close(): Promise<void>;
}

const RESUMED = { status: 200, contentType: 'application/json', body: '{"resumed":true}' };

async function startResumeStandIn(): Promise<ResumeStandIn> {
	const standIn = { calls: [] as ResumeCall[], reply: { ...RESUMED } } as ResumeStandIn;
	const server: Server = createServer(async (req, res) => {
		const raw = (await buffer(req)).toString('utf8');
		let body: IDataObject = {};
		try {
			body = JSON.parse(raw) as IDataObject;
		} catch {
			body = { unparsed: raw };
		}
		standIn.calls.push({
			method: req.method ?? '',
			url: req.url ?? '',
			contentType: req.headers['content-type'] ?? '',
			body,
		});
		res.writeHead(standIn.reply.status, { 'content-type': standIn.reply.contentType });
		res.end(standIn.reply.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	standIn.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return standIn;
}

/** A loopback address where nothing listens: a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}`;
}

const NOTHING_WAITS = /^no execution waits for this answer any more/;

let mainWebhook: Sink;
let standIn: ResumeStandIn;
let emulator: Emulator;
let trigger: TriggerHarness;

beforeAll(async () => {
	mainWebhook = await startSink();
	standIn = await startResumeStandIn();
});

afterAll(async () => {
	await standIn.close();
	await mainWebhook.close();
});

beforeEach(() => {
	standIn.calls.length = 0;
	standIn.reply = { ...RESUMED };
});

afterEach(async () => {
	await trigger?.close();
	await emulator?.close();
});

/** Emulator, main webhook and an active trigger with these Options, as in redeliveries.test.ts. */
async function start(
	options: IDataObject = {},
	mode: WebhookMode = 'production',
	parameters: IDataObject = {},
) {
	trigger = new TriggerHarness({
		credentials: { apiKey: '', hosting: 'custom', baseUrl: '' },
		parameters: { ...parameters, options } as INodeParameters,
	});
	const port = await trigger.listen();
	emulator = await startEmulator({
		apiKey: testApiKey('answers'),
		hostMap: { [PUBLIC_HOST]: port },
	});
	emulator.setState({ phoneNumberWebhook: { url: `${mainWebhook.url}/main` } });
	trigger.setCredentials(emulatorCredentials(emulator.url, emulator.apiKey));
	await trigger.activate(mode);
	await emulator.settle();
	emulator.setWindow(CUSTOMER, true);
}

const credentials = () => emulatorCredentials(emulator.url, emulator.apiKey);

/** Send and Wait for Response with reply buttons, as an execution of a real n8n (numeric id). */
async function askWithButtons(): Promise<{ messageId: string; ids: string[] }> {
	const result = await runAction({
		parameters: {
			resource: 'message',
			operation: 'sendAndWait',
			to: CUSTOMER,
			message: 'Refund order A-7?',
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' },
			},
			options: { answerWith: 'replyButtons' },
		},
		credentials: credentials(),
		executionId: '4711',
	});
	expect(result.error).toBeUndefined();
	expect(result.run.waitTill).toBeInstanceOf(Date);
	return sentButtonIds(String(result.items[0].json.message_id));
}

/** A builder's own Send Buttons message with these ids. */
async function sendOwnButtons(ids: string[]): Promise<{ messageId: string; ids: string[] }> {
	const result = await runAction({
		parameters: {
			resource: 'message',
			operation: 'sendButtons',
			to: CUSTOMER,
			text: 'Shall we call you?',
			buttons: { button: ids.map((id, index) => ({ id, title: `Choice ${index + 1}` })) },
		},
		credentials: credentials(),
	});
	expect(result.error).toBeUndefined();
	return sentButtonIds(String(result.items[0].json.message_id));
}

function sentButtonIds(messageId: string) {
	const sent = emulator.messages().find(({ id }) => id === messageId)!;
	const { buttons } = (
		sent.body.interactive as { action: { buttons: Array<{ reply: IDataObject }> } }
	).action;
	return { messageId, ids: buttons.map(({ reply }) => String(reply.id)) };
}

/** The customer taps a button through the emulator's control endpoint; waits for the execution. */
async function tap(
	messageId: string,
	index = 0,
): Promise<{ notification: unknown; execution: INodeExecutionData[][] }> {
	// The sent message's statuses come first, each in an execution of its own.
	await emulator.settle();
	await trigger.idle();
	const before = trigger.executions.length;
	const response = await request(`${emulator.url}/_emulator/tap`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ message_id: messageId, index }),
	});
	expect(response.statusCode).toBe(200);
	const answer = (await response.body.json()) as {
		notification: unknown;
		deliveries: Array<{ target: string; status: number | null }>;
	};
	expect(answer.deliveries.map(({ status }) => status)).toEqual([200, 200]);
	await trigger.idle();
	expect(trigger.executions).toHaveLength(before + 1);
	const execution = trigger.executions[before];
	expect(execution.error).toBeUndefined();
	return { notification: answer.notification, execution: execution.outputs };
}

const messagesOf = (outputs: INodeExecutionData[][]) => outputs[0].map(({ json }) => json);

describe('a tap that resumes the waiting execution', () => {
	test("is posted to <Base URL for Answers><the button's resume path> with who answered, and not emitted", async () => {
		await start({ answersBaseUrl: standIn.url });
		const { messageId, ids } = await askWithButtons();
		const { execution } = await tap(messageId, 1);

		expect(standIn.calls).toHaveLength(1);
		const [call] = standIn.calls;
		expect(call.method).toBe('POST');
		expect(call.url).toBe(resumePathOf(ids[1]));
		expect(new URL(call.url, standIn.url).searchParams.get('approved')).toBe('false');
		expect(call.contentType).toMatch(/^application\/json/);
		expect(call.body).toEqual({
			answered_via: 'reply_button',
			wa_id: CUSTOMER,
			name: 'Lena Fischer',
			answer_message_id: expect.stringMatching(/^wamid\./),
			answered_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
		});
		expect(call.body.answer_message_id).not.toBe(messageId);
		expect(messagesOf(execution)).toEqual([]);
	});

	test('with Emit Answers to Send and Wait on, it is also on Messages, with answer.resumed: true', async () => {
		await start({ answersBaseUrl: standIn.url, emitAnswers: true });
		const { messageId, ids } = await askWithButtons();
		const { execution } = await tap(messageId, 0);

		expect(standIn.calls.map(({ url }) => url)).toEqual([resumePathOf(ids[0])]);
		expect(messagesOf(execution)).toEqual([
			expect.objectContaining({
				from: CUSTOMER,
				reply: { type: 'button_reply', id: ids[0], title: 'Yes' },
				context: expect.objectContaining({ id: messageId }),
				answer: { resumed: true },
			}),
		]);
	});

	test("a Base URL with a path: the button's path replaces it (it holds n8n's base path already)", async () => {
		await start({ answersBaseUrl: `${standIn.url}/n8n/` });
		const { messageId, ids } = await askWithButtons();
		await tap(messageId);
		expect(standIn.calls.map(({ url }) => url)).toEqual([resumePathOf(ids[0])]);
	});

	test('a redelivery of the same tap is dropped before it is passed on: one POST only', async () => {
		await start({ answersBaseUrl: standIn.url, emitAnswers: true });
		const { messageId } = await askWithButtons();
		const { notification } = await tap(messageId);
		expect(standIn.calls).toHaveLength(1);

		const results = await emulator.deliver(notification);
		expect(results.map(({ status }) => status)).toEqual([200, 200]);
		const before = trigger.executions.length;
		await trigger.idle();
		expect(trigger.executions).toHaveLength(before + 1);
		expect(trigger.executions[before].outputs.map((items) => items.length)).toEqual([0, 0, 0]);
		expect(standIn.calls).toHaveLength(1);
	});
});

describe('a tap that resumed nothing is emitted, saying why', () => {
	test.each<[string, ResumeStandIn['reply'], IDataObject]>([
		[
			"200 with n8n 2.x's page for an execution that is over",
			{
				status: 200,
				contentType: 'text/html; charset=utf-8',
				body: '<!DOCTYPE html><html><body><h1>No action required</h1></body></html>',
			},
			{ status: 200, reason: expect.stringMatching(NOTHING_WAITS) },
		],
		[
			'409 (answered already)',
			{ status: 409, contentType: 'application/json', body: '{"message":"conflict"}' },
			{ status: 409, reason: expect.stringMatching(NOTHING_WAITS) },
		],
		[
			'404 (no such waiting execution)',
			{ status: 404, contentType: 'application/json', body: '{"code":404}' },
			{ status: 404, reason: expect.stringMatching(NOTHING_WAITS) },
		],
		[
			'200 JSON without resumed: true',
			{ status: 200, contentType: 'application/json', body: '{"resumed":"yes"}' },
			{ status: 200, reason: expect.stringMatching(NOTHING_WAITS) },
		],
		[
			"403 (the node's recipient check)",
			{ status: 403, contentType: 'application/json', body: '{"error":"another recipient"}' },
			{ status: 403, reason: 'n8n refused the answer: the button was sent to another number' },
		],
		[
			"401 (n8n's signature check)",
			{ status: 401, contentType: 'text/plain', body: 'Invalid token' },
			{ status: 401, reason: 'n8n refused the answer: its signature does not match' },
		],
	])('%s', async (_, reply, answer) => {
		standIn.reply = reply;
		await start({ answersBaseUrl: standIn.url });
		const { messageId, ids } = await askWithButtons();
		const { execution } = await tap(messageId);
		expect(standIn.calls).toHaveLength(1);
		expect(messagesOf(execution)).toEqual([
			expect.objectContaining({
				reply: expect.objectContaining({ id: ids[0] }),
				answer: { resumed: false, ...answer },
			}),
		]);
	});

	test('the Base URL unreachable (a closed port): a reason naming the Base URL option', async () => {
		const closed = await closedPortUrl();
		await start({ answersBaseUrl: closed });
		const { messageId } = await askWithButtons();
		const { execution } = await tap(messageId);
		const [item] = messagesOf(execution);
		expect(item.answer).toEqual({
			resumed: false,
			reason: expect.stringContaining(`could not reach n8n at ${closed} (`),
		});
		expect((item.answer as IDataObject).reason).toMatch(/set Options → Base URL for Answers/);
	});

	test("without a Base URL: the origin of the trigger's production registration is where it goes", async () => {
		// The harness registers https://n8n.test/webhook/… (360dialog wants https without a port),
		// a name only the emulator's host map resolves: the POST to that origin cannot connect, and
		// the reason names the origin it was sent to.
		await start();
		const { messageId } = await askWithButtons();
		const { execution } = await tap(messageId);
		expect(standIn.calls).toEqual([]);
		const [item] = messagesOf(execution);
		expect(item.answer).toEqual({
			resumed: false,
			reason: expect.stringContaining(`could not reach n8n at https://${PUBLIC_HOST} (`),
		});
	});

	test('without a Base URL and with only a test registration: the reason says to set the option', async () => {
		await start({}, 'test');
		const { messageId } = await askWithButtons();
		const { execution } = await tap(messageId);
		expect(standIn.calls).toEqual([]);
		expect(messagesOf(execution)).toEqual([
			expect.objectContaining({
				answer: {
					resumed: false,
					reason:
						'this trigger has no production registration to find n8n by: set Options → Base URL for Answers',
				},
			}),
		]);
	});
});

describe('buttons that are not answer buttons are ordinary messages: nothing is posted', () => {
	test.each([
		["a builder's own ids", ['call', 'chat']],
		[
			'an id that names a host',
			[`n8n-answer:https://evil.example/webhook-waiting/4711/node?signature=${'ab'.repeat(32)}`],
		],
		['an id without a signature', ['n8n-answer:/webhook-waiting/4711/node?approved=true']],
	])('%s', async (_, ownIds) => {
		await start({ answersBaseUrl: standIn.url });
		const { messageId, ids } = await sendOwnButtons(ownIds);
		expect(ids).toEqual(ownIds);
		const { execution } = await tap(messageId);
		expect(standIn.calls).toEqual([]);
		const [item] = messagesOf(execution);
		expect(item.reply).toEqual({ type: 'button_reply', id: ownIds[0], title: 'Choice 1' });
		expect(item).not.toHaveProperty('answer');
	});
});

describe("the trigger's filters apply to ordinary messages, not to answers it must pass on", () => {
	test.each<[string, IDataObject, IDataObject]>([
		['Message Types without Interactive', {}, { messageTypes: ['text'] }],
		['Events without Messages', { events: ['status', 'error'] }, {}],
	])('%s: the tap still resumes the waiting execution', async (_, parameters, options) => {
		await start({ answersBaseUrl: standIn.url, ...options }, 'production', parameters);
		const { messageId, ids } = await askWithButtons();
		const { execution } = await tap(messageId);
		expect(standIn.calls.map(({ url }) => url)).toEqual([resumePathOf(ids[0])]);
		expect(messagesOf(execution)).toEqual([]);
	});

	test("Message Types without Interactive: a builder's own button reply is still filtered out", async () => {
		await start({ answersBaseUrl: standIn.url, messageTypes: ['text'] });
		const { messageId } = await sendOwnButtons(['call']);
		await emulator.settle();
		await trigger.idle();
		const before = trigger.executions.length;
		const response = await request(`${emulator.url}/_emulator/tap`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ message_id: messageId }),
		});
		expect(response.statusCode).toBe(200);
		await response.body.dump();
		await trigger.idle();
		expect(trigger.executions).toHaveLength(before);
		expect(standIn.calls).toEqual([]);
	});
});
