/**
 * What WhatsApp accepts as media (Meta's list; 360dialog's messaging contract §3 gives the sizes).
 * The document types are Meta's list: the contract names only the size (UNVERIFIED for 360dialog).
 * Written from the contract apart from the node's own table (nodes/Dialog360/helpers/mediaRules.ts),
 * never imported from it: the emulator plays 360dialog, so a mistake in the node's checks must
 * show as a test failure, not be shared.
 */
export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

const MB = 1024 * 1024;
const KB = 1024;

export const MEDIA_RULES: Record<MediaKind, { mimeTypes: string[]; maxBytes: number }> = {
	image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
	video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
	audio: {
		mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		maxBytes: 16 * MB,
	},
	document: {
		mimeTypes: [
			'application/pdf',
			'text/plain',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		maxBytes: 100 * MB,
	},
	// 100 KB static, 500 KB animated: the upload only sees the bigger limit.
	sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * KB },
};

/** The kind a MIME type belongs to ('audio/ogg; codecs=opus' counts as audio/ogg). */
export function mediaKindOf(mimeType: string): MediaKind | undefined {
	const base = mimeType.split(';')[0].trim().toLowerCase();
	return (Object.keys(MEDIA_RULES) as MediaKind[]).find((kind) =>
		MEDIA_RULES[kind].mimeTypes.includes(base),
	);
}
