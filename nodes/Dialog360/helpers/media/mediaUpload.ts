import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { callDialog360 } from '../../../shared/transport';
import { invalidParameter } from '../parameters/invalidParameter';
import { baseMimeType } from '../../../shared/media/fileNames';
import { overLimit } from '../../../shared/media/sizes';
import {
	isAnimatedWebp,
	MEDIA_KINDS,
	MEDIA_RULES,
	mediaKindOf,
	megabytes,
	STATIC_STICKER_MAX_BYTES,
	type MediaKind,
} from './mediaRules';
import type { ItemScope } from '../parameters/invalidParameter';

/** What an upload outputs: the media ID and what was uploaded under it. */
export interface UploadedMedia extends IDataObject {
	id: string;
	mime_type: string;
	file_size: number;
	file_name: string;
	sha256: string;
}

const uploadAnswerSchema = z.object({ id: z.string().min(1) });

function supportedTypes(kinds: MediaKind[]): string {
	return kinds.map((kind) => `${kind}: ${MEDIA_RULES[kind].mimeTypes.join(', ')}`).join('; ');
}

/** The kind the file's MIME type belongs to, checked against the kind the user chose (if any). */
function checkKind(
	scope: ItemScope,
	field: string,
	mimeType: string,
	wanted?: MediaKind,
): MediaKind {
	const kind = mediaKindOf(mimeType);
	if (kind && (!wanted || kind === wanted)) return kind;
	throw invalidParameter(
		scope,
		wanted
			? `The file in ${field} is "${mimeType}", which WhatsApp does not take as ${MEDIA_RULES[wanted].label.toLowerCase()}`
			: `The file in ${field} is "${mimeType}", which WhatsApp does not take`,
		`WhatsApp takes ${supportedTypes(wanted ? [wanted] : MEDIA_KINDS)}.${
			kind ? ` This file fits ${MEDIA_RULES[kind].label}: choose that media type.` : ''
		} If the type is wrong, set the right MIME type on the binary data (for example with a Convert to File node).`,
	);
}

/** The most WhatsApp takes for this file, and what to call the file in the error. */
function sizeLimit(kind: MediaKind, bytes: Buffer): { max: number; what: string } {
	if (kind !== 'sticker')
		return { max: MEDIA_RULES[kind].maxBytes, what: `${kind === 'image' ? 'an' : 'a'} ${kind}` };
	return isAnimatedWebp(bytes)
		? { max: MEDIA_RULES.sticker.maxBytes, what: 'an animated sticker' }
		: { max: STATIC_STICKER_MAX_BYTES, what: 'a static sticker' };
}

function checkSize(scope: ItemScope, field: string, kind: MediaKind, bytes: Buffer): void {
	if (bytes.length === 0) {
		throw invalidParameter(scope, `The file in ${field} is empty`, 'WhatsApp refuses empty files.');
	}
	const { max, what } = sizeLimit(kind, bytes);
	if (bytes.length <= max) return;
	// Images, videos and audio fit as documents, which may be far bigger.
	const asDocument =
		kind === 'document' || kind === 'sticker'
			? ''
			: `, or send it as a document (up to ${megabytes(MEDIA_RULES.document.maxBytes)})`;
	const { size, limit } = overLimit(bytes.length, max);
	throw invalidParameter(
		scope,
		`The file in ${field} is too big: ${size}, WhatsApp takes at most ${limit} for ${what}`,
		`Send a smaller file${asDocument}.`,
	);
}

/**
 * Uploads the binary data of an input item to 360dialog (POST /media, multipart) after checking
 * its type and size against WhatsApp's rules, and returns the media ID with what was uploaded.
 */
export async function uploadBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { property: string; kind?: MediaKind; fileName?: string; timeoutMs?: number },
): Promise<UploadedMedia> {
	const scope = { node: context.getNode(), itemIndex };
	const field = `Input Binary Field "${options.property}"`;
	const binary = context.helpers.assertBinaryData(itemIndex, options.property);
	const mimeType = baseMimeType(binary.mimeType);
	const kind = checkKind(scope, field, mimeType, options.kind);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, options.property);
	checkSize(scope, field, kind, bytes);
	const fileName =
		options.fileName ||
		binary.fileName ||
		`${kind}.${binary.fileExtension ?? mimeType.split('/')[1]}`;

	const form = new FormData();
	form.append('messaging_product', 'whatsapp');
	// Meta's upload takes the MIME type as a field too (UNVERIFIED whether 360dialog needs it).
	form.append('type', mimeType);
	form.append('file', new Blob([bytes], { type: mimeType }), fileName);
	const answer = await callDialog360(context, 'POST', '/media', {
		body: form,
		timeoutMs: options.timeoutMs,
		uncertainOutcome:
			'The file may still have been uploaded; uploading it again only makes a second media ID.',
	});
	const parsed = uploadAnswerSchema.safeParse(answer);
	if (!parsed.success) {
		throw new NodeApiError(
			context.getNode(),
			{ body: JSON.stringify(answer ?? null).slice(0, 300) },
			{ message: '360dialog answered POST /media without a media ID', itemIndex },
		);
	}
	return {
		id: parsed.data.id,
		mime_type: mimeType,
		file_size: bytes.length,
		file_name: fileName,
		sha256: createHash('sha256').update(bytes).digest('hex'),
	};
}
