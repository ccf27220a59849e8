/**
 * File names for downloaded media: the document's own name when it has one, else a name built
 * from an id and the extension of the MIME type. Extensions of every type WhatsApp takes (messaging
 * contract §3, Meta's list); another type gets its subtype, or "bin".
 */
const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/ogg': 'ogg',
	'application/pdf': 'pdf',
	'text/plain': 'txt',
	'application/msword': 'doc',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.ms-excel': 'xls',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.ms-powerpoint': 'ppt',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

/** 'audio/ogg; codecs=opus' -> 'audio/ogg'. */
export function baseMimeType(mimeType: string): string {
	return mimeType.split(';')[0].trim().toLowerCase();
}

/** 'audio/ogg; codecs=opus' -> 'ogg'. */
function extensionOf(mimeType: string): string {
	const base = baseMimeType(mimeType);
	const subtype = base.split('/')[1] ?? '';
	return EXTENSIONS[base] ?? (/^[a-z0-9]{1,10}$/.test(subtype) ? subtype : 'bin');
}

/**
 * A name that is one file name on every system: path separators and control characters become
 * "_" (a customer's "Q1/Q2.pdf" stays recognisable), and a name of only dots is none at all.
 */
function safeFileName(name: string): string {
	const isUnsafe = (char: string) => {
		const code = char.charCodeAt(0);
		return char === '/' || char === '\\' || code < 0x20 || code === 0x7f;
	};
	const safe = Array.from(name, (char) => (isUnsafe(char) ? '_' : char))
		.join('')
		.trim();
	return /^\.*$/.test(safe) ? '' : safe;
}

/** `ownName` when it is usable, else `<stem>.<extension of the MIME type>`. */
export function mediaFileName(ownName: string | undefined, stem: string, mimeType: string): string {
	return safeFileName(ownName ?? '') || `${safeFileName(stem) || 'media'}.${extensionOf(mimeType)}`;
}
