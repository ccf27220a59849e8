import type { INodeProperties } from 'n8n-workflow';

import { optionsProperty, requestTimeoutOption } from './apply.description';

/** Who gets the message: the first parameter of every send. */
export const toProperty: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +49 176 1234567 or {{ $json.from }}',
	// n8n expressions name the item $json, in lower case.
	// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-json
	description:
		'The recipient: a phone number with its country code, or a WhatsApp ID. To answer a message from the 360dialog Trigger, use {{ $json.from }}.',
};

/** Reply To and the time-out, which every send offers. */
export const sendOptionsProperty = optionsProperty([
	{
		displayName: 'Reply To (Message ID)',
		name: 'replyTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.message_id }}',
		// n8n expressions name the item $json, in lower case.
		// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-json
		description:
			'The ID of a message to quote, so the customer sees which message this answers. From the 360dialog Trigger: {{ $json.message_id }}.',
	},
	requestTimeoutOption,
]);
