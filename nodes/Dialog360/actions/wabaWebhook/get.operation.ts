import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getSingleWebhook } from '../../helpers/webhookTarget';
import { webhookReadOptionsProperty } from '../common/headerValues.description';

export const description = updateDisplayOptions(
	{ show: { resource: ['wabaWebhook'], operation: ['get'] } },
	[webhookReadOptionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await getSingleWebhook.call(this, itemIndex, '/waba_webhook');
}
