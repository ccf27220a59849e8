import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where WhatsApp's media URLs point; a client swaps this for the API host (contract §3). */
export const LOOKASIDE_ORIGIN = 'https://lookaside.fbsbx.com';
/** The path of every media URL; the file is named by the query (mid, ext, hash). */
export const ATTACHMENTS_PATH = '/whatsapp_business/attachments/';
/** 360dialog: a media URL is valid for 5 minutes. */
export const DEFAULT_URL_LIFETIME_MS = 5 * 60 * 1000;

export type UrlCheck =
	| { ok: true; mediaId: string }
	| { ok: false; problem: 'invalid' | 'expired' };

/**
 * The lookaside-style URLs GET /{media-id} hands out, signed so that only a URL the emulator made
 * (for that id, until that time) downloads a file: `?mid=<id>&ext=<expiry, ms>&hash=<hmac>`.
 */
export class MediaUrls {
	private readonly secret = randomBytes(32);

	lifetimeMs = DEFAULT_URL_LIFETIME_MS;

	url(mediaId: string, now = Date.now()): string {
		const ext = String(now + this.lifetimeMs);
		const query = new URLSearchParams({ mid: mediaId, ext, hash: this.sign(mediaId, ext) });
		return `${LOOKASIDE_ORIGIN}${ATTACHMENTS_PATH}?${query}`;
	}

	/** Whether a download's query names a file by a URL the emulator made and that is still valid. */
	check(query: string, now = Date.now()): UrlCheck {
		const params = new URLSearchParams(query);
		const mediaId = params.get('mid') ?? '';
		const ext = params.get('ext') ?? '';
		const hash = Buffer.from(params.get('hash') ?? '');
		const expected = Buffer.from(this.sign(mediaId, ext));
		if (mediaId === '' || hash.length !== expected.length || !timingSafeEqual(hash, expected)) {
			return { ok: false, problem: 'invalid' };
		}
		if (now > Number(ext)) return { ok: false, problem: 'expired' };
		return { ok: true, mediaId };
	}

	private sign(mediaId: string, ext: string): string {
		return createHmac('sha256', this.secret).update(`${mediaId}:${ext}`).digest('base64url');
	}
}
