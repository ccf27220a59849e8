import type { IDataObject } from 'n8n-workflow';

import type { ContactLookup } from './contacts';
import { compact, isRecord, startItem } from './itemFields';
import { addContentFields } from './messageContent';
import { messageSchema } from './schemas';
import { unixSecondsToIso } from './timestamp';
import type { NotificationOrigin } from './types';

// Fields are set one by one with `if`, not through a helper taking the key: named stores keep
// building items cheap, and only fields the message has get a key.

/** One incoming message as an item. A message that is not even an object still gets one, with raw. */
export function toMessageItem(
	raw: unknown,
	origin: NotificationOrigin,
	findContact: ContactLookup,
): IDataObject {
	const item = startItem('message', origin);
	if (!isRecord(raw)) {
		const contact = findContact(undefined);
		if (contact) item.contact = contact;
		item.raw = raw as IDataObject;
		return item;
	}

	const message = messageSchema.parse(raw);
	if (message.id !== undefined) item.message_id = message.id;
	if (message.from !== undefined) item.from = message.from;
	if (message.type !== undefined) item.type = message.type;
	if (message.timestamp !== undefined) {
		item.timestamp = message.timestamp;
		const iso = unixSecondsToIso(message.timestamp);
		if (iso !== undefined) item.timestamp_iso = iso;
	}
	const contact = findContact(message.from);
	if (contact) item.contact = contact;
	const context = message.context && compact(message.context);
	if (context) item.context = context;
	if (message.type !== undefined) addContentFields(message.type, raw[message.type], item);
	item.raw = raw as IDataObject;
	return item;
}
