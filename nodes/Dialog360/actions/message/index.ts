import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import type { Operation } from '../types';
import * as markAsRead from './markAsRead.operation';
import * as react from './react.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendButtons from './sendButtons.operation';
import * as sendContacts from './sendContacts.operation';
import * as sendCtaUrl from './sendCtaUrl.operation';
import * as sendFlow from './sendFlow.operation';
import * as sendList from './sendList.operation';
import * as sendLocation from './sendLocation.operation';
import * as sendLocationRequest from './sendLocationRequest.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export const operations: Record<string, Operation> = {
	markAsRead,
	react,
	sendButtons,
	sendContacts,
	sendCtaUrl,
	sendFlow,
	sendList,
	sendLocation,
	sendLocationRequest,
	sendMedia,
	sendTemplate,
	sendText,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Mark as Read',
				value: 'markAsRead',
				description: 'Show the customer blue ticks for a message, optionally with "typing…"',
				action: 'Mark a message as read',
			},
			{
				name: 'React',
				value: 'react',
				description: 'Put an emoji on a message, or remove it',
				action: 'React to a message',
			},
			{
				name: 'Send and Wait for Response',
				value: SEND_AND_WAIT_OPERATION,
				description:
					'Ask on WhatsApp and wait: approve or decline with reply buttons, or answer on a page, then the workflow goes on with the answer',
				action: 'Send a message and wait for the answer',
			},
			{
				name: 'Send Buttons',
				value: 'sendButtons',
				description: 'Send a text with up to 3 reply buttons',
				action: 'Send a message with reply buttons',
			},
			{
				name: 'Send Contacts',
				value: 'sendContacts',
				description: 'Send contact cards',
				action: 'Send contact cards',
			},
			{
				name: 'Send CTA URL',
				value: 'sendCtaUrl',
				description: 'Send a text with one button that opens a web page',
				action: 'Send a message with a link button',
			},
			{
				name: 'Send Flow',
				value: 'sendFlow',
				description: 'Send a button that opens a WhatsApp Flow (a form in the chat)',
				action: 'Send a flow',
			},
			{
				name: 'Send List',
				value: 'sendList',
				description: 'Send a text with a button that opens a list of up to 10 choices',
				action: 'Send a list message',
			},
			{
				name: 'Send Location',
				value: 'sendLocation',
				description: 'Send a pin on the map',
				action: 'Send a location',
			},
			{
				name: 'Send Location Request',
				value: 'sendLocationRequest',
				description: 'Ask the customer to share their location, with a Send Location button',
				action: 'Ask for the customer location',
			},
			{
				name: 'Send Media',
				value: 'sendMedia',
				description: 'Send an image, video, audio, document or sticker',
				action: 'Send a media message',
			},
			{
				name: 'Send Template',
				value: 'sendTemplate',
				description: 'Send an approved template, also outside the 24-hour window',
				action: 'Send a template message',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				description: 'Send a text message',
				action: 'Send a text message',
			},
		],
		default: 'sendText',
	},
	...markAsRead.description,
	...react.description,
	...sendAndWait.description,
	...sendButtons.description,
	...sendContacts.description,
	...sendCtaUrl.description,
	...sendFlow.description,
	...sendList.description,
	...sendLocation.description,
	...sendLocationRequest.description,
	...sendMedia.description,
	...sendTemplate.description,
	...sendText.description,
];
