import type { IExecuteFunctions } from 'n8n-workflow';

import {
	readMultiWebhookReading,
	type MultiWebhookReading,
} from '../../../shared/webhooks/multiWebhook';
import type { ReadBack } from '../../helpers/calls/applyChange';

/** How a multi-webhook change is read back while waiting for 360dialog to apply it. */
export function multiWebhookReadBack(
	context: IExecuteFunctions,
	timeoutMs: number,
): ReadBack<MultiWebhookReading> {
	return {
		readCall: 'GET /multi_webhook',
		read: async () => await readMultiWebhookReading(context, timeoutMs),
		output: ({ config }) => config,
		unclear: ({ conflict }) =>
			conflict
				? '360dialog answers GET /multi_webhook with 409, which shows no configuration to confirm the change by'
				: undefined,
		checkWith: 'Multi-Webhook Get',
	};
}
