import type { IDataObject } from 'n8n-workflow';

import { compact, isRecord } from './itemFields';
import { contactSchema } from './schemas';

/** Finds the sender's contact for a message: the one whose wa_id is `from`, else the first one. */
export type ContactLookup = (from: string | undefined) => IDataObject | undefined;

export function lookupContacts(contacts: readonly unknown[] | undefined): ContactLookup {
	const byWaId = new Map<string, IDataObject>();
	let first: IDataObject | undefined;
	for (const raw of contacts ?? []) {
		if (!isRecord(raw)) continue;
		const parsed = contactSchema.parse(raw);
		const contact = compact({ name: parsed.profile?.name, wa_id: parsed.wa_id });
		if (!contact) continue;
		first ??= contact;
		if (parsed.wa_id !== undefined && !byWaId.has(parsed.wa_id)) byWaId.set(parsed.wa_id, contact);
	}
	return (from) => {
		const contact = (from !== undefined && byWaId.get(from)) || first;
		// A copy per item: items of one POST must not share an object a later node could mutate.
		return contact && { ...contact };
	};
}
