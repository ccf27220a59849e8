import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkText } from '../../helpers/messages/messageRules';
import { sendMessage } from '../../helpers/messages/sendMessage';
import { bodyTextProperty } from '../common/interactive.description';
import { sendOptionsProperty, toProperty } from '../common/message.description';

// 360dialog's "Location Request Message" page: 4096. Meta's page says 1024 (UNVERIFIED which one
// WhatsApp applies): the larger is checked here, so that 360dialog's answer decides in between.
const BODY_MAX = 4096;

const properties: INodeProperties[] = [
	toProperty,
	{
		...bodyTextProperty(BODY_MAX),
		description: `Why you ask for the location, up to ${BODY_MAX} characters. WhatsApp shows a Send Location button below it; the customer's location arrives at the 360dialog Trigger as a location message.`,
	},
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendLocationRequest'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const text = this.getNodeParameter('text', itemIndex, '') as string;
	checkText({ node: this.getNode(), itemIndex }, 'Text', text, BODY_MAX);
	return await sendMessage(this, itemIndex, 'interactive', {
		type: 'location_request_message',
		body: { text },
		action: { name: 'send_location' },
	});
}
