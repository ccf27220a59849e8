import { randomBytes } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	TRIGGER_VERIFICATION_HEADER,
	triggerDestinationName,
} from '../../shared/triggerDestinationName';

/** The custom header 360dialog sends with every notification to our destination. */
export const VERIFICATION_HEADER = TRIGGER_VERIFICATION_HEADER;

/**
 * This node's destination name for a webhook URL, unique per n8n instance, workflow, node and
 * test/production URL (see shared/triggerDestinationName).
 */
export function ourName(context: IHookFunctions | IWebhookFunctions, webhookUrl: string): string {
	return triggerDestinationName({
		workflowId: context.getWorkflow().id ?? '',
		instanceId: context.getInstanceId(),
		nodeId: context.getNode().id,
		webhookUrl,
	});
}

/** Hex only, so the value passes 360dialog's rules under any reading of them. */
export function newSecret(): string {
	return randomBytes(24).toString('hex');
}

/** The value of our secret header in a header set, whatever the case of its name. */
export function secretIn(headers: Record<string, string>): string | undefined {
	const key = Object.keys(headers).find(
		(name) => name.toLowerCase() === VERIFICATION_HEADER.toLowerCase(),
	);
	return key === undefined ? undefined : headers[key];
}
