import type { IDataObject } from 'n8n-workflow';

import { isRecord, startItem } from './itemFields';
import { statusSchema } from './schemas';
import { unixSecondsToIso } from './timestamp';
import type { NotificationOrigin } from './types';

/** One status update as an item; conversation, pricing and errors are the originals, by reference. */
export function toStatusItem(raw: unknown, origin: NotificationOrigin): IDataObject {
	const item = startItem('status', origin);
	if (!isRecord(raw)) {
		item.raw = raw as IDataObject;
		return item;
	}

	const status = statusSchema.parse(raw);
	if (status.id !== undefined) item.message_id = status.id;
	if (status.status !== undefined) item.status = status.status;
	if (status.recipient_id !== undefined) item.recipient_id = status.recipient_id;
	if (status.timestamp !== undefined) {
		item.timestamp = status.timestamp;
		const iso = unixSecondsToIso(status.timestamp);
		if (iso !== undefined) item.timestamp_iso = iso;
	}
	if (raw.conversation != null) item.conversation = raw.conversation as IDataObject;
	if (raw.pricing != null) item.pricing = raw.pricing as IDataObject;
	if (raw.errors != null) item.errors = raw.errors as IDataObject[];
	item.raw = raw as IDataObject;
	return item;
}
