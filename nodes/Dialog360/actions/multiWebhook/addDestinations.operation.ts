import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { applyChange } from '../../helpers/calls/applyChange';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import { quotedNames, readDestinations } from '../../helpers/webhooks/destinations';
import { showsDestinations } from '../../../shared/webhooks/multiWebhook';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { readOptions } from '../../helpers/calls/options';
import { checkAgainstExisting } from '../../helpers/webhooks/validation';
import { webhookChangeProperties } from '../common/headerValues.description';
import { destinationsProperties } from '../common/destinations.description';
import { multiWebhookReadBack } from './readBack';

const properties: INodeProperties[] = [
	...destinationsProperties(
		'Destinations to add to the enabled multi-webhook. At most 3 per phone number, each with its own name (case-sensitive); a name that already exists is refused.',
	),
	...webhookChangeProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['multiWebhook'], operation: ['addDestinations'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const destinations = readDestinations(this, itemIndex);
	if (destinations.length === 0) {
		throw invalidParameter(
			scope,
			'Destinations is empty',
			'Add at least one destination with a name and a URL.',
		);
	}
	const { requestTimeoutMs, applyTimeoutMs } = readOptions(this, itemIndex);
	const readBack = multiWebhookReadBack(this, requestTimeoutMs);
	checkAgainstExisting(scope, destinations, (await readBack.read()).config.destinations);
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360(this, 'PUT', '/multi_webhook', {
				body: { destinations },
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...readBack,
		isApplied: ({ config }) => showsDestinations(config, destinations),
		expected: `the destinations ${quotedNames(destinations)}`,
	});
	return withHeaderValues(this, itemIndex, output);
}
