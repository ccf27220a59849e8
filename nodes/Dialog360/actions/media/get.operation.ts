import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getMediaMetadata } from '../../../shared/media/mediaInfo';
import { readOptions } from '../../helpers/calls/options';
import { readOptionsProperty } from '../common/apply.description';
import { mediaIdProperty, readMediaId } from '../common/media.description';

const properties: INodeProperties[] = [mediaIdProperty, readOptionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['media'], operation: ['get'] } },
	properties,
);

/**
 * The file's URL (valid 5 minutes, on WhatsApp's host: Download fetches it through 360dialog),
 * MIME type, size and sha256.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mediaId = readMediaId(this, itemIndex);
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	return {
		...(await getMediaMetadata(this, mediaId, { timeoutMs: requestTimeoutMs, itemIndex })),
	};
}
