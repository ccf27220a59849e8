import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { ACTION_TYPE, node, type WorkflowNode } from './nodes';

/**
 * The two 360dialog nodes that answer a message from the 360dialog Trigger, as a builder sets
 * them up: everything they need comes from the trigger's item ({{ $json.from }},
 * {{ $json.message_id }}). Used by the end-to-end test and by `npm run dev`'s example.
 */

export const REPLY_TEXT = 'Thanks for your message! How can we help?';
export const REPLY_BUTTONS = [
	{ id: 'order-status', title: 'Order status' },
	{ id: 'talk-to-us', title: 'Talk to a person' },
];
export const REPLY_FOOTER = 'Replies within minutes';

type NodeBuilder = (
	name: string,
	position: [number, number],
	credential: CredentialImport,
) => WorkflowNode;

/** A 360dialog node of the Message resource with the given operation and parameters. */
const messageNode =
	(operation: string, parameters: Record<string, unknown>): NodeBuilder =>
	(name, position, credential) =>
		node(
			name,
			ACTION_TYPE,
			1,
			position,
			{ resource: 'message', operation, ...parameters },
			{
				credentials: credentialRef(credential),
			},
		);

export const replyWithButtons = messageNode('sendButtons', {
	to: '={{ $json.from }}',
	text: REPLY_TEXT,
	buttons: { button: REPLY_BUTTONS },
	footer: REPLY_FOOTER,
	options: { replyTo: '={{ $json.message_id }}' },
});

export const markAsRead = messageNode('markAsRead', {
	messageId: '={{ $json.message_id }}',
	typingIndicator: true,
});
