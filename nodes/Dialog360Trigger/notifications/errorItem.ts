import type { IDataObject } from 'n8n-workflow';

import { isRecord, startItem } from './itemFields';
import { errorSchema } from './schemas';
import type { NotificationOrigin } from './types';

/** One error of a notification's top-level `errors` list as an item. */
export function toErrorItem(raw: unknown, origin: NotificationOrigin): IDataObject {
	const item = startItem('error', origin);
	if (!isRecord(raw)) {
		item.raw = raw as IDataObject;
		return item;
	}

	const error = errorSchema.parse(raw);
	if (error.code !== undefined) item.code = error.code;
	if (error.title !== undefined) item.title = error.title;
	// On-Premise errors have only a title; Cloud API ones repeat it as message.
	const message = error.message ?? error.title;
	if (message !== undefined) item.message = message;
	const details = error.error_data?.details ?? error.details;
	if (details !== undefined) item.details = details;
	if (error.href !== undefined) item.href = error.href;
	item.raw = raw as IDataObject;
	return item;
}
