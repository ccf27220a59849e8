import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadMedia } from '../../../shared/media/download';
import {
	DEFAULT_DOWNLOAD_TIMEOUT_SECONDS,
	DEFAULT_MAX_SIZE_MB,
	downloadLimits,
} from '../../../shared/media/limits';
import { optionsProperty } from '../common/apply.description';
import { mediaIdProperty, readMediaId } from '../common/media.description';
import { ItemWithFiles } from '../types';

const properties: INodeProperties[] = [
	mediaIdProperty,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.media.filename }}',
		description:
			'The name the file gets. Leave empty for the media ID with the extension of its type (1037543291543636.jpg).',
	},
	optionsProperty([
		{
			displayName: 'Max Size (MB)',
			name: 'maxSize',
			type: 'number',
			default: DEFAULT_MAX_SIZE_MB,
			typeOptions: { minValue: 0, numberPrecision: 2 },
			description: 'Fail instead of downloading a bigger file',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: DEFAULT_DOWNLOAD_TIMEOUT_SECONDS,
			typeOptions: { minValue: 1 },
			description: 'How long the download may take, its look-up included',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['media'], operation: ['download'] } },
	properties,
);

/**
 * The file as binary data, fetched as the trigger fetches it (same checks, streamed into n8n's
 * binary data), with its ID, MIME type, size, name and sha256.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemWithFiles> {
	const mediaId = readMediaId(this, itemIndex);
	const field = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const fileName = this.getNodeParameter('fileName', itemIndex, '') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		maxSize?: number;
		timeout?: number;
	};
	const result = await downloadMedia(this, {
		...downloadLimits(this.getNode(), options, itemIndex),
		mediaId,
		fileName: fileName || undefined,
		nameStem: mediaId,
		itemIndex,
	});
	if (!result.ok) throw result.failure.error;
	const { binary, metadata } = result;
	return new ItemWithFiles(
		{
			id: mediaId,
			mime_type: metadata.mime_type,
			file_size: metadata.file_size ?? binary.bytes ?? 0,
			file_name: binary.fileName ?? '',
			sha256: metadata.sha256 ?? '',
		},
		{ [field]: binary },
	);
}
