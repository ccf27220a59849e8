import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mediaReference } from '../../helpers/media/mediaReference';
import { checkOptionalText, LIMITS } from '../../helpers/messages/messageRules';
import { uploadBinary } from '../../helpers/media/mediaUpload';
import {
	MEDIA_KINDS,
	MEDIA_RULES,
	megabytes,
	type MediaKind,
} from '../../helpers/media/mediaRules';
import { readOptions } from '../../helpers/calls/options';
import { sendMessage } from '../../helpers/messages/sendMessage';
import { sendOptionsProperty, toProperty } from '../common/message.description';
import { binaryPropertyProperty, mediaIdProperty } from '../common/media.description';

const CAPTIONED: MediaKind[] = ['image', 'video', 'document'];

const properties: INodeProperties[] = [
	toProperty,
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		default: 'image',
		options: MEDIA_KINDS.map((kind) => ({
			name: MEDIA_RULES[kind].label,
			value: kind,
			description: `${MEDIA_RULES[kind].formats}; up to ${megabytes(MEDIA_RULES[kind].maxBytes)}`,
		})),
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'url',
		options: [
			{
				name: 'URL',
				value: 'url',
				description: 'A public https URL WhatsApp downloads the file from',
			},
			{ name: 'Media ID', value: 'id', description: 'A file already uploaded to 360dialog' },
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A file from an earlier node, uploaded to 360dialog first',
			},
		],
	},
	{
		displayName: 'URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/invoice.pdf',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		...mediaIdProperty,
		description: "The ID the Media resource's Upload returned (media IDs are kept 30 days)",
		displayOptions: { show: { source: ['id'] } },
	},
	{ ...binaryPropertyProperty, displayOptions: { show: { source: ['binary'] } } },
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: `Text below the file, up to ${LIMITS.caption} characters`,
		displayOptions: { show: { mediaType: CAPTIONED } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice-7.pdf',
		description:
			"The name the customer sees. Leave empty to use the binary file's own name (Binary File) or none.",
		displayOptions: { show: { mediaType: ['document'] } },
	},
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendMedia'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const kind = this.getNodeParameter('mediaType', itemIndex) as MediaKind;
	const source = this.getNodeParameter('source', itemIndex) as string;
	const caption = CAPTIONED.includes(kind)
		? (this.getNodeParameter('caption', itemIndex, '') as string)
		: '';
	checkOptionalText(scope, 'Caption', caption, LIMITS.caption);
	let fileName =
		kind === 'document' ? (this.getNodeParameter('fileName', itemIndex, '') as string) : '';

	let media: IDataObject;
	let uploaded: IDataObject | undefined;
	if (source === 'binary') {
		const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const { requestTimeoutMs } = readOptions(this, itemIndex);
		const upload = await uploadBinary(this, itemIndex, {
			property,
			kind,
			fileName,
			timeoutMs: requestTimeoutMs,
		});
		media = { id: upload.id };
		if (kind === 'document') fileName ||= upload.file_name;
		uploaded = upload;
	} else if (source === 'id') {
		const id = this.getNodeParameter('mediaId', itemIndex, '') as string;
		media = mediaReference(scope, 'Media ID', id, 'id');
	} else {
		const url = this.getNodeParameter('mediaUrl', itemIndex, '') as string;
		media = mediaReference(scope, 'URL', url, 'link');
	}
	const item = await sendMessage(this, itemIndex, kind, {
		...media,
		...(caption ? { caption } : {}),
		...(fileName ? { filename: fileName } : {}),
	});
	return uploaded ? { ...item, media: uploaded } : item;
}
