import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from './invalidParameter';

/**
 * A JSON parameter as n8n hands it over: the text the user typed, or whatever an expression
 * produced (already an object or array). Blank text means nothing was given: undefined.
 */
export function readJsonParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): unknown {
	const value = context.getNodeParameter(name, itemIndex);
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		throw invalidParameter(
			{ node: context.getNode(), itemIndex },
			`Invalid JSON in ${field}`,
			`${(error as Error).message}. Check the brackets, commas and quotes of ${field}.`,
		);
	}
}
