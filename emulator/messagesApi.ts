import type { ApiContext } from './apiContext';
import { graphError, ok, type ApiResponse } from './apiResponses';
import { checkContent, checkEnvelope, recipientWaId, type Refusal } from './messageRules';
import { checkTemplateSend } from './templateRules';
import { isPlainObject } from './webhookRules';

const refused = ({ code, details }: Refusal) => graphError(400, code, details);

/**
 * POST /messages: a read receipt (`status: "read"`) or a send. A send is checked as WhatsApp
 * checks it, then against the 24-hour window (templates only outside it: 131047), answered with
 * the message id, and followed by its status notifications through the fan-out.
 */
export function postMessages(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	if (body.status !== undefined) return markAsRead(ctx, body);
	const type = body.type as string;
	const refusal =
		checkEnvelope(body) ??
		checkContent(type, body[type]) ??
		(type === 'template'
			? checkTemplateSend(ctx.messaging.templates(), body.template as Record<string, unknown>)
			: undefined);
	if (refusal) return refused(refusal);
	const waId = recipientWaId(body.to) as string;
	if (type !== 'template' && !ctx.messaging.isWindowOpen(waId)) {
		return refused({
			code: 131047,
			details:
				'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		});
	}
	// A delivered template does not open the window here: the contract calls that UNVERIFIED.
	const message = ctx.messaging.accept(body, waId);
	return ok({
		messaging_product: 'whatsapp',
		contacts: [{ input: body.to, wa_id: waId }],
		messages: [{ id: message.id, ...(type === 'template' ? { message_status: 'accepted' } : {}) }],
	});
}

/** Incoming messages only (360dialog's contract §2); the typing indicator is {"type": "text"}. */
function markAsRead(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	if (body.messaging_product !== 'whatsapp') {
		return refused({
			code: 100,
			details: 'Param messaging_product is required and must be "whatsapp"',
		});
	}
	if (body.status !== 'read') return refused({ code: 100, details: 'Param status must be "read"' });
	const { message_id: messageId, typing_indicator: typing } = body;
	if (typeof messageId !== 'string' || !ctx.messaging.isIncoming(messageId)) {
		return refused({
			code: 100,
			details: `Param message_id ${JSON.stringify(messageId)} is not an incoming message of this number`,
		});
	}
	if (typing !== undefined && !(isPlainObject(typing) && typing.type === 'text')) {
		return refused({ code: 100, details: 'Param typing_indicator must be {"type": "text"}' });
	}
	ctx.messaging.acceptReadReceipt(messageId, typing !== undefined);
	return ok({ success: true });
}
