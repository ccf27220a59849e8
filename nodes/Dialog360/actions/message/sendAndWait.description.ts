import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, updateDisplayOptions } from 'n8n-workflow';

import { LIMITS } from '../../helpers/messages/messageRules';
import { optionsProperty, requestTimeoutOption } from '../common/apply.description';
import { toProperty } from '../common/message.description';

/** n8n's own Limit Wait Time option of its send-and-wait nodes, with the same names. */
const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		"Whether to stop waiting for an answer after a while. The workflow then goes on with the items this node received, without an answer, as with n8n's own send-and-wait nodes.",
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const answerWithOption: INodeProperties = {
	displayName: 'Answer With',
	name: 'answerWith',
	type: 'options',
	default: 'auto',
	description: 'How the customer answers an Approval',
	options: [
		{
			name: 'Reply Buttons When a Trigger Listens',
			value: 'auto',
			description:
				"WhatsApp reply buttons when a 360dialog Trigger of this n8n is active on the number (read before sending), else links to n8n's answer page",
		},
		{
			name: 'Reply Buttons',
			value: 'replyButtons',
			description:
				'Always reply buttons: the answer never leaves the chat. Needs an active 360dialog Trigger on the number to pass the tap on.',
		},
		{
			name: 'Links',
			value: 'links',
			description: "A link to n8n's answer page, also without a trigger on the number",
		},
	],
};

const formOptions: INodeProperties[] = [
	{
		displayName: 'Message Button Label',
		name: 'messageButtonLabel',
		type: 'string',
		default: 'Respond',
		description: `The label of the button that opens the answer page, up to ${LIMITS.buttonTitle} characters`,
	},
	{
		displayName: 'Response Form Title',
		name: 'responseFormTitle',
		type: 'string',
		default: '',
		description: 'The title of the answer page. Empty: no title.',
	},
	{
		displayName: 'Response Form Description',
		name: 'responseFormDescription',
		type: 'string',
		default: '',
		description: 'The text above the form. Empty: the message.',
	},
	{
		displayName: 'Response Form Button Label',
		name: 'responseFormButtonLabel',
		type: 'string',
		default: 'Submit',
	},
];

const properties: INodeProperties[] = [
	toProperty,
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: `The question. Up to ${LIMITS.interactiveBody} characters with buttons, ${LIMITS.textBody} with links.`,
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The customer approves (or disapproves) with a tap',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The customer writes an answer on a page the message links to',
			},
			{
				name: 'Custom Form',
				value: 'customForm',
				description: 'The customer fills a form of your fields on a page the message links to',
			},
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Disapprove', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: '✓ Approve',
						description: `Up to ${LIMITS.buttonTitle} characters`,
					},
					{
						displayName: 'Disapprove Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: '✗ Decline',
						description: `Up to ${LIMITS.buttonTitle} characters`,
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		placeholder: 'Add Form Field',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions: { show: { responseType: ['customForm'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Field Label',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						placeholder: 'e.g. Delivery date',
						description: "The field's label, which is also its key in the output's data",
					},
					{
						displayName: 'Field Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: [
							{ name: 'Date', value: 'date' },
							{ name: 'Dropdown List', value: 'dropdown' },
							{ name: 'Email', value: 'email' },
							{ name: 'Number', value: 'number' },
							{ name: 'Text', value: 'text' },
							{ name: 'Textarea', value: 'textarea' },
						],
					},
					{
						displayName: 'Field Options',
						name: 'fieldOptions',
						type: 'string',
						default: '',
						placeholder: 'e.g. Morning, Afternoon',
						description: 'The choices, separated by commas',
						displayOptions: { show: { fieldType: ['dropdown'] } },
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
					},
				],
			},
		],
	},
	{
		...optionsProperty([answerWithOption, limitWaitTimeOption, requestTimeoutOption]),
		displayOptions: { show: { responseType: ['approval'] } },
	},
	{
		...optionsProperty([...formOptions, limitWaitTimeOption, requestTimeoutOption]),
		displayOptions: { show: { responseType: ['freeText', 'customForm'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [SEND_AND_WAIT_OPERATION] } },
	properties,
);
