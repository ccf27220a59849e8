import type { IExecuteFunctions } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { invalidParameter } from './invalidParameter';
import { readJsonParameter } from './jsonParameter';

/**
 * A list given either as rows of a fixedCollection or as JSON (for expressions and AI agents),
 * chosen by a "Specify ..." parameter. The JSON is parsed with `schema`; a mistake names the
 * entry and the field.
 */
export function readFieldsOrJson<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: {
		choice: string;
		fields: () => T[];
		jsonName: string;
		jsonField: string;
		schema: { safeParse(value: unknown): z.ZodSafeParseResult<T[]> };
		example: string;
	},
): T[] {
	if (context.getNodeParameter(spec.choice, itemIndex, 'fields') !== 'json') return spec.fields();
	const value = readJsonParameter(context, spec.jsonName, spec.jsonField, itemIndex) ?? [];
	const parsed = spec.schema.safeParse(Array.isArray(value) ? value : [value]);
	if (parsed.success) return parsed.data;
	const [issue] = parsed.error.issues;
	const where =
		issue.path.length > 0
			? ` at ${issue.path.map((part) => (typeof part === 'number' ? `entry ${part + 1}` : part)).join(' ')}`
			: '';
	throw invalidParameter(
		{ node: context.getNode(), itemIndex },
		`Invalid ${spec.jsonField}${where}: ${issue.message}`,
		`Expected an array such as ${spec.example}.`,
	);
}
