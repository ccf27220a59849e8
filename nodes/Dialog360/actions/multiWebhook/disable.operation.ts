import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { showsDisabled } from '../../../shared/webhooks/multiWebhook';
import { applyChange } from '../../helpers/applyChange';
import { withHeaderValues } from '../../helpers/headerValues';
import { readOptions } from '../../helpers/options';
import { webhookChangeProperties } from '../common/headerValues.description';
import { multiWebhookReadBack } from './readBack';

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['disable'] } },
	webhookChangeProperties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs, applyTimeoutMs } = readOptions.call(this, itemIndex);
	const readBack = multiWebhookReadBack(this, requestTimeoutMs);
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360.call(this, 'POST', '/multi_webhook', {
				body: { enabled: false },
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...readBack,
		isApplied: showsDisabled,
		expected: 'multi-webhook disabled',
	});
	return withHeaderValues.call(this, itemIndex, output);
}
