import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { applyChange } from '../../helpers/calls/applyChange';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { readDestinationName } from '../../helpers/webhooks/destinations';
import { showsNoDestination } from '../../../shared/webhooks/multiWebhook';
import { readOptions } from '../../helpers/calls/options';
import { webhookChangeProperties } from '../common/headerValues.description';
import { destinationNameProperty } from '../common/destinationName.description';
import { multiWebhookReadBack } from './readBack';

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['deleteDestination'] } },
	[destinationNameProperty, ...webhookChangeProperties],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = readDestinationName(this, itemIndex);
	const { requestTimeoutMs, applyTimeoutMs } = readOptions(this, itemIndex);
	const readBack = multiWebhookReadBack(this, requestTimeoutMs);
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360(this, 'DELETE', `/multi_webhook/${encodeURIComponent(name)}`, {
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...readBack,
		isApplied: (reading) => showsNoDestination(reading, name),
		expected: `destination "${name}" gone`,
	});
	return withHeaderValues(this, itemIndex, output);
}
