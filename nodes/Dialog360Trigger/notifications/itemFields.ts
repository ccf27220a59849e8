import type { IDataObject } from 'n8n-workflow';

import type { NotificationOrigin } from './types';

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy without the absent (undefined or null) fields, or undefined when nothing is left. */
export function compact(fields: Record<string, unknown>): IDataObject | undefined {
	let result: IDataObject | undefined;
	for (const key in fields) {
		const value = fields[key];
		if (value === undefined || value === null) continue;
		result ??= {};
		result[key] = value as IDataObject[string];
	}
	return result;
}

/** A new item with the fields it shares with the other items of its change; absent ones left out. */
export function startItem(event: string, origin: NotificationOrigin): IDataObject {
	// Named stores, one by one: they keep the item a fast object, unlike spreading a template.
	const item: IDataObject = { event };
	if (origin.phone_number_id !== undefined) item.phone_number_id = origin.phone_number_id;
	if (origin.display_phone_number !== undefined) {
		item.display_phone_number = origin.display_phone_number;
	}
	if (origin.waba_id !== undefined) item.waba_id = origin.waba_id;
	if (origin.messaging_product !== undefined) item.messaging_product = origin.messaging_product;
	return item;
}
