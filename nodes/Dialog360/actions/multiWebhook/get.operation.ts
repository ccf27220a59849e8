import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readMultiWebhook } from '../../../shared/multiWebhook';
import { readOptions } from '../../helpers/options';
import { readOptionsProperty } from '../common/apply.description';

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['get'] } },
	[readOptionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs } = readOptions.call(this, itemIndex);
	return await readMultiWebhook.call(this, requestTimeoutMs);
}
