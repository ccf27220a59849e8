import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaReference } from '../../helpers/media/mediaReference';

/** Where an input item keeps the file to upload, as n8n's own nodes name it. */
export const binaryPropertyProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input field containing the binary file data to be sent',
	description:
		"The file's MIME type and size are checked against WhatsApp's rules before the upload",
};

/** The media a Get, Download or Delete is about. */
export const mediaIdProperty: INodeProperties = {
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 1037543291543636',
	description:
		"The ID of a file a customer sent (kept 7 days; the 360dialog Trigger's items carry it in media) or of an uploaded one (kept 30 days)",
};

export function readMediaId(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('mediaId', itemIndex, '') ?? '');
	return mediaReference({ node: context.getNode(), itemIndex }, 'Media ID', value, 'id')
		.id as string;
}
