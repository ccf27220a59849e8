import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { baseMimeType } from '../../../shared/media/fileNames';
import { megabytes } from '../../../shared/media/sizes';
import { callDialog360 } from '../../../shared/transport';
import { invalidParameter } from '../parameters/invalidParameter';

/*
 * A profile photo goes up through Meta's Resumable Upload API, which 360dialog serves with the
 * D360-API-KEY ("Set WhatsApp profile information"; "Media Uploads" API reference):
 * `POST /uploads?file_length&file_type` opens a session ({"id": "upload:…"}), `POST /upload:…`
 * with `file_offset: 0` and the bytes answers the handle ({"h": "…"}) that
 * `profile_picture_handle` takes. Meta takes JPEG or PNG; the 5 MB cap is Meta's image limit
 * (UNVERIFIED for profile photos).
 */

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png']);
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

const sessionSchema = z.object({ id: z.string().startsWith('upload:') });
const handleSchema = z.object({ h: z.string().min(1) });

function unexpected(context: IExecuteFunctions, call: string, expected: string, answer: unknown) {
	return new NodeApiError(
		context.getNode(),
		{ body: JSON.stringify(answer ?? null).slice(0, 300) },
		{ message: `360dialog answered ${call} without ${expected}` },
	);
}

/** Uploads the photo in the item's binary field and returns its handle. */
export async function uploadProfilePhoto(
	context: IExecuteFunctions,
	itemIndex: number,
	property: string,
	timeoutMs: number,
): Promise<string> {
	const scope = { node: context.getNode(), itemIndex };
	const field = `Profile Photo (Binary Field) "${property}"`;
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const mimeType = baseMimeType(binary.mimeType);
	if (!PHOTO_TYPES.has(mimeType)) {
		throw invalidParameter(
			scope,
			`${field} is ${mimeType}: WhatsApp takes a JPEG or PNG profile photo`,
			'Convert the image to JPEG or PNG first (for example with the Edit Image node).',
		);
	}
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	if (bytes.length === 0 || bytes.length > PHOTO_MAX_BYTES) {
		throw invalidParameter(
			scope,
			`${field} has ${bytes.length} bytes`,
			`A profile photo has between 1 byte and ${megabytes(PHOTO_MAX_BYTES)}.`,
		);
	}
	const session = await callDialog360(context, 'POST', '/uploads', {
		qs: { file_length: bytes.length, file_type: mimeType },
		timeoutMs,
	});
	const opened = sessionSchema.safeParse(session);
	if (!opened.success) throw unexpected(context, 'POST /uploads', 'an upload session ID', session);
	const answer = await callDialog360(context, 'POST', `/${opened.data.id}`, {
		body: bytes,
		headers: { 'Content-Type': mimeType, file_offset: '0' },
		timeoutMs,
	});
	const uploaded = handleSchema.safeParse(answer);
	if (!uploaded.success) throw unexpected(context, 'POST /upload:…', 'a file handle', answer);
	return uploaded.data.h;
}
