import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { applyChange } from '../../helpers/calls/applyChange';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { quotedNames, readDestinations } from '../../helpers/webhooks/destinations';
import { showsDestinations } from '../../../shared/webhooks/multiWebhook';
import { readOptions } from '../../helpers/calls/options';
import { checkAgainstExisting } from '../../helpers/webhooks/validation';
import { webhookChangeProperties } from '../common/headerValues.description';
import { destinationsProperties } from '../common/destinations.description';
import { multiWebhookReadBack } from './readBack';

const properties: INodeProperties[] = [
	...destinationsProperties(
		'Destinations to add while enabling; leave empty to only enable. If multi-webhook is already enabled, use Add Destinations instead. At most 3 per phone number, each with its own name (case-sensitive).',
	),
	...webhookChangeProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['enable'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const destinations = readDestinations(this, itemIndex);
	const { requestTimeoutMs, applyTimeoutMs } = readOptions(this, itemIndex);
	const readBack = multiWebhookReadBack(this, requestTimeoutMs);
	if (destinations.length > 0) {
		const { destinations: existing } = (await readBack.read()).config;
		checkAgainstExisting({ node: this.getNode(), itemIndex }, destinations, existing);
	}
	const body = destinations.length > 0 ? { enabled: true, destinations } : { enabled: true };
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360(this, 'POST', '/multi_webhook', {
				body,
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...readBack,
		isApplied: ({ config }) => config.enabled && showsDestinations(config, destinations),
		expected:
			destinations.length > 0
				? `multi-webhook enabled with ${quotedNames(destinations)}`
				: 'multi-webhook enabled',
	});
	return withHeaderValues(this, itemIndex, output);
}
