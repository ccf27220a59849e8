import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkText, LIMITS } from '../../helpers/messages/messageRules';
import { sendMessage } from '../../helpers/messages/sendMessage';
import { sendOptionsProperty, toProperty } from '../common/message.description';

const properties: INodeProperties[] = [
	toProperty,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: `The message, up to ${LIMITS.textBody} characters. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~.`,
	},
	{
		displayName: 'Link Preview',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether WhatsApp shows a preview of the first link (http or https) in the text',
	},
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendText'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const text = this.getNodeParameter('text', itemIndex, '') as string;
	checkText({ node: this.getNode(), itemIndex }, 'Text', text, LIMITS.textBody);
	const previewUrl = this.getNodeParameter('previewUrl', itemIndex, false) as boolean;
	return await sendMessage(this, itemIndex, 'text', { body: text, preview_url: previewUrl });
}
