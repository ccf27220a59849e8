import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { withHeaderValues } from '../../helpers/headerValues';
import { readOptions } from '../../helpers/options';
import { webhookReadOptionsProperty } from '../common/headerValues.description';

export const description = updateDisplayOptions(
	{ show: { resource: ['wabaWebhook'], operation: ['get'] } },
	[webhookReadOptionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs } = readOptions.call(this, itemIndex);
	const webhook = (await callDialog360.call(this, 'GET', '/waba_webhook', {
		timeoutMs: requestTimeoutMs,
	})) as IDataObject;
	return withHeaderValues.call(this, itemIndex, webhook);
}
