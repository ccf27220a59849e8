import type { IDataObject } from 'n8n-workflow';

import { lookupContacts } from './contacts';
import { toErrorItem } from './errorItem';
import { isRecord } from './itemFields';
import { toMessageItem } from './messageItem';
import {
	cloudChangeSchema,
	cloudEntrySchema,
	cloudEnvelopeSchema,
	type NotificationValue,
	notificationValueSchema,
} from './schemas';
import { toStatusItem } from './statusItem';
import type { NotificationOrigin, SplitNotification } from './types';

/** What the error output receives for a body, or a part of one, that we could not read. */
function unrecognizedItem(reason: string, body: unknown): IDataObject {
	return { event: 'unrecognized', reason, body: body as IDataObject };
}

function onlyUnrecognized(reason: string, body: unknown): SplitNotification {
	return { messages: [], statuses: [], errors: [unrecognizedItem(reason, body)] };
}

function carriesEvents(value: NotificationValue): boolean {
	return value.messages !== undefined || value.statuses !== undefined || value.errors !== undefined;
}

function appendItems(
	result: SplitNotification,
	value: NotificationValue,
	origin: NotificationOrigin,
): void {
	if (value.messages) {
		const findContact = lookupContacts(value.contacts);
		for (const message of value.messages) {
			result.messages.push(toMessageItem(message, origin, findContact));
		}
	}
	for (const status of value.statuses ?? []) result.statuses.push(toStatusItem(status, origin));
	for (const error of value.errors ?? []) result.errors.push(toErrorItem(error, origin));
}

function originOf(value: NotificationValue, wabaId?: string): NotificationOrigin {
	return {
		waba_id: wabaId,
		phone_number_id: value.metadata?.phone_number_id,
		display_phone_number: value.metadata?.display_phone_number,
		messaging_product: value.messaging_product,
	};
}

function splitCloud(body: Record<string, unknown>): SplitNotification {
	const envelope = cloudEnvelopeSchema.parse(body);
	if (!envelope.entry) return onlyUnrecognized('entry is not a list', body);

	const result: SplitNotification = { messages: [], statuses: [], errors: [] };
	// Parts we cannot read are reported after the errors, but only if some part was readable.
	const unreadable: IDataObject[] = [];
	let readableChanges = 0;
	for (const rawEntry of envelope.entry) {
		const entry = isRecord(rawEntry) ? cloudEntrySchema.parse(rawEntry) : undefined;
		if (!entry?.changes) {
			unreadable.push(unrecognizedItem('entry without a list of changes', rawEntry));
			continue;
		}
		for (const rawChange of entry.changes) {
			const change = isRecord(rawChange) ? cloudChangeSchema.parse(rawChange) : undefined;
			if (!change?.value || !carriesEvents(change.value)) {
				const item = unrecognizedItem('change without messages, statuses or errors', rawChange);
				if (entry.id !== undefined) item.waba_id = entry.id;
				if (change?.field !== undefined) item.field = change.field;
				unreadable.push(item);
				continue;
			}
			readableChanges++;
			appendItems(result, change.value, originOf(change.value, entry.id));
		}
	}

	if (readableChanges === 0) {
		const object = envelope.object === undefined ? '' : ` (object: ${envelope.object})`;
		return onlyUnrecognized(`no readable change in the entries${object}`, body);
	}
	for (const item of unreadable) result.errors.push(item);
	return result;
}

function splitOnPremise(body: Record<string, unknown>): SplitNotification {
	const value = notificationValueSchema.parse(body);
	if (!carriesEvents(value)) {
		return onlyUnrecognized('neither a Cloud API envelope nor an On-Premise notification', body);
	}
	const result: SplitNotification = { messages: [], statuses: [], errors: [] };
	appendItems(result, value, originOf(value));
	return result;
}

/**
 * Turns one webhook POST body (Cloud API envelope or On-Premise) into flat items: one per message,
 * per status and per error, in the order of the body. Never throws: what cannot be read at all
 * becomes one 'unrecognized' item in `errors`.
 */
export function splitNotification(body: unknown): SplitNotification {
	try {
		if (!isRecord(body)) return onlyUnrecognized('body is not a JSON object', body);
		if (body.entry !== undefined || body.object !== undefined) return splitCloud(body);
		return splitOnPremise(body);
	} catch {
		// Only exotic inputs get here (say, an object whose getters throw); JSON bodies do not.
		return onlyUnrecognized('body could not be read', body);
	}
}
