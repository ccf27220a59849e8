import { randomUUID } from 'node:crypto';
import type { CredentialImport } from '../../harness/n8n';
import { credentialRef } from '../../harness/workflows/credential';
import {
	ACTION_TYPE,
	node,
	outputs,
	TRIGGER_TYPE,
	workflow,
	type WorkflowNode,
} from '../../harness/workflows/nodes';
import { markAsRead, replyWithButtons } from '../../harness/workflows/replyNodes';

export const EXAMPLE_WORKFLOW_ID = 'dev360dialogFlow';
export const ADMIN_WORKFLOW_ID = 'dev360dialogAdmn';
export const APPROVAL_WORKFLOW_ID = 'dev360dialogAskA';
export const APPROVAL_START = 'Ask for approval';
/** The emulator's sample customer, who gets the approval question. */
export const SAMPLE_CUSTOMER = '4917612345678';

/** An Edit Fields (Set) node that keeps a few fields of each item, as a starting point. */
function keepFields(name: string, position: [number, number], fields: string[]): WorkflowNode {
	return node(name, 'n8n-nodes-base.set', 3.4, position, {
		assignments: {
			assignments: fields.map((field) => ({
				id: randomUUID(),
				name: field,
				value: `={{ $json.${field} }}`,
				type: field === 'code' ? 'number' : 'string',
			})),
		},
		options: {},
	});
}

/**
 * 360dialog Trigger (text messages only) -> mark each as read (with "typing…") and reply with
 * buttons, both straight from the trigger's item; statuses and errors each to an Edit Fields node.
 */
export function exampleWorkflow(credential: CredentialImport, answersBaseUrl: string) {
	const trigger = node(
		'360dialog Trigger',
		TRIGGER_TYPE,
		1.1,
		[0, 0],
		{
			events: ['message', 'status', 'error'],
			// The public host here is only the emulator's name for n8n: taps on the approval
			// example's buttons are passed on to n8n's loopback address.
			options: { messageTypes: ['text'], answersBaseUrl },
		},
		{ webhookId: randomUUID(), credentials: credentialRef(credential) },
	);
	const read = markAsRead('Mark as read', [320, -280], credential);
	const reply = replyWithButtons('Reply with buttons', [320, -100], credential);
	const status = keepFields('Status update', [320, 100], ['message_id', 'status']);
	const error = keepFields('Error', [320, 280], ['code', 'message']);
	return workflow(
		EXAMPLE_WORKFLOW_ID,
		'WhatsApp via 360dialog (example)',
		[trigger, read, reply, status, error],
		{
			[trigger.name]: {
				main: [
					[
						{ node: read.name, type: 'main', index: 0 },
						{ node: reply.name, type: 'main', index: 0 },
					],
					[{ node: status.name, type: 'main', index: 0 }],
					[{ node: error.name, type: 'main', index: 0 }],
				],
			},
		},
	);
}

/** Manual Trigger -> 360dialog "Get" of the multi-webhook: the action node, ready to try. */
export function adminWorkflow(credential: CredentialImport) {
	const start = node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const get = node(
		'Get multi-webhook',
		ACTION_TYPE,
		1,
		[240, 0],
		{ resource: 'multiWebhook', operation: 'get' },
		{ credentials: credentialRef(credential) },
	);
	return workflow(ADMIN_WORKFLOW_ID, '360dialog webhook settings (example)', [start, get], {
		[start.name]: outputs(get.name),
	});
}

/**
 * Manual Trigger -> Send and Wait for Response (Approve and Decline as reply buttons, to the
 * emulator's sample customer) -> IF approved -> Approved / Declined: run it in the editor, then
 * tap a button through the emulator.
 */
export function approvalWorkflow(credential: CredentialImport) {
	const start = node(APPROVAL_START, 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const ask = node(
		'Ask on WhatsApp',
		ACTION_TYPE,
		1,
		[240, 0],
		{
			resource: 'message',
			operation: 'sendAndWait',
			to: SAMPLE_CUSTOMER,
			message: 'Refund 42.00 EUR for order A-7?',
			responseType: 'approval',
			approvalOptions: { values: { approvalType: 'double' } },
			options: {},
		},
		{ webhookId: randomUUID(), credentials: credentialRef(credential) },
	);
	const decide = node('Approved?', 'n8n-nodes-base.if', 2.2, [480, 0], {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: randomUUID(),
					leftValue: '={{ $json.data?.approved }}',
					rightValue: true,
					operator: { type: 'boolean', operation: 'true', singleValue: true },
				},
			],
			combinator: 'and',
		},
		options: {},
	});
	const approved = keepFields('Approved', [720, -100], ['wa_id', 'answered_via']);
	const declined = keepFields('Declined', [720, 100], ['wa_id', 'answered_via']);
	return workflow(
		APPROVAL_WORKFLOW_ID,
		'Ask for approval on WhatsApp (example)',
		[start, ask, decide, approved, declined],
		{
			[start.name]: outputs(ask.name),
			[ask.name]: outputs(decide.name),
			[decide.name]: outputs(approved.name, declined.name),
		},
	);
}
