import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../../helpers/calls/options';
import { readOptionsProperty } from '../common/apply.description';
import { messageIdProperty, readMessageId } from '../common/messageId.description';

const properties: INodeProperties[] = [
	messageIdProperty(
		'The incoming message to mark as read; earlier messages of the chat become read too',
	),
	{
		displayName: 'Show Typing Indicator',
		name: 'typingIndicator',
		type: 'boolean',
		default: false,
		description:
			'Whether the customer also sees "typing…" until the reply is sent or for at most 25 seconds',
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['markAsRead'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = readMessageId(this, itemIndex);
	const typing = this.getNodeParameter('typingIndicator', itemIndex, false) as boolean;
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	const answer = (await callDialog360(this, 'POST', '/messages', {
		body: {
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: messageId,
			...(typing ? { typing_indicator: { type: 'text' } } : {}),
		},
		timeoutMs: requestTimeoutMs,
	})) as IDataObject;
	return {
		success: answer?.success === true,
		message_id: messageId,
		typing_indicator: typing,
		raw: answer,
	};
}
