import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { headersFromJson, headersFromRows, type HeaderRow } from './headers';
import { invalidParameter } from './invalidParameter';
import { readJsonParameter } from './jsonParameter';
import type { Destination, ItemScope } from './types';
import { checkNewDestinations } from './validation';

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
export function readDestinations(this: IExecuteFunctions, itemIndex: number): Destination[] {
	const scope = { node: this.getNode(), itemIndex };
	let destinations: Destination[];
	if (this.getNodeParameter('specifyDestinations', itemIndex) === 'json') {
		const value = readJsonParameter.call(
			this,
			'destinationsJson',
			DESTINATIONS_JSON_FIELD,
			itemIndex,
		);
		destinations = fromJson(scope, value);
	} else {
		const { destination } = this.getNodeParameter('destinations', itemIndex, {}) as {
			destination?: DestinationRow[];
		};
		destinations = fromRows(destination);
	}
	checkNewDestinations(scope, destinations);
	return destinations;
}
