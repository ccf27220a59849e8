import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { readInteractiveFrame } from '../../helpers/messages/interactive';
import { checkText, LIMITS } from '../../helpers/messages/messageRules';
import { sendMessage } from '../../helpers/messages/sendMessage';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import type { ItemScope } from '../../helpers/parameters/invalidParameter';
import { readJsonParameter } from '../../helpers/parameters/jsonParameter';
import {
	bodyTextProperty,
	footerProperty,
	headerProperties,
} from '../common/interactive.description';
import { sendOptionsProperty, toProperty } from '../common/message.description';

/*
 * A WhatsApp Flow as an interactive message (Meta's "Send a Flow" page; 360dialog passes it
 * through): version 3, a flow id or name, the CTA button, and how the Flow opens (navigate to a
 * first screen with optional data, or data_exchange with the Flow's endpoint). Flows themselves
 * are made and published on 360dialog's Partner API, not with this key.
 */

/** Meta: the Flow button's text, at most 30 characters. */
const FLOW_CTA_MAX = 30;
const FLOW_MESSAGE_VERSION = '3';
const DATA_EXAMPLE = '{"product_name": "Laptop", "available_dates": ["2025-06-12"]}';

const screenDataSchema = z.record(z.string(), z.unknown());

const properties: INodeProperties[] = [
	toProperty,
	bodyTextProperty(LIMITS.interactiveBody),
	{
		displayName: 'Flow By',
		name: 'flowBy',
		type: 'options',
		default: 'id',
		options: [
			{ name: 'Flow ID', value: 'id', description: 'The ID the Flow got when it was created' },
			{
				name: 'Flow Name',
				value: 'name',
				description: "The Flow's name, as in the WhatsApp Manager",
			},
		],
	},
	{
		displayName: 'Flow ID',
		name: 'flowId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1197715005513101',
		displayOptions: { show: { flowBy: ['id'] } },
	},
	{
		displayName: 'Flow Name',
		name: 'flowName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. appointment_booking',
		displayOptions: { show: { flowBy: ['name'] } },
	},
	{
		displayName: 'Button Text',
		name: 'flowCta',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Book now',
		description: `The button that opens the Flow, up to ${FLOW_CTA_MAX} characters`,
	},
	{
		// Meta's flow_token; named for what it is to the builder (n8n's lint reads "token" as a secret).
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. booking-{{ $json.from }}',
		description:
			"Your own ID for this send, sent as the Flow's flow_token. It comes back in the Flow's answer (the trigger's reply.flow_token), which carries no Flow ID: use it to tell answers apart. Leave empty to send none.",
	},
	{
		displayName: 'Open With',
		name: 'flowAction',
		type: 'options',
		default: 'navigate',
		options: [
			{
				name: 'First Screen (Navigate)',
				value: 'navigate',
				description: 'Opens the screen you name, with the data you give it',
			},
			{
				name: "The Flow's Endpoint (Data Exchange)",
				value: 'data_exchange',
				description: "The Flow's endpoint decides the first screen and its data",
			},
		],
	},
	{
		displayName: 'First Screen',
		name: 'screen',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. BOOKING',
		description: "The ID of the screen to open, as in the Flow's JSON",
		displayOptions: { show: { flowAction: ['navigate'] } },
	},
	{
		displayName: 'Screen Data (JSON)',
		name: 'screenData',
		type: 'json',
		default: '',
		description: `Data for the first screen, an object such as ${DATA_EXAMPLE}. Leave empty for none.`,
		displayOptions: { show: { flowAction: ['navigate'] } },
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'published',
		options: [
			{ name: 'Published', value: 'published', description: 'The published Flow, for customers' },
			{ name: 'Draft', value: 'draft', description: 'The draft, to test it before publishing' },
		],
	},
	...headerProperties(false),
	footerProperty,
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendFlow'] } },
	properties,
);

function readFlowReference(context: IExecuteFunctions, scope: ItemScope): IDataObject {
	const by = context.getNodeParameter('flowBy', scope.itemIndex, 'id') as string;
	const field = by === 'name' ? 'Flow Name' : 'Flow ID';
	const value = (
		context.getNodeParameter(by === 'name' ? 'flowName' : 'flowId', scope.itemIndex, '') as string
	).trim();
	if (value === '') {
		throw invalidParameter(
			scope,
			`${field} is empty`,
			`Enter the ${field.toLowerCase()} of a Flow of this WhatsApp account.`,
		);
	}
	if (by === 'id' && !/^\d+$/.test(value)) {
		throw invalidParameter(
			scope,
			`Invalid Flow ID "${value}"`,
			'A Flow ID is digits. To name the Flow instead, set Flow By to Flow Name.',
		);
	}
	return by === 'name' ? { flow_name: value } : { flow_id: value };
}

function readScreenData(context: IExecuteFunctions, scope: ItemScope): IDataObject | undefined {
	const value = readJsonParameter(context, 'screenData', 'Screen Data (JSON)', scope.itemIndex);
	if (value === undefined) return undefined;
	const parsed = screenDataSchema.safeParse(value);
	if (!parsed.success || Object.keys(parsed.data).length === 0) {
		throw invalidParameter(
			scope,
			'Screen Data (JSON) must be an object with at least one field',
			`Enter an object such as ${DATA_EXAMPLE}, or leave it empty.`,
		);
	}
	return parsed.data as IDataObject;
}

/** How the Flow opens: a first screen (and its data), or the Flow's endpoint. */
function readOpening(context: IExecuteFunctions, scope: ItemScope): IDataObject {
	const flowAction = context.getNodeParameter('flowAction', scope.itemIndex, 'navigate') as string;
	if (flowAction === 'data_exchange') return { flow_action: 'data_exchange' };
	const screen = (context.getNodeParameter('screen', scope.itemIndex, '') as string).trim();
	if (screen === '') {
		throw invalidParameter(
			scope,
			'First Screen is empty',
			"Enter the ID of the screen to open, as in the Flow's JSON, or open the Flow with its endpoint (Open With: Data Exchange).",
		);
	}
	const data = readScreenData(context, scope);
	return { flow_action: 'navigate', flow_action_payload: { screen, ...(data ? { data } : {}) } };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const frame = readInteractiveFrame(this, itemIndex, LIMITS.interactiveBody);
	const flow = readFlowReference(this, scope);
	const cta = this.getNodeParameter('flowCta', itemIndex, '') as string;
	checkText(scope, 'Button Text', cta, FLOW_CTA_MAX);
	const opening = readOpening(this, scope);
	const flowToken = (this.getNodeParameter('reference', itemIndex, '') as string).trim();
	const mode = this.getNodeParameter('mode', itemIndex, 'published') as string;
	return await sendMessage(this, itemIndex, 'interactive', {
		type: 'flow',
		...frame,
		action: {
			name: 'flow',
			parameters: {
				flow_message_version: FLOW_MESSAGE_VERSION,
				...flow,
				flow_cta: cta,
				...(flowToken ? { flow_token: flowToken } : {}),
				mode,
				...opening,
			},
		},
	});
}
