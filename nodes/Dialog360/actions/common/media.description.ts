import type { INodeProperties } from 'n8n-workflow';

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
