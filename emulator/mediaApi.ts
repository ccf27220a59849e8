import type { ApiContext, ApiRequest } from './apiContext';
import { graphError, ok, type ApiResponse } from './apiResponses';
import { MEDIA_RULES, mediaKindOf } from './mediaRules';

const invalid = (details: string) => graphError(400, 100, details);

/**
 * POST /media: multipart with `messaging_product=whatsapp` and `file` (its part's Content-Type is
 * the MIME type; Meta's extra `type` field wins when given, UNVERIFIED for 360dialog). The file is
 * checked against WhatsApp's types and sizes and kept in the media store.
 */
export async function postMedia(ctx: ApiContext, request: ApiRequest): Promise<ApiResponse> {
	const contentType = request.headers['content-type'] ?? '';
	if (!/^multipart\/form-data/i.test(contentType)) {
		return invalid(
			'The body must be multipart/form-data with the fields messaging_product and file',
		);
	}
	let form: FormData;
	try {
		form = await new Response(request.bytes ?? Buffer.alloc(0), {
			headers: { 'content-type': contentType },
		}).formData();
	} catch {
		return invalid('The multipart body could not be read');
	}
	if (form.get('messaging_product') !== 'whatsapp') {
		return invalid('Param messaging_product is required and must be "whatsapp"');
	}
	const file = form.get('file');
	if (!(file instanceof Blob)) return invalid('Param file is required and must be a file');
	const declared = form.get('type');
	const mimeType = typeof declared === 'string' && declared !== '' ? declared : file.type;
	const kind = mediaKindOf(mimeType);
	if (!kind) return invalid(`Param file has the unsupported type ${JSON.stringify(mimeType)}`);
	if (file.size === 0) return invalid('Param file is empty');
	const { maxBytes } = MEDIA_RULES[kind];
	if (file.size > maxBytes) {
		return invalid(`Param file has ${file.size} bytes; ${kind} files may have at most ${maxBytes}`);
	}
	const stored = ctx.messaging.media.add({
		bytes: Buffer.from(await file.arrayBuffer()),
		mimeType,
		fileName: file instanceof File && file.name !== 'blob' ? file.name : undefined,
	});
	return ok({ id: stored.id });
}

// Meta's Graph answer for an id it does not know (360dialog passes it through).
const unknownObject = (verb: 'get' | 'delete', id: string) =>
	graphError(
		400,
		100,
		`Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
	);

/** GET /{media-id}: the file's metadata and a URL on the lookaside host, valid for a while. */
export function getMedia(ctx: ApiContext, id: string): ApiResponse {
	const file = ctx.messaging.media.get(id);
	if (!file) return unknownObject('get', id);
	return ok({
		messaging_product: 'whatsapp',
		url: ctx.messaging.mediaUrls.url(id),
		mime_type: file.mimeType,
		sha256: file.sha256,
		file_size: file.fileSize,
		id,
	});
}

/** DELETE /{media-id}. */
export function deleteMedia(ctx: ApiContext, id: string): ApiResponse {
	return ctx.messaging.media.delete(id) ? ok({ success: true }) : unknownObject('delete', id);
}

/**
 * The download: a URL from GET /{media-id} requested on the API host with the key (the router
 * checked it). 360dialog documents no answer for an expired or unknown URL: 404 here, with what
 * happened in Meta's envelope.
 */
export function downloadMedia(ctx: ApiContext, request: ApiRequest): ApiResponse {
	const check = ctx.messaging.mediaUrls.check(request.query ?? '');
	if (!check.ok) {
		return graphError(
			404,
			100,
			check.problem === 'expired' ? 'URL signature expired' : 'The media URL is not valid',
		);
	}
	const file = ctx.messaging.media.get(check.mediaId);
	if (!file) return graphError(404, 100, `Media ${check.mediaId} was deleted`);
	const fail = file.download?.fail;
	if (fail) {
		return {
			status: fail.status,
			headers: fail.headers,
			body:
				fail.body ??
				graphError(fail.status, fail.status >= 500 ? 131000 : 100, 'Download failed').body,
		};
	}
	return {
		status: 200,
		body: undefined,
		file: { bytes: file.bytes, mimeType: file.mimeType, delayMs: file.download?.delayMs },
	};
}
