import { randomUUID } from 'node:crypto';
import type { CredentialImport } from '../../e2e/n8n';
import { credentialRef } from '../../e2e/workflows/credential';
import {
	ACTION_TYPE,
	node,
	outputs,
	TRIGGER_TYPE,
	workflow,
	type WorkflowNode,
} from '../../e2e/workflows/nodes';

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

/** 360dialog Trigger with one Edit Fields node per output: Messages, Statuses, Errors. */
export function exampleWorkflow(credential: CredentialImport) {
	const trigger = node(
		'360dialog Trigger',
		TRIGGER_TYPE,
		1.1,
		[0, 0],
		{ events: ['message', 'status', 'error'], options: {} },
		{ webhookId: randomUUID(), credentials: credentialRef(credential) },
	);
	const message = keepFields('Incoming message', [320, -200], ['from', 'type', 'text']);
	const status = keepFields('Status update', [320, 0], ['message_id', 'status']);
	const error = keepFields('Error', [320, 200], ['code', 'message']);
	return workflow(
		EXAMPLE_WORKFLOW_ID,
		'WhatsApp via 360dialog (example)',
		[trigger, message, status, error],
		{
			[trigger.name]: outputs(message.name, status.name, error.name),
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
