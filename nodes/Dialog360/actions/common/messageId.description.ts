import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidParameter } from '../../helpers/parameters/invalidParameter';

/** The ID of a message the trigger received (wamid...). */
export function messageIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		// n8n's verification scan allows no inline lint exceptions, and its casing rules read the
		// expression's $json as a miscased "JSON": the expression is shown as the placeholder.
		placeholder: 'e.g. {{ $json.message_id }}',
		description: `${description}. From the 360dialog Trigger: the message_id of its item, as in the placeholder.`,
	};
}

export function readMessageId(context: IExecuteFunctions, itemIndex: number): string {
	const messageId = String(context.getNodeParameter('messageId', itemIndex, '') ?? '').trim();
	if (messageId === '') {
		throw invalidParameter(
			{ node: context.getNode(), itemIndex },
			'Message ID is empty',
			'Enter the ID of a message, such as {{ $json.message_id }} from the 360dialog Trigger (it starts with "wamid.").',
		);
	}
	return messageId;
}
