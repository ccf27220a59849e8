import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { withoutKey } from '../../../shared/apiErrors';
import { callDialog360, readCredentials } from '../../../shared/transport';
import { readOptions } from '../calls/options';
import { readRecipient } from './recipient';

/** What 360dialog answers a send with (contract §1); anything else it adds is kept in `raw`. */
const sendAnswerSchema = z.object({
	contacts: z
		.array(z.object({ input: z.string().optional(), wa_id: z.string().optional() }))
		.default([]),
	messages: z.array(z.object({ id: z.string(), message_status: z.string().optional() })).min(1),
});

/** A time-out or a 5xx after a send does not mean nothing went out. */
const MESSAGE_MAY_BE_SENT =
	"The message may still have been sent: check the trigger's Statuses output (or the chat) before sending it again.";

/** The Options of a send: Reply To and the request time-out. */
function readSendOptions(context: IExecuteFunctions, itemIndex: number) {
	const { replyTo = '' } = context.getNodeParameter('options', itemIndex, {}) as {
		replyTo?: string;
	};
	return { replyTo: replyTo.trim(), ...readOptions(context, itemIndex) };
}

/**
 * Sends one message of `type` with its content object to the To parameter's recipient, quoting
 * Reply To when given. The output: message_id, wa_id, input, message_status (templates) and raw.
 */
export async function sendMessage(
	context: IExecuteFunctions,
	itemIndex: number,
	type: string,
	content: IDataObject | IDataObject[],
): Promise<IDataObject> {
	const to = readRecipient(context, itemIndex);
	const { replyTo, requestTimeoutMs } = readSendOptions(context, itemIndex);
	const body: IDataObject = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		...(replyTo ? { context: { message_id: replyTo } } : {}),
		type,
		[type]: content,
	};
	const answer = (await callDialog360(context, 'POST', '/messages', {
		body,
		timeoutMs: requestTimeoutMs,
		uncertainOutcome: MESSAGE_MAY_BE_SENT,
	})) as IDataObject;
	return await sentItem(context, answer);
}

/** Turns 360dialog's answer into the output item; an answer without a message id is an error. */
async function sentItem(context: IExecuteFunctions, answer: IDataObject): Promise<IDataObject> {
	const parsed = sendAnswerSchema.safeParse(answer);
	if (!parsed.success) {
		const { apiKey } = await readCredentials(context);
		throw new NodeApiError(
			context.getNode(),
			{ body: withoutKey(JSON.stringify(answer ?? null), apiKey).slice(0, 500) },
			{
				message: '360dialog answered POST /messages without a message ID',
				description: `Expected {"messages": [{"id": "wamid..."}]}. ${MESSAGE_MAY_BE_SENT}`,
			},
		);
	}
	const [contact] = parsed.data.contacts;
	const [message] = parsed.data.messages;
	const item: IDataObject = { message_id: message.id };
	if (contact?.wa_id !== undefined) item.wa_id = contact.wa_id;
	if (contact?.input !== undefined) item.input = contact.input;
	if (message.message_status !== undefined) item.message_status = message.message_status;
	item.raw = answer;
	return item;
}
