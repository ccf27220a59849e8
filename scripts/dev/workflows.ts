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
export function exampleWorkflow(credential: CredentialImport) {
	const trigger = node(
		'360dialog Trigger',
		TRIGGER_TYPE,
		1.1,
		[0, 0],
		{ events: ['message', 'status', 'error'], options: { messageTypes: ['text'] } },
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
