import { singleWebhookResource } from '../common/singleWebhook';
import * as set from './set.operation';

export const { operations, description } = singleWebhookResource(
	'phoneNumberWebhook',
	'/v1/configs/webhook',
	set,
	{
		get: {
			description: "Get the phone number's own webhook, its main destination",
			action: 'Get the phone number webhook',
		},
		set: {
			description: "Replace the phone number's own webhook",
			action: 'Set the phone number webhook',
		},
	},
);
