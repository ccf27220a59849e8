import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { applyChange } from '../../helpers/calls/applyChange';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { readDestinationName } from '../../helpers/webhooks/destinations';
import { showsDestinations } from '../../../shared/webhooks/multiWebhook';
import { readHeaders } from '../../helpers/webhooks/headers';
import { readOptions } from '../../helpers/calls/options';
import { checkHeaderNames, checkWebhookUrl } from '../../helpers/webhooks/validation';
import { webhookChangeProperties } from '../common/headerValues.description';
import { destinationNameProperty } from '../common/destinationName.description';
import { headersProperties } from '../common/headers.description';
import { webhookUrlProperty } from '../common/webhookUrl.description';
import { multiWebhookReadBack } from './readBack';

const properties: INodeProperties[] = [
	destinationNameProperty,
	webhookUrlProperty('URL', 'The destination\'s new URL. No "_" and no ":port" in the host name.'),
	...headersProperties(
		'The destination\'s new headers. They replace the old ones: leave empty to remove them. Names may not contain "_".',
	),
	...webhookChangeProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['updateDestination'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const name = readDestinationName(this, itemIndex);
	const url = this.getNodeParameter('url', itemIndex) as string;
	checkWebhookUrl(scope, url, 'Destination URL');
	const headers = readHeaders(this, itemIndex);
	checkHeaderNames(scope, headers);
	const { requestTimeoutMs, applyTimeoutMs } = readOptions(this, itemIndex);
	const readBack = multiWebhookReadBack(this, requestTimeoutMs);
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360(this, 'PATCH', '/multi_webhook', {
				body: { name, url, headers },
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...readBack,
		isApplied: ({ config }) => showsDestinations(config, [{ name, url, headers }]),
		expected: `destination "${name}" with its new URL and headers`,
	});
	return withHeaderValues(this, itemIndex, output);
}
