import { baseMimeType } from '../../../shared/media/fileNames';
import { KB, MB } from '../../../shared/media/sizes';

export { megabytes } from '../../../shared/media/sizes';

/**
 * What WhatsApp accepts as media: the sizes are 360dialog's contract §3 (Meta's limits), the MIME
 * types Meta's list. The contract names no document types (UNVERIFIED for 360dialog): these are
 * Meta's, and 360dialog's own answer still decides.
 */
export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface MediaRule {
	label: string;
	/** The formats in words, for the editor. */
	formats: string;
	mimeTypes: string[];
	maxBytes: number;
}

export const MEDIA_RULES: Record<MediaKind, MediaRule> = {
	image: {
		label: 'Image',
		formats: 'JPEG, PNG',
		mimeTypes: ['image/jpeg', 'image/png'],
		maxBytes: 5 * MB,
	},
	video: {
		label: 'Video',
		formats: 'MP4, 3GP',
		mimeTypes: ['video/mp4', 'video/3gpp'],
		maxBytes: 16 * MB,
	},
	audio: {
		label: 'Audio',
		formats: 'AAC, AMR, MP3, M4A, OGG (Opus)',
		mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		maxBytes: 16 * MB,
	},
	document: {
		label: 'Document',
		formats: 'PDF, text, Word, Excel, PowerPoint',
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
	// 100 KB for a static sticker, 500 KB for an animated one.
	sticker: {
		label: 'Sticker',
		formats: 'WebP, up to 100 KB static',
		mimeTypes: ['image/webp'],
		maxBytes: 500 * KB,
	},
};

export const STATIC_STICKER_MAX_BYTES = 100 * KB;

export const MEDIA_KINDS = Object.keys(MEDIA_RULES) as MediaKind[];

export function mediaKindOf(mimeType: string): MediaKind | undefined {
	const base = baseMimeType(mimeType);
	return MEDIA_KINDS.find((kind) => MEDIA_RULES[kind].mimeTypes.includes(base));
}

/** An animated WebP has a VP8X chunk with the animation flag (bit 1 of its first byte). */
export function isAnimatedWebp(bytes: Buffer): boolean {
	return (
		bytes.length > 20 &&
		bytes.toString('latin1', 0, 4) === 'RIFF' &&
		bytes.toString('latin1', 8, 16) === 'WEBPVP8X' &&
		(bytes[20] & 0x02) !== 0
	);
}
