import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { applyChange } from '../../helpers/calls/applyChange';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { readOptions } from '../../helpers/calls/options';
import { readWebhookTarget, singleWebhookReadBack } from '../../helpers/webhooks/webhookTarget';
import { showsTarget } from '../../../shared/webhooks/webhook';
import { webhookChangeProperties } from '../common/headerValues.description';
import { headersProperties } from '../common/headers.description';
import { webhookUrlProperty } from '../common/webhookUrl.description';

const properties: INodeProperties[] = [
	webhookUrlProperty(
		'Webhook URL',
		'Where 360dialog sends the notifications of the WABA\'s Cloud API numbers. No "_" and no ":port" in the host name.',
	),
	...headersProperties(
		'Headers 360dialog sends with every notification, such as a shared secret. Names may not contain "_".',
	),
	{
		displayName: 'Override All',
		name: 'overrideAll',
		type: 'boolean',
		default: false,
		description:
			'Whether to apply the webhook to every Cloud API number of the WABA, replacing their own webhooks. When off, only Cloud API numbers without a phone number webhook get it.',
	},
	...webhookChangeProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['wabaWebhook'], operation: ['set'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { url, headers, body: target } = readWebhookTarget(this, itemIndex);
	const overrideAll = this.getNodeParameter('overrideAll', itemIndex, false) as boolean;
	const { requestTimeoutMs, applyTimeoutMs } = readOptions(this, itemIndex);
	const body = { ...target, override_all: overrideAll };
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360(this, 'POST', '/waba_webhook', {
				body,
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...singleWebhookReadBack(this, '/waba_webhook', requestTimeoutMs, 'WABA Webhook Get'),
		isApplied: (webhook) => showsTarget(webhook, { url, headers }),
		expected: `the URL ${url} with exactly the headers sent`,
	});
	return withHeaderValues(this, itemIndex, output);
}
