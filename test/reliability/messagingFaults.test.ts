import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { run } from '../actions/helpers';
import { ALL_TEMPLATES } from '../fixtures/templates';
import { CUSTOMER, customerWrites, fileItem } from '../messaging/helpers';
import {
	callsOf,
	EmulatorPool,
	FAULT_KINDS,
	faultCasesOf,
	faultSpec,
	type CallPosition,
	type FaultKindName,
} from './matrixSupport';

/**
 * Every API call of every messaging operation, failed in every way 360dialog (or a proxy in front
 * of it) fails. Each case must end with
 *   (a) a clear error naming the call in 360dialog's words; where the call may have landed (a 5xx,
 *       a gateway page, silence, a lost answer) the error says the message (or file) may be out;
 *   (b) no call repeated and nothing after the failed call: a send is never retried, and a
 *       failed upload sends nothing;
 *   (c) in the emulator exactly what landed: no message, or the one whose answer was lost.
 */

const pool = new EmulatorPool(4, 'messaging-faults');
afterAll(async () => await pool.close());

interface MessagingOperation {
	name: string;
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	calls: string[];
	/** What the error says when the call may have landed. */
	uncertain?: Record<string, RegExp>;
}

const MAY_BE_SENT = /The message may still have been sent/;
const MAY_BE_UPLOADED = /The file may still have been uploaded/;
const pdf = () => [fileItem(Buffer.from('%PDF-1.4 invoice'), 'application/pdf', 'invoice.pdf')];

const operations: MessagingOperation[] = [
	{
		name: 'Send Text',
		parameters: { resource: 'message', operation: 'sendText', to: CUSTOMER, text: 'Hello' },
		calls: ['POST /messages'],
		uncertain: { 'POST /messages': MAY_BE_SENT },
	},
	{
		name: 'Send Media from a binary file',
		parameters: {
			resource: 'message',
			operation: 'sendMedia',
			to: CUSTOMER,
			mediaType: 'document',
			source: 'binary',
		},
		items: pdf(),
		calls: ['POST /media', 'POST /messages'],
		uncertain: { 'POST /media': MAY_BE_UPLOADED, 'POST /messages': MAY_BE_SENT },
	},
	{
		name: 'Send Template',
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			to: CUSTOMER,
			template: { __rl: true, mode: 'name', value: 'hello_world' },
			language: 'en_US',
		},
		calls: ['POST /messages'],
		uncertain: { 'POST /messages': MAY_BE_SENT },
	},
	{
		name: 'Mark as Read',
		parameters: { resource: 'message', operation: 'markAsRead', messageId: '={{ $json.id }}' },
		calls: ['POST /messages'],
	},
	{
		name: 'Template Get Many',
		parameters: { resource: 'template', operation: 'getMany', returnAll: true },
		calls: ['GET /v1/configs/templates'],
	},
	{
		name: 'Send CTA URL',
		parameters: {
			resource: 'message',
			operation: 'sendCtaUrl',
			to: CUSTOMER,
			text: 'Your order ships today',
			displayText: 'Track',
			url: 'https://example.com/t/1',
		},
		calls: ['POST /messages'],
		uncertain: { 'POST /messages': MAY_BE_SENT },
	},
	{
		name: 'Send Location Request',
		parameters: {
			resource: 'message',
			operation: 'sendLocationRequest',
			to: CUSTOMER,
			text: 'Where?',
		},
		calls: ['POST /messages'],
		uncertain: { 'POST /messages': MAY_BE_SENT },
	},
	{
		name: 'Send Flow',
		parameters: {
			resource: 'message',
			operation: 'sendFlow',
			to: CUSTOMER,
			text: 'Book',
			flowId: '1197715005513101',
			flowCta: 'Book now',
			screen: 'BOOKING',
		},
		calls: ['POST /messages'],
		uncertain: { 'POST /messages': MAY_BE_SENT },
	},
	{
		name: 'Template Get',
		parameters: { resource: 'template', operation: 'get', templateName: 'order_update' },
		calls: ['GET /v1/configs/templates'],
	},
	{
		name: 'Template Create',
		parameters: {
			resource: 'template',
			operation: 'create',
			templateName: 'shipping_note',
			category: 'UTILITY',
			language: 'en_US',
			body: 'Your parcel ships today.',
		},
		calls: ['POST /v1/configs/templates'],
	},
	{
		name: 'Template Delete',
		parameters: { resource: 'template', operation: 'delete', templateName: 'order_update' },
		calls: ['DELETE /v1/configs/templates/order_update'],
	},
	{
		name: 'Blocked User Block',
		parameters: { resource: 'blockedUser', operation: 'block', users: CUSTOMER },
		calls: ['POST /block_users'],
	},
	{
		name: 'Blocked User Get Many',
		parameters: { resource: 'blockedUser', operation: 'getMany', returnAll: true },
		calls: ['GET /block_users'],
	},
	{
		name: 'Business Profile Get',
		parameters: { resource: 'businessProfile', operation: 'get' },
		calls: ['GET /whatsapp_business_profile'],
	},
	{
		name: 'Business Profile Update',
		parameters: {
			resource: 'businessProfile',
			operation: 'update',
			updateFields: { about: 'Fresh bread' },
		},
		calls: ['POST /whatsapp_business_profile', 'GET /whatsapp_business_profile'],
	},
	{
		name: 'Media Upload',
		parameters: { resource: 'media', operation: 'upload' },
		items: pdf(),
		calls: ['POST /media'],
		uncertain: { 'POST /media': MAY_BE_UPLOADED },
	},
];

