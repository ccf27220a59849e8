import type { ControlTarget } from './controlApi';
import type { DeliveryResult, SentMessage } from './types';

/**
 * What a customer does with a message the workflow sent: tap one of its reply buttons, or write
 * an answer quoting it. Each produces the notification 360dialog would deliver (Cloud API shape,
 * `context` naming the message answered) and delivers it through the fan-out.
 */

interface ReplyButton {
	type: string;
	reply: { id: string; title: string };
}

export interface CustomerAnswer {
	notification: Record<string, unknown>;
	deliveries: DeliveryResult[];
}

function sentMessage(target: ControlTarget, messageId: unknown): SentMessage {
	if (typeof messageId !== 'string')
		throw new TypeError('message_id must be the wamid of a sent message');
	const message = target.messages().find((sent) => sent.id === messageId);
	if (!message) throw new TypeError(`No message ${messageId} was sent through this emulator`);
	return message;
}

function buttonsOf(message: SentMessage): ReplyButton[] {
	const interactive = message.body.interactive as
		| { type?: string; action?: { buttons?: ReplyButton[] } }
		| undefined;
	if (message.type !== 'interactive' || interactive?.type !== 'button') {
		throw new TypeError(`Message ${message.id} has no reply buttons (it is ${message.type})`);
	}
	return interactive.action?.buttons ?? [];
}

let sequence = 0;

async function deliverFrom(
	target: ControlTarget,
	message: SentMessage,
	content: Record<string, unknown>,
): Promise<CustomerAnswer> {
	const { phoneNumberId, wabaId, displayPhoneNumber } = target.number();
	sequence += 1;
	const notification = {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: wabaId,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: displayPhoneNumber,
								phone_number_id: phoneNumberId,
							},
							contacts: [{ profile: { name: 'Lena Fischer' }, wa_id: message.waId }],
							messages: [
								{
									context: { from: displayPhoneNumber, id: message.id },
									from: message.waId,
									id: `wamid.emulator.answer.${Date.now()}.${sequence}`,
									timestamp: `${Math.floor(Date.now() / 1000)}`,
									...content,
								},
							],
						},
					},
				],
			},
		],
	};
	return { notification, deliveries: await target.deliver(notification) };
}

/** {"message_id", "title" | "index"}: the recipient taps that reply button. */
export async function tapButton(
	target: ControlTarget,
	input: Record<string, unknown>,
): Promise<CustomerAnswer> {
	const message = sentMessage(target, input.message_id);
	const buttons = buttonsOf(message);
	const button =
		typeof input.title === 'string'
			? buttons.find(({ reply }) => reply.title === input.title)
			: buttons[typeof input.index === 'number' ? input.index : 0];
	if (!button) {
		throw new TypeError(
			`Message ${message.id} has no such button; its buttons: ${buttons.map(({ reply }) => reply.title).join(', ')}`,
		);
	}
	return await deliverFrom(target, message, {
		type: 'interactive',
		interactive: { type: 'button_reply', button_reply: button.reply },
	});
}

/** {"message_id", "text"}: the recipient writes an answer, quoting that message. */
export async function replyWithText(
	target: ControlTarget,
	input: Record<string, unknown>,
): Promise<CustomerAnswer> {
	const message = sentMessage(target, input.message_id);
	if (typeof input.text !== 'string' || input.text === '') throw new TypeError('text is required');
	return await deliverFrom(target, message, { type: 'text', text: { body: input.text } });
}
