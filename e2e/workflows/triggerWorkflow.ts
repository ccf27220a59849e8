import { randomUUID } from 'node:crypto';
import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { forwardTo, node, outputs, TRIGGER_TYPE, workflow } from './nodes';

export const TRIGGER_WORKFLOW_ID = 'e2eTriggerFlow01';
export const TRIGGER_NODE = '360dialog Trigger';

/** The sink path each trigger output is forwarded to. */
export const OUTPUT_PATHS = {
	messages: '/out/messages',
	statuses: '/out/statuses',
	errors: '/out/errors',
};

/** 360dialog Trigger -> one HTTP Request per output, each POSTing its items to the sink. */
export function triggerWorkflow(credential: CredentialImport, sinkUrl: string) {
	const webhookId = randomUUID();
	const trigger = node(
		TRIGGER_NODE,
		TRIGGER_TYPE,
		1.1,
		[0, 0],
		{ events: ['message', 'status', 'error'], options: {} },
		{ webhookId, credentials: credentialRef(credential) },
	);
	const forwarders = [
		forwardTo('Forward Messages', `${sinkUrl}${OUTPUT_PATHS.messages}`, [300, -200]),
		forwardTo('Forward Statuses', `${sinkUrl}${OUTPUT_PATHS.statuses}`, [300, 0]),
		forwardTo('Forward Errors', `${sinkUrl}${OUTPUT_PATHS.errors}`, [300, 200]),
	];
	return {
		webhookId,
		workflow: workflow(TRIGGER_WORKFLOW_ID, '360dialog Trigger (E2E)', [trigger, ...forwarders], {
			[TRIGGER_NODE]: outputs(...forwarders.map((f) => f.name)),
		}),
	};
}
