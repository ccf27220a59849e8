import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** What a header's value becomes in the output unless Include Header Values is on. */
export const HIDDEN_HEADER_VALUE = '[hidden: see the Include Header Values option]';

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function hidden(headers: unknown): unknown {
	if (!isObject(headers)) return headers;
	return Object.fromEntries(Object.keys(headers).map((name) => [name, HIDDEN_HEADER_VALUE]));
}

/**
 * Webhook headers as output: names kept, values hidden unless the item's Include Header Values
 * option is on. The values are often secrets (the 360dialog Trigger's, other integrations'
 * Authorization), and execution data is open to everyone who can see the workflow's executions.
 * Covers both shapes 360dialog answers with: `{headers}` and `{destinations: [{headers}]}`.
 */
export function withHeaderValues(
	context: IExecuteFunctions,
	itemIndex: number,
	output: IDataObject,
): IDataObject {
	if (context.getNodeParameter('options.includeHeaderValues', itemIndex, false) === true)
		return output;
	const result: IDataObject = { ...output };
	if ('headers' in result) result.headers = hidden(result.headers) as IDataObject;
	if (Array.isArray(result.destinations)) {
		result.destinations = result.destinations.map((destination) =>
			isObject(destination) && 'headers' in destination
				? { ...destination, headers: hidden(destination.headers) as IDataObject }
				: destination,
		) as IDataObject[];
	}
	return result;
}
