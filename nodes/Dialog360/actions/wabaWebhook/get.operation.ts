import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../../helpers/options';
import { readOptionsProperty } from '../common/apply.description';

export const description = updateDisplayOptions(
	{ show: { resource: ['wabaWebhook'], operation: ['get'] } },
	[readOptionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs } = readOptions.call(this, itemIndex);
	return (await callDialog360.call(this, 'GET', '/waba_webhook', {
		timeoutMs: requestTimeoutMs,
	})) as IDataObject;
}
