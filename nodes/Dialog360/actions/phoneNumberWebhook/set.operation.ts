import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { applyChange } from '../../helpers/calls/applyChange';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { withBasicAuth } from '../../helpers/webhooks/basicAuth';
import { readOptions } from '../../helpers/calls/options';
import { readWebhookTarget, singleWebhookReadBack } from '../../helpers/webhooks/webhookTarget';
import { showsTarget } from '../../../shared/webhooks/webhook';
import { webhookChangeProperties } from '../common/headerValues.description';
import { headersProperties } from '../common/headers.description';
import { webhookUrlProperty } from '../common/webhookUrl.description';

const PATH = '/v1/configs/webhook';

const properties: INodeProperties[] = [
	webhookUrlProperty(
		'Webhook URL',
		'Where 360dialog sends this phone number\'s notifications, replacing the current webhook. No "_" and no ":port" in the host name.',
	),
	...headersProperties(
		'Headers 360dialog sends with every notification, such as a shared secret. Names may not contain "_".',
	),
	{
		displayName: 'Add Basic Auth',
		name: 'basicAuth',
		type: 'boolean',
		default: false,
		description:
			'Whether to add an Authorization header with Basic auth, for a webhook that asks for a user and password',
	},
	{
		displayName: 'Basic Auth User',
		name: 'basicAuthUser',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { basicAuth: [true] } },
	},
	{
		displayName: 'Basic Auth Password',
		name: 'basicAuthPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { basicAuth: [true] } },
	},
	...webhookChangeProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumberWebhook'], operation: ['set'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { url, headers, body } = readWebhookTarget(this, itemIndex, (entered) =>
		withBasicAuth(this, itemIndex, entered),
	);
	const { requestTimeoutMs, applyTimeoutMs } = readOptions(this, itemIndex);
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360(this, 'POST', PATH, {
				body,
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...singleWebhookReadBack(this, PATH, requestTimeoutMs, 'Phone Number Webhook Get'),
		isApplied: (webhook) => showsTarget(webhook, { url, headers }),
		expected: `the URL ${url} with exactly the headers sent`,
	});
	return withHeaderValues(this, itemIndex, output);
}
