import type { IExecuteFunctions } from 'n8n-workflow';

import { readMultiWebhook } from '../../../shared/multiWebhook';

/** How a multi-webhook change is read back while waiting for 360dialog to apply it. */
export function multiWebhookReadBack(context: IExecuteFunctions, timeoutMs: number) {
	return {
		readCall: 'GET /multi_webhook',
		read: async () => await readMultiWebhook.call(context, timeoutMs),
		checkWith: 'Multi-Webhook Get',
	};
}
