import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidParameter } from '../../helpers/invalidParameter';

/** The ID of a message the trigger received (wamid...). */
export function messageIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.message_id }}',
		// n8n expressions name the item $json, in lower case.
		// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-json
		description: `${description}. From the 360dialog Trigger: {{ $json.message_id }}.`,
	};
}

export function readMessageId(this: IExecuteFunctions, itemIndex: number): string {
	const messageId = String(this.getNodeParameter('messageId', itemIndex, '') ?? '').trim();
	if (messageId === '') {
		throw invalidParameter(
			{ node: this.getNode(), itemIndex },
			'Message ID is empty',
			'Enter the ID of a message, such as {{ $json.message_id }} from the 360dialog Trigger (it starts with "wamid.").',
		);
	}
	return messageId;
}
