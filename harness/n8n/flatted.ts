/**
 * Reads n8n's stored execution data, which is in the `flatted` format: a JSON array whose first
 * entry is the root; inside objects and arrays every string is the index of another entry, and
 * top-level string entries are the real strings. A few lines instead of a dependency.
 */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const isContainer = (value: unknown): value is Record<string, unknown> =>
		typeof value === 'object' && value !== null;
	const containers = table.filter(isContainer);
	for (const container of containers) {
		for (const key of Object.keys(container)) {
			const value = container[key];
			if (typeof value === 'string') container[key] = table[Number(value)];
		}
	}
	return table[0];
}
