import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readMultiWebhook } from '../../../shared/webhooks/multiWebhook';
import { withHeaderValues } from '../../helpers/headerValues';
import { readOptions } from '../../helpers/options';
import { markTriggerDestinations } from '../../helpers/triggerDestinations';
import { webhookReadOptionsProperty } from '../common/headerValues.description';

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['get'] } },
	[webhookReadOptionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs } = readOptions.call(this, itemIndex);
	const { enabled, destinations } = await readMultiWebhook.call(this, requestTimeoutMs);
	return withHeaderValues.call(this, itemIndex, {
		enabled,
		destinations: markTriggerDestinations.call(this, destinations),
	});
}
