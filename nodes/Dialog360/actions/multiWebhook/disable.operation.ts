import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { showsDisabled } from '../../../shared/webhooks/multiWebhook';
import { applyChange } from '../../helpers/calls/applyChange';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { readOptions } from '../../helpers/calls/options';
import { webhookChangeProperties } from '../common/headerValues.description';
import { multiWebhookReadBack } from './readBack';

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['disable'] } },
	webhookChangeProperties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs, applyTimeoutMs } = readOptions(this, itemIndex);
	const readBack = multiWebhookReadBack(this, requestTimeoutMs);
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360(this, 'POST', '/multi_webhook', {
				body: { enabled: false },
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...readBack,
		isApplied: showsDisabled,
		expected: 'multi-webhook disabled',
	});
	return withHeaderValues(this, itemIndex, output);
}
