import { randomBytes } from 'node:crypto';

/** Who the emulated number is, as notifications name it. */
export interface NumberIds {
	wabaId: string;
	phoneNumberId: string;
	displayPhoneNumber: string;
}

export interface StatusUpdate {
	status: 'sent' | 'delivered' | 'read' | 'failed';
	errors?: Array<{
		code: number;
		title: string;
		message?: string;
		error_data?: { details: string };
	}>;
}

const DAY_SECONDS = 24 * 60 * 60;

/**
 * One status of a sent message in Meta's envelope (`field: "messages"`, `statuses[]`), shaped like
 * test/fixtures/payloads/cloud/status_*.json. `sent` carries the conversation and pricing.
 */
export function statusNotification(
	ids: NumberIds,
	message: { id: string; waId: string; type: string; category?: string },
	update: StatusUpdate,
): unknown {
	const now = Math.floor(Date.now() / 1000);
	const status: Record<string, unknown> = {
		id: message.id,
		status: update.status,
		timestamp: String(now),
		recipient_id: message.waId,
	};
	if (update.status === 'sent') {
		const category = message.type === 'template' ? (message.category ?? 'utility') : 'service';
		status.conversation = {
			id: randomBytes(16).toString('hex'),
			expiration_timestamp: String(now + DAY_SECONDS),
			origin: { type: category },
		};
		status.pricing = {
			billable: message.type === 'template',
			pricing_model: 'PMP',
			category,
			type: message.type === 'template' ? 'regular' : 'free_customer_service',
		};
	}
	if (update.errors) status.errors = update.errors;
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: ids.wabaId,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: ids.displayPhoneNumber,
								phone_number_id: ids.phoneNumberId,
							},
							statuses: [status],
						},
					},
				],
			},
		],
	};
}
