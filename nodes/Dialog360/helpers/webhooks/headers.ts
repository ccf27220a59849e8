import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readJsonParameter } from '../parameters/jsonParameter';
import { invalidParameter } from '../parameters/invalidParameter';
import type { ItemScope } from '../parameters/invalidParameter';
import type { HeaderMap } from '../../../shared/webhooks/webhook';

export interface HeaderRow {
	name?: string;
	value?: string;
}

const HEADERS_JSON_FIELD = 'Headers (JSON)';

export function headersFromRows(rows: HeaderRow[] | undefined): HeaderMap {
	const headers: HeaderMap = {};
	for (const { name = '', value = '' } of rows ?? []) headers[name] = value;
	return headers;
}

/** A JSON object of header values; numbers and booleans become text as they would in HTTP. */
export function headersFromJson(scope: ItemScope, value: unknown, field: string): HeaderMap {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw invalidParameter(
			scope,
			`Invalid ${field}`,
			'Expected an object of header names and values, such as {"Authorization": "Bearer abc123"}.',
		);
	}
	const headers: HeaderMap = {};
	for (const [name, headerValue] of Object.entries(value as IDataObject)) {
		if (!['string', 'number', 'boolean'].includes(typeof headerValue)) {
			throw invalidParameter(
				scope,
				`Invalid ${field}: header "${name}" has no text value`,
				'Give every header a text value, such as {"Authorization": "Bearer abc123"}.',
			);
		}
		headers[name] = String(headerValue);
	}
	return headers;
}

/** The Headers parameters of Update Destination and the Set operations. */
export function readHeaders(context: IExecuteFunctions, itemIndex: number): HeaderMap {
	const scope = { node: context.getNode(), itemIndex };
	if (context.getNodeParameter('specifyHeaders', itemIndex) === 'json') {
		const value = readJsonParameter(context, 'headersJson', HEADERS_JSON_FIELD, itemIndex);
		return value === undefined ? {} : headersFromJson(scope, value, HEADERS_JSON_FIELD);
	}
	const { header } = context.getNodeParameter('headers', itemIndex, {}) as { header?: HeaderRow[] };
	return headersFromRows(header);
}
