import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { headersFromJson, headersFromRows, type HeaderRow } from './headers';
import { invalidParameter } from '../parameters/invalidParameter';
import { readJsonParameter } from '../parameters/jsonParameter';
import type { ItemScope } from '../parameters/invalidParameter';
import type { MultiWebhookDestination as Destination } from '../../../shared/webhooks/multiWebhook';
import { checkDestinationName, checkNewDestinations } from './validation';

const DESTINATIONS_JSON_FIELD = 'Destinations (JSON)';
const JSON_EXAMPLE =
	'[{"name": "crm", "url": "https://crm.example.com/hook", "headers": {"Authorization": "Bearer abc123"}}]';

interface DestinationRow {
	name?: string;
	url?: string;
	headers?: { header?: HeaderRow[] };
}

function fromJson(scope: ItemScope, value: unknown): Destination[] {
	if (value === undefined) return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry: unknown, position) => {
		const { name, url, headers } = (entry ?? {}) as IDataObject;
		if (typeof entry !== 'object' || typeof name !== 'string' || typeof url !== 'string') {
			throw invalidParameter(
				scope,
				`Invalid ${DESTINATIONS_JSON_FIELD}: entry ${position + 1} needs a text "name" and "url"`,
				`Expected an array such as ${JSON_EXAMPLE}.`,
			);
		}
		const field = `${DESTINATIONS_JSON_FIELD} headers of "${name}"`;
		return {
			name,
			url,
			headers: headers === undefined ? {} : headersFromJson(scope, headers, field),
		};
	});
}

function fromRows(rows: DestinationRow[] | undefined): Destination[] {
	return (rows ?? []).map(({ name = '', url = '', headers }) => ({
		name,
		url,
		headers: headersFromRows(headers?.header),
	}));
}

/** The Destinations parameters of Enable and Add Destinations, checked against 360dialog's rules. */
export function readDestinations(context: IExecuteFunctions, itemIndex: number): Destination[] {
	const scope = { node: context.getNode(), itemIndex };
	let destinations: Destination[];
	if (context.getNodeParameter('specifyDestinations', itemIndex) === 'json') {
		const value = readJsonParameter(
			context,
			'destinationsJson',
			DESTINATIONS_JSON_FIELD,
			itemIndex,
		);
		destinations = fromJson(scope, value);
	} else {
		const { destination } = context.getNodeParameter('destinations', itemIndex, {}) as {
			destination?: DestinationRow[];
		};
		destinations = fromRows(destination);
	}
	checkNewDestinations(scope, destinations);
	return destinations;
}

/** The Destination locator's value: the exact name, whichever mode gave it. */
export function readDestinationName(context: IExecuteFunctions, itemIndex: number): string {
	const name = context.getNodeParameter('destinationName', itemIndex, '', { extractValue: true });
	const text = typeof name === 'string' ? name : String(name ?? '');
	checkDestinationName({ node: context.getNode(), itemIndex }, text);
	return text;
}

/** "crm", "erp": destination names as errors quote them. */
export function quotedNames(destinations: Array<{ name: string }>): string {
	return destinations.map(({ name }) => `"${name}"`).join(', ');
}
