import type { ApiContext, ApiRequest } from './apiContext';
import { graphError, ok, type ApiResponse } from './apiResponses';
import type { BusinessProfile } from './businessProfile';

/*
 * /whatsapp_business_profile (360dialog's "Set WhatsApp profile information", which follows
 * Meta's Business Profiles reference): GET answers {"data": [profile]}, with the `fields` asked
 * for; POST updates only the fields sent. Limits are Meta's: about 139, address 256, description
 * 512, email 128, at most 2 websites of 256, vertical one of Meta's industries.
 */

export const VERTICALS = [
	'UNDEFINED',
	'OTHER',
	'AUTO',
	'BEAUTY',
	'APPAREL',
	'EDU',
	'ENTERTAIN',
	'EVENT_PLAN',
	'FINANCE',
	'GROCERY',
	'GOVT',
	'HOTEL',
	'HEALTH',
	'NONPROFIT',
	'PROF_SERVICES',
	'RETAIL',
	'TRAVEL',
	'RESTAURANT',
	'NOT_A_BIZ',
];
const TEXT_LIMITS = { about: 139, address: 256, description: 512, email: 128 } as const;
const PICTURE_TYPES = new Set(['image/jpeg', 'image/png']);

const invalid = (details: string) => graphError(400, 100, details);

export function getBusinessProfile(ctx: ApiContext, request: ApiRequest): ApiResponse {
	const fields = new URLSearchParams(request.query ?? '').get('fields');
	const profile = ctx.messaging.profiles.profile;
	const shown: Record<string, unknown> = { messaging_product: 'whatsapp' };
	for (const [key, value] of Object.entries(profile)) {
		if (!fields || fields.split(',').includes(key)) shown[key] = structuredClone(value);
	}
	return ok({ data: [shown] });
}

function checkUpdate(ctx: ApiContext, body: Record<string, unknown>): ApiResponse | undefined {
	if (body.messaging_product !== 'whatsapp') {
		return invalid('Param messaging_product is required and must be "whatsapp"');
	}
	for (const [field, max] of Object.entries(TEXT_LIMITS)) {
		const value = body[field];
		if (value === undefined) continue;
		if (typeof value !== 'string' || [...value].length > max) {
			return invalid(`Param ${field} must be a string of at most ${max} characters`);
		}
	}
	if (
		typeof body.email === 'string' &&
		body.email !== '' &&
		!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)
	) {
		return invalid('Param email must be a valid email address');
	}
	if (body.vertical !== undefined && !VERTICALS.includes(body.vertical as string)) {
		return invalid(`Param vertical must be one of ${VERTICALS.join(', ')}`);
	}
	const { websites } = body;
	if (websites !== undefined) {
		const valid =
			Array.isArray(websites) &&
			websites.length <= 2 &&
			websites.every(
				(url) => typeof url === 'string' && url.length <= 256 && /^https?:\/\/\S+$/i.test(url),
			);
		if (!valid)
			return invalid('Param websites must hold at most 2 http(s) URLs of at most 256 characters');
	}
	const handle = body.profile_picture_handle;
	if (handle !== undefined) {
		const upload = typeof handle === 'string' ? ctx.messaging.profiles.upload(handle) : undefined;
		if (!upload) return invalid('Param profile_picture_handle is not the handle of an upload');
		if (!PICTURE_TYPES.has(upload.fileType))
			return invalid('The profile picture must be a JPEG or PNG image');
	}
	return undefined;
}

export function postBusinessProfile(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	const refusal = checkUpdate(ctx, body);
	if (refusal) return refusal;
	const store = ctx.messaging.profiles;
	const update: BusinessProfile = {};
	for (const field of ['about', 'address', 'description', 'email', 'vertical'] as const) {
		if (typeof body[field] === 'string') update[field] = body[field];
	}
	if (Array.isArray(body.websites)) update.websites = body.websites as string[];
	if (typeof body.profile_picture_handle === 'string') {
		update.profile_picture_url = `https://pps.whatsapp.net/v/emulator/${encodeURIComponent(body.profile_picture_handle)}.jpg`;
	}
	store.profile = { ...store.profile, ...update };
	return ok({ success: true });
}

/** POST /uploads?file_length&file_type: a session for the bytes to come. */
export function postUploadSession(ctx: ApiContext, request: ApiRequest): ApiResponse {
	const params = new URLSearchParams(request.query ?? '');
	const fileLength = Number(params.get('file_length'));
	const fileType = params.get('file_type') ?? '';
	if (!Number.isInteger(fileLength) || fileLength < 1) {
		return invalid('Param file_length must be the file length in bytes');
	}
	if (!/^[\w.+-]+\/[\w.+-]+$/.test(fileType)) return invalid('Param file_type must be a MIME type');
	return ok({ id: ctx.messaging.profiles.openSession(fileLength, fileType) });
}

/** POST /upload:{id} with `file_offset: 0` and the bytes: the handle of the file. */
export function postUploadData(ctx: ApiContext, request: ApiRequest): ApiResponse {
	const id = decodeURIComponent(request.path.slice(1));
	const session = ctx.messaging.profiles.session(id);
	if (!session) return invalid(`Upload session ${id} does not exist`);
	if ((request.headers.file_offset ?? '0') !== '0') {
		return invalid('Resuming at an offset is not emulated: send the file from file_offset 0');
	}
	const bytes = request.bytes ?? Buffer.alloc(0);
	if (bytes.length !== session.fileLength) {
		return invalid(
			`The upload has ${bytes.length} bytes; the session expects ${session.fileLength}`,
		);
	}
	return ok({ h: ctx.messaging.profiles.finish(id, bytes) });
}