/** The customer wrote (window open, a message to mark as read); templates are registered. */
async function arrange(emulator: Emulator): Promise<string> {
	emulator.registerTemplates(ALL_TEMPLATES);
	const incomingId = await customerWrites(emulator);
	emulator.clearRequests();
	return incomingId;
}

function parametersFor(operation: MessagingOperation): INodeParameters {
	return { ...operation.parameters, options: { requestTimeout: 1 } };
}

const inputFor = (operation: MessagingOperation, incomingId: string) =>
	operation.items ?? [{ json: { id: incomingId } }];

/** What landed in the emulator: messages sent, read receipts, files stored. */
const landed = (emulator: Emulator) => ({
	messages: emulator.messages().length,
	receipts: emulator.readReceipts().length,
	media: emulator.media().length,
});

/** What the operation leaves behind when it succeeds, counted per call. */
function landsOf(call: string, operation: MessagingOperation) {
	if (call === 'POST /media') return { media: 1 };
	if (call === 'POST /messages') {
		return operation.parameters.operation === 'markAsRead' ? { receipts: 1 } : { messages: 1 };
	}
	return {};
}

function expectedLanded(operation: MessagingOperation, upTo: number) {
	const world = { messages: 0, receipts: 0, media: 0 };
	for (const call of operation.calls.slice(0, upTo)) Object.assign(world, landsOf(call, operation));
	return world;
}

const cleanCases = operations.map((operation) => [operation.name, operation] as const);

const faultCases = faultCasesOf(
	operations,
	(operation) => operation.name,
	(operation) => operation.calls,
);

test.concurrent.each(cleanCases)(
	'%s without faults makes exactly the calls in the table',
	async (_label, operation) =>
		await pool.use(async (emulator) => {
			const incomingId = await arrange(emulator);
			const result = await run(emulator, parametersFor(operation), {
				items: inputFor(operation, incomingId),
			});
			expect(result.error).toBeUndefined();
			expect(callsOf(emulator)).toEqual(operation.calls);
			expect(landed(emulator)).toEqual(expectedLanded(operation, operation.calls.length));
		}),
);

test.concurrent.each(faultCases)(
	'%s',
	async (_label, operation, position: CallPosition, fault: FaultKindName) =>
		await pool.use(async (emulator) => {
			const incomingId = await arrange(emulator);
			emulator.injectFault(faultSpec(position, fault));

			const result = await run(emulator, parametersFor(operation), {
				items: inputFor(operation, incomingId),
			});
			await emulator.settle();

			// (a) a clear error, in 360dialog's words, naming the call.
			expect(result.error).toBeDefined();
			expect(result.items).toEqual([]);
			expect(result.error!.message).toMatch(FAULT_KINDS[fault].message(position.call));
			const uncertain = operation.uncertain?.[position.call];
			if (uncertain && fault !== '401') expect(result.error!.description).toMatch(uncertain);
			if (!uncertain || fault === '401') {
				expect(result.error!.description ?? '').not.toMatch(/may still have been/);
			}
			expect(JSON.stringify(result.error)).not.toContain(emulator.apiKey);
			// (b) nothing repeated (n8n-core itself re-sends a JSON request once after a 401) and
			// nothing after the failed call.
			const calls = callsOf(emulator);
			const expectedCalls = operation.calls.slice(0, position.index + 1);
			if (fault === '401') expectedCalls.push(position.call);
			expect(calls).toEqual(expectedCalls);
			// (c) only what landed: the calls before, and the faulted one if its answer was lost.
			const upTo = fault === 'lostAnswer' ? position.index + 1 : position.index;
			expect(landed(emulator)).toEqual(expectedLanded(operation, upTo));
		}),
);
