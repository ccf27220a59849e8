import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MultiWebhookDestination } from '../../../shared/webhooks/multiWebhook';
import {
	instanceHashOf,
	parseTriggerDestinationName,
} from '../../../shared/triggerDestinationName';

/**
 * Marks the destinations a 360dialog Trigger made, from their names: which workflow holds each
 * (`n8n_workflow_id`) and whether this n8n made it. A builder
 * sees which workflow to deactivate and activate after N8N_WEBHOOK_URL moved, or to free a place.
 */
export function markTriggerDestinations(
	context: IExecuteFunctions,
	destinations: MultiWebhookDestination[],
): IDataObject[] {
	const thisInstance = instanceHashOf(context.getInstanceId());
	return destinations.map((destination) => {
		const made = parseTriggerDestinationName(destination.name);
		if (!made) return { ...destination, made_by_n8n_trigger: false };
		return {
			...destination,
			made_by_n8n_trigger: true,
			n8n_workflow_id: made.workflowId,
			made_by_this_n8n: made.instanceHash === thisInstance,
		};
	});
}
