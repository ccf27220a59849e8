import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_DOWNLOAD_TIMEOUT_SECONDS, DEFAULT_MAX_SIZE_MB } from '../shared/media/limits';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"On activation this node adds its own destination to the phone number's multi-webhook configuration (at most 3 per number) and removes exactly that one on deactivation. 360dialog delivers to it only while the number has a main webhook that answers 200. n8n must be reachable on a public https URL without a port (N8N_WEBHOOK_URL); after changing that URL, deactivate and activate the workflow so that 360dialog gets the new one.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: ['message', 'status', 'error'],
		description: 'Which notifications to emit, each on its own output',
		options: [
			{
				name: 'Messages',
				value: 'message',
				description: 'Incoming messages, on the Messages output',
			},
			{
				name: 'Statuses',
				value: 'status',
				description:
					'Sent, delivered, read and failed updates of your messages, on the Statuses output',
			},
			{ name: 'Errors', value: 'error', description: 'Out-of-band errors, on the Errors output' },
		],
	},
	{
		displayName: 'Main Webhook',
		name: 'mainWebhook',
		type: 'options',
		default: 'requireOne',
		description:
			"360dialog copies a notification to this trigger's destination only after the number's main webhook (its phone-number webhook, or else its WABA webhook) answered 200. What to do when the number has none.",
		options: [
			{
				name: 'Require One',
				value: 'requireOne',
				description:
					'Fail activation when the number has no main webhook. Set one with the 360dialog node (Phone Number Webhook → Set).',
			},
			{
				name: 'Use This Trigger When None Is Set',
				value: 'useTrigger',
				description:
					"Make this trigger the number's phone-number webhook when it has none; deactivation removes it again if it is still this trigger's. While the workflow is inactive, other destinations of the number receive nothing.",
			},
		],
	},
	{
		displayName: 'Drop Redeliveries',
		name: 'dropRedeliveries',
		type: 'boolean',
		default: true,
		description:
			"Whether to emit each message, status and error only once. 360dialog delivers again what did not get its answer in time (for days), and Meta now and then sends a notification twice. The events seen are kept in n8n's database, shared by all of its processes. When off, a repeat is emitted with redelivery: true.",
	},
	{
		displayName: 'Download Media',
		name: 'downloadMedia',
		type: 'boolean',
		default: false,
		description:
			'Whether to attach the file of each image, video, audio (voice notes too), document and sticker message as binary data in the field "data". 360dialog gets its answer first; the files are fetched as the workflow starts. A file that cannot be fetched leaves its message without binary data, with media.download_error saying why.',
	},
	{
		displayName: 'Download Options',
		name: 'downloadOptions',
		type: 'collection',
		placeholder: 'Add Download Option',
		default: {},
		displayOptions: { show: { downloadMedia: [true] } },
		options: [
			{
				displayName: 'Max Size (MB)',
				name: 'maxSize',
				type: 'number',
				default: DEFAULT_MAX_SIZE_MB,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description:
					'A bigger file is not downloaded (its message gets media.download_error). WhatsApp sends documents of up to 100 MB, videos and audio up to 16 MB, images up to 5 MB.',
			},
			{
				displayName: 'Media Types',
				name: 'mediaTypes',
				type: 'multiOptions',
				default: [],
				description: 'Download only the files of these message types. Leave empty for all.',
				options: [
					{ name: 'Audio (Including Voice Notes)', value: 'audio' },
					{ name: 'Document', value: 'document' },
					{ name: 'Image', value: 'image' },
					{ name: 'Sticker', value: 'sticker' },
					{ name: 'Video', value: 'video' },
				],
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: DEFAULT_DOWNLOAD_TIMEOUT_SECONDS,
				typeOptions: { minValue: 1 },
				description: "How long one file's download may take, its look-up included",
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'API Timeout (Seconds)',
				name: 'apiTimeout',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 1 },
				description:
					'How long to wait for 360dialog on activation and deactivation, and how long to look for a destination after an unclear answer',
			},
			{
				displayName: 'Base URL for Answers',
				name: 'answersBaseUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. http://localhost:5678',
				description:
					"Where this trigger passes a tap on to a waiting Send and Wait for Response. Empty: this n8n's public webhook URL. Set it when n8n cannot reach its own public URL.",
			},
			{
				displayName: 'Emit Answers to Send and Wait',
				name: 'emitAnswers',
				type: 'boolean',
				default: false,
				description:
					'Whether a tap that answered a 360dialog Send and Wait for Response also comes out on Messages (with answer.resumed: true). Off: only the waiting execution gets it. A tap that answered nothing (already answered, expired) always comes out, with answer saying why.',
			},
			{
				displayName: 'Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				default: [],
				description:
					'Emit only these message types. Leave empty for all, including types 360dialog adds later.',
				options: [
					{ name: 'Audio', value: 'audio' },
					{ name: 'Button (Template Quick Reply)', value: 'button' },
					{ name: 'Contacts', value: 'contacts' },
					{ name: 'Document', value: 'document' },
					{ name: 'Image', value: 'image' },
					{ name: 'Interactive (Button or List Reply)', value: 'interactive' },
					{ name: 'Location', value: 'location' },
					{ name: 'Order', value: 'order' },
					{ name: 'Reaction', value: 'reaction' },
					{ name: 'Sticker', value: 'sticker' },
					{ name: 'System', value: 'system' },
					{ name: 'Text', value: 'text' },
					{ name: 'Unsupported', value: 'unsupported' },
					{ name: 'Video', value: 'video' },
				],
			},
			{
				displayName: 'Status Values',
				name: 'statusValues',
				type: 'multiOptions',
				default: [],
				description: 'Emit only these statuses. Leave empty for all, including new ones.',
				options: [
					{ name: 'Deleted', value: 'deleted' },
					{ name: 'Delivered', value: 'delivered' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Read', value: 'read' },
					{ name: 'Sent', value: 'sent' },
					{ name: 'Warning', value: 'warning' },
				],
			},
		],
	},
];
