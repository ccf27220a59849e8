import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readMultiWebhook } from '../../../shared/webhooks/multiWebhook';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { readOptions } from '../../helpers/calls/options';
import { markTriggerDestinations } from '../../helpers/webhooks/triggerDestinations';
import { webhookReadOptionsProperty } from '../common/headerValues.description';

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['get'] } },
	[webhookReadOptionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	const { enabled, destinations } = await readMultiWebhook(this, requestTimeoutMs);
	return withHeaderValues(this, itemIndex, {
		enabled,
		destinations: markTriggerDestinations(this, destinations),
	});
}
