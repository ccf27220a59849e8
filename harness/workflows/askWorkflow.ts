import { randomUUID } from 'node:crypto';
import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { ACTION_TYPE, forwardTo, node, outputs, workflow, type Workflow } from './nodes';

export const ASK_START = 'Ask';
export const ASK_NODE = 'Ask on WhatsApp';
/** Where each ask workflow forwards the node's output: /answers/<workflow id>. */
export const answersPath = (workflowId: string) => `/answers/${workflowId}`;

/**
 * Manual Trigger → 360dialog Message → Send and Wait for Response (with the given parameters)
 * → the item it outputs, POSTed to the sink: the answer, or answered: false once the wait ran out.
 */
export function askWorkflow(
	id: string,
	credential: CredentialImport,
	sinkUrl: string,
	parameters: Record<string, unknown>,
): Workflow {
	const start = node(ASK_START, 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const ask = node(
		ASK_NODE,
		ACTION_TYPE,
		1,
		[240, 0],
		{ resource: 'message', operation: 'sendAndWait', ...parameters },
		// The editor gives every node with webhooks an id; n8n serves the resume URL by the node's id.
		{ credentials: credentialRef(credential), webhookId: randomUUID() },
	);
	const forward = forwardTo('Forward the answer', `${sinkUrl}${answersPath(id)}`, [480, 0]);
	return workflow(id, `Ask on WhatsApp (${id})`, [start, ask, forward], {
		[ASK_START]: outputs(ASK_NODE),
		[ASK_NODE]: outputs(forward.name),
	});
}
