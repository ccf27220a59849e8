import { randomBytes } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	legacyTriggerDestinationName,
	triggerDestinationName,
} from '../../shared/triggerDestinationName';

/** The custom header 360dialog sends with every notification to our destination. No "_": 360dialog refuses it. */
export const VERIFICATION_HEADER = 'X-N8n-360dialog-Secret';

export interface OurNames {
	/** Unique per n8n instance, workflow, node and test/production URL. */
	name: string;
	/** What version 0.1.0 of this package called the same destination; ours only by a stored secret. */
	legacyName: string;
}

/** The destination names of this node for a webhook URL (see shared/triggerDestinationName). */
export function ourNames(
	context: IHookFunctions | IWebhookFunctions,
	webhookUrl: string,
): OurNames {
	const workflowId = context.getWorkflow().id ?? '';
	const nodeId = context.getNode().id;
	return {
		name: triggerDestinationName({
			workflowId,
			instanceId: context.getInstanceId(),
			nodeId,
			webhookUrl,
		}),
		legacyName: legacyTriggerDestinationName(workflowId, nodeId, webhookUrl),
	};
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
