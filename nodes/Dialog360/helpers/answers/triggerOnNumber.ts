import type { IExecuteFunctions } from 'n8n-workflow';

import {
	instanceHashOf,
	parseTriggerDestinationName,
	TRIGGER_VERIFICATION_HEADER,
} from '../../../shared/triggerDestinationName';
import { readMainWebhook } from '../../../shared/webhooks/mainWebhook';
import { readMultiWebhook } from '../../../shared/webhooks/multiWebhook';

/**
 * Whether a 360dialog Trigger of this n8n receives the number's notifications, so that a tap on a
 * reply button reaches n8n: its production destination on the multi-webhook, or the main webhook
 * it took over (Use This Trigger When None Is Set), recognised by the trigger's secret header.
 */
export async function triggerListensOnNumber(
	context: IExecuteFunctions,
	timeoutMs: number,
): Promise<boolean> {
	const main = await readMainWebhook(context, timeoutMs);
	const headerNames = Object.keys(main.headers).map((name) => name.toLowerCase());
	if (headerNames.includes(TRIGGER_VERIFICATION_HEADER.toLowerCase())) return true;
	if (main.source === 'none') return false;
	const { enabled, destinations } = await readMultiWebhook(context, timeoutMs);
	const thisInstance = instanceHashOf(context.getInstanceId());
	return (
		enabled &&
		destinations.some((destination) => {
			const made = parseTriggerDestinationName(destination.name);
			return made?.kind === 'prod' && made.instanceHash === thisInstance;
		})
	);
}
