import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../../helpers/calls/options';
import { readOptionsProperty } from '../common/apply.description';
import { mediaIdProperty, readMediaId } from '../common/media.description';

const properties: INodeProperties[] = [mediaIdProperty, readOptionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['media'], operation: ['delete'] } },
	properties,
);

/** DELETE /{media-id}: 360dialog no longer keeps the file (uploads are otherwise kept 30 days). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mediaId = readMediaId(this, itemIndex);
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	const answer = (await callDialog360(this, 'DELETE', `/${mediaId}`, {
		timeoutMs: requestTimeoutMs,
	})) as IDataObject;
	return { id: mediaId, success: answer?.success === true, raw: answer };
}
