import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getSingleWebhook } from '../../helpers/webhooks/webhookTarget';
import { webhookReadOptionsProperty } from '../common/headerValues.description';

export const description = updateDisplayOptions(
	{ show: { resource: ['wabaWebhook'], operation: ['get'] } },
	[webhookReadOptionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await getSingleWebhook(this, itemIndex, '/waba_webhook');
}
