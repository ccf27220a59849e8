import { createHash } from 'crypto';

/**
 * The names the 360dialog Trigger gives its multi-webhook destinations, in one place: the trigger
 * builds them, the action node's Multi-Webhook Get recognises them.
 *
 * `n8n-<workflow id>-<instance>-<node>-<prod|test>`: `<instance>` is a short hash of n8n's
 * instance id, so that two n8n instances running the same exported workflow (same workflow and
 * node ids) on one number get two destinations instead of taking over each other's; `<node>` a
 * short hash of the node id and the webhook path. The host is left out on purpose: when
 * N8N_WEBHOOK_URL moves, the name stays and the destination is updated, not duplicated.
 * No "_" anywhere (360dialog refuses it), and at most 50 characters for n8n's ids.
 */

export type WebhookKind = 'prod' | 'test';

/**
 * The custom header 360dialog sends with every notification to a trigger's destination (or the
 * main webhook it took over). No "_": 360dialog refuses it.
 */
export const TRIGGER_VERIFICATION_HEADER = 'X-N8n-360dialog-Secret';

export interface TriggerDestinationName {
	workflowId: string;
	instanceHash: string;
	kind: WebhookKind;
}

const hash8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

export function instanceHashOf(instanceId: string): string {
	return hash8(instanceId);
}

function parts(nodeId: string, webhookUrl: string) {
	const path = new URL(webhookUrl).pathname;
	const kind: WebhookKind = /\/webhook-test\//.test(path) ? 'test' : 'prod';
	return { node: hash8(`${nodeId}|${path}`), kind };
}

/** n8n's workflow ids are alphanumeric; an imported one might not be, and 360dialog refuses "_". */
const safeWorkflowId = (workflowId: string) => workflowId.replace(/[^A-Za-z0-9-]/g, '-');

export function triggerDestinationName(ids: {
	workflowId: string;
	instanceId: string;
	nodeId: string;
	webhookUrl: string;
}): string {
	const { node, kind } = parts(ids.nodeId, ids.webhookUrl);
	return `n8n-${safeWorkflowId(ids.workflowId)}-${instanceHashOf(ids.instanceId)}-${node}-${kind}`;
}

const NAME = /^n8n-(.+)-([0-9a-f]{8})-[0-9a-f]{8}-(prod|test)$/;

/** What a destination name says about the trigger that made it, or undefined for other names. */
export function parseTriggerDestinationName(name: string): TriggerDestinationName | undefined {
	const parsed = NAME.exec(name);
	if (!parsed) return undefined;
	return { workflowId: parsed[1], instanceHash: parsed[2], kind: parsed[3] as WebhookKind };
}
