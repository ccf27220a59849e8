import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { applyChange } from '../../helpers/applyChange';
import { withHeaderValues } from '../../helpers/headerValues';
import { quotedNames, readDestinations } from '../../helpers/destinations';
import { showsDestinations } from '../../../shared/webhooks/multiWebhook';
import { invalidParameter } from '../../helpers/invalidParameter';
import { readOptions } from '../../helpers/options';
import { checkAgainstExisting } from '../../helpers/validation';
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
	const destinations = readDestinations.call(this, itemIndex);
	if (destinations.length === 0) {
		throw invalidParameter(
			scope,
			'Destinations is empty',
			'Add at least one destination with a name and a URL.',
		);
	}
	const { requestTimeoutMs, applyTimeoutMs } = readOptions.call(this, itemIndex);
	const readBack = multiWebhookReadBack(this, requestTimeoutMs);
	checkAgainstExisting(scope, destinations, (await readBack.read()).config.destinations);
	const output = await applyChange(this, itemIndex, applyTimeoutMs, {
		send: async () =>
			(await callDialog360.call(this, 'PUT', '/multi_webhook', {
				body: { destinations },
				timeoutMs: requestTimeoutMs,
			})) as IDataObject,
		...readBack,
		isApplied: ({ config }) => showsDestinations(config, destinations),
		expected: `the destinations ${quotedNames(destinations)}`,
	});
	return withHeaderValues.call(this, itemIndex, output);
}
