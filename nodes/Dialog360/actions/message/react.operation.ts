import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { sendMessage } from '../../helpers/messages/sendMessage';
import { sendOptionsProperty, toProperty } from '../common/message.description';
import { messageIdProperty, readMessageId } from '../common/messageId.description';

const properties: INodeProperties[] = [
	toProperty,
	messageIdProperty('The message to react to, from the same chat'),
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '',
		placeholder: 'e.g. \u{1F44D}',
		description: 'One emoji. Leave empty to remove the reaction this number left on the message.',
	},
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['react'] } },
	properties,
);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** One emoji (a single grapheme with a pictograph, so flags and skin tones count as one), or "". */
function isSingleEmoji(text: string): boolean {
	return (
		[...graphemes.segment(text)].length === 1 &&
		/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text)
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = readMessageId(this, itemIndex);
	const emoji = (this.getNodeParameter('emoji', itemIndex, '') as string).trim();
	if (emoji !== '' && !isSingleEmoji(emoji)) {
		throw invalidParameter(
			{ node: this.getNode(), itemIndex },
			`Invalid Emoji "${emoji}"`,
			'WhatsApp takes exactly one emoji as a reaction. Leave it empty to remove the reaction.',
		);
	}
	// "" removes the reaction (contract §1; UNVERIFIED, as the contract says).
	return await sendMessage(this, itemIndex, 'reaction', { message_id: messageId, emoji });
}
