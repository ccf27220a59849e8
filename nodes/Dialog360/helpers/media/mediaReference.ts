import type { IDataObject } from 'n8n-workflow';

import { invalidParameter } from '../parameters/invalidParameter';
import type { ItemScope } from '../parameters/invalidParameter';

const MEDIA_ID = /^\d+$/;
const LINK = /^https?:\/\/\S+$/i;
const ID_HINT = "the ID of an uploaded media (digits, from the Media resource's Upload)";

/**
 * A file named by link, by media ID, or by either (digits are an ID, anything else must be an
 * http(s) URL), as WhatsApp's media objects take it.
 */
export function mediaReference(
	scope: ItemScope,
	field: string,
	value: string,
	accept: 'link' | 'id' | 'either' = 'either',
): IDataObject {
	const trimmed = value.trim();
	if (accept !== 'link' && MEDIA_ID.test(trimmed)) return { id: trimmed };
	if (accept !== 'id' && LINK.test(trimmed)) return { link: trimmed };
	const wanted = {
		link: 'Enter a public http(s) URL of the file.',
		id: `Enter ${ID_HINT}.`,
		either: `Enter a public http(s) URL of the file, or ${ID_HINT}.`,
	}[accept];
	throw invalidParameter(
		scope,
		trimmed === '' ? `${field} is empty` : `Invalid ${field} "${value}"`,
		wanted,
	);
}
