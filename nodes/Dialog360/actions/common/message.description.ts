import type { INodeProperties } from 'n8n-workflow';

import { optionsProperty, requestTimeoutOption } from './apply.description';

/** Who gets the message: the first parameter of every send. */
export const toProperty: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	// The expression is shown as the placeholder: see messageId.description.ts.
	placeholder: 'e.g. +49 176 1234567 or {{ $json.from }}',
	description:
		'The recipient: a phone number with its country code, or a WhatsApp ID. To answer a message from the 360dialog Trigger, use the from field of its item, as in the placeholder.',
};

/** Reply To and the time-out, which every send offers. */
export const sendOptionsProperty = optionsProperty([
	{
		displayName: 'Reply To (Message ID)',
		name: 'replyTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.message_id }}',
		description:
			'The ID of a message to quote, so the customer sees which message this answers. From the 360dialog Trigger: the message_id of its item, as in the placeholder.',
	},
	requestTimeoutOption,
]);
