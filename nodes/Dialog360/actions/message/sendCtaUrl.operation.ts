import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mediaReference } from '../../helpers/media/mediaReference';
import { readInteractiveFrame } from '../../helpers/messages/interactive';
import { checkText, LIMITS } from '../../helpers/messages/messageRules';
import { sendMessage } from '../../helpers/messages/sendMessage';
import {
	bodyTextProperty,
	footerProperty,
	headerProperties,
} from '../common/interactive.description';
import { sendOptionsProperty, toProperty } from '../common/message.description';

// The button's label has the reply buttons' limit (contract §1: display_text ≤ 20).
const DISPLAY_TEXT_MAX = LIMITS.buttonTitle;

const properties: INodeProperties[] = [
	toProperty,
	bodyTextProperty(LIMITS.interactiveBody),
	{
		displayName: 'Button Text',
		name: 'displayText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Track order',
		description: `The label of the link button, up to ${DISPLAY_TEXT_MAX} characters`,
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/orders/4711',
		description: 'The http(s) address the button opens; the customer does not see it',
	},
	...headerProperties(true),
	footerProperty,
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendCtaUrl'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const frame = readInteractiveFrame(this, itemIndex, LIMITS.interactiveBody);
	const displayText = this.getNodeParameter('displayText', itemIndex, '') as string;
	checkText(scope, 'Button Text', displayText, DISPLAY_TEXT_MAX);
	const url = this.getNodeParameter('url', itemIndex, '') as string;
	const { link } = mediaReference(scope, 'URL', url, 'link');
	return await sendMessage(this, itemIndex, 'interactive', {
		type: 'cta_url',
		...frame,
		action: { name: 'cta_url', parameters: { display_text: displayText, url: link } },
	});
}
