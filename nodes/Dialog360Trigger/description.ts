import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"On activation this node adds its own destination to the phone number's multi-webhook configuration (at most 3 per number) and removes exactly that one on deactivation. The number's main webhook and other destinations stay untouched. n8n must be reachable on a public https URL without a port (N8N_WEBHOOK_URL).",
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
