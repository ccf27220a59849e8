import { singleWebhookResource } from '../common/singleWebhook';
import * as set from './set.operation';

export const { operations, description } = singleWebhookResource(
	'wabaWebhook',
	'/waba_webhook',
	set,
	{
		get: {
			description: 'Get the webhook of the WhatsApp Business Account',
			action: 'Get the WABA webhook',
		},
		set: {
			description: 'Set the webhook of the WhatsApp Business Account',
			action: 'Set the WABA webhook',
		},
	},
);
