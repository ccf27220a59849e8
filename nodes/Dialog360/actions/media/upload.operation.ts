import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { uploadBinary } from '../../helpers/media/mediaUpload';
import { readOptions } from '../../helpers/calls/options';
import { readOptionsProperty } from '../common/apply.description';
import { binaryPropertyProperty } from '../common/media.description';

const properties: INodeProperties[] = [
	binaryPropertyProperty,
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice-7.pdf',
		description: "Leave empty to use the binary file's own name",
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['media'], operation: ['upload'] } },
	properties,
);

/** The media ID 360dialog keeps the file under (30 days), with what was uploaded. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const fileName = this.getNodeParameter('fileName', itemIndex, '') as string;
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	return await uploadBinary(this, itemIndex, {
		property,
		fileName,
		timeoutMs: requestTimeoutMs,
	});
}
