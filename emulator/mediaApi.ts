import type { ApiContext } from './apiContext';
import type { ApiRequest } from './apiRouter';
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
