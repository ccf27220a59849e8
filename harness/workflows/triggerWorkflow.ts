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

export interface TriggerWorkflowOptions {
	id?: string;
	name?: string;
	/** The trigger's parameters besides events and options, e.g. { mainWebhook: 'useTrigger' }. */
	parameters?: Record<string, unknown>;
	/** Where on the sink its outputs go; default OUTPUT_PATHS. */
	paths?: typeof OUTPUT_PATHS;
}

/** 360dialog Trigger -> one HTTP Request per output, each POSTing its items to the sink. */
export function triggerWorkflow(
	credential: CredentialImport,
	sinkUrl: string,
	options: TriggerWorkflowOptions = {},
) {
	const webhookId = randomUUID();
	const paths = options.paths ?? OUTPUT_PATHS;
	const trigger = node(
		TRIGGER_NODE,
		TRIGGER_TYPE,
		1.1,
		[0, 0],
		{ events: ['message', 'status', 'error'], options: {}, ...options.parameters },
		{ webhookId, credentials: credentialRef(credential) },
	);
	const forwarders = [
		forwardTo('Forward Messages', `${sinkUrl}${paths.messages}`, [300, -200]),
		forwardTo('Forward Statuses', `${sinkUrl}${paths.statuses}`, [300, 0]),
		forwardTo('Forward Errors', `${sinkUrl}${paths.errors}`, [300, 200]),
	];
	return {
		webhookId,
		workflow: workflow(
			options.id ?? TRIGGER_WORKFLOW_ID,
			options.name ?? '360dialog Trigger (E2E)',
			[trigger, ...forwarders],
			{ [TRIGGER_NODE]: outputs(...forwarders.map((f) => f.name)) },
		),
	};
}
