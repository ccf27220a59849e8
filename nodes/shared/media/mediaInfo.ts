import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { callDialog360 } from '../transport';

/** What GET /{media-id} tells about a file (messaging contract §3). */
export interface MediaMetadata {
	id: string;
	/** On WhatsApp's lookaside host, valid for 5 minutes; downloaded through the API host. */
	url: string;
	mime_type: string;
	sha256?: string;
	/** Bytes, as 360dialog reports them (the download counts for itself). */
	file_size?: number;
}

// file_size is a number in the contract; some answers carry it as a string of digits.
const metadataSchema = z.object({
	url: z.string().min(1),
	mime_type: z.string().min(1),
	sha256: z.string().min(1).optional(),
	file_size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});

const MEDIA_ID = /^\d+$/;

/** WhatsApp's media ids are digits; anything else must not become a path on the API host. */
export function isMediaId(value: string): boolean {
	return MEDIA_ID.test(value);
}

/** GET /{media-id}: the file's URL, MIME type, size and sha256. The id must pass isMediaId. */
export async function getMediaMetadata(
	context: IExecuteFunctions,
	mediaId: string,
	options: { timeoutMs?: number; itemIndex?: number } = {},
): Promise<MediaMetadata> {
	const answer = await callDialog360(context, 'GET', `/${mediaId}`, {
		timeoutMs: options.timeoutMs,
	});
	const parsed = metadataSchema.safeParse(answer);
	if (!parsed.success) {
		throw new NodeApiError(
			context.getNode(),
			{ call: `GET /${mediaId}`, body: JSON.stringify(answer ?? null).slice(0, 300) } as JsonObject,
			{
				message: `360dialog answered GET /${mediaId} without the media's URL and MIME type`,
				itemIndex: options.itemIndex,
			},
		);
	}
	const { url, mime_type, sha256, file_size } = parsed.data;
	return {
		id: mediaId,
		url,
		mime_type,
		...(sha256 !== undefined ? { sha256 } : {}),
		...(file_size !== undefined ? { file_size } : {}),
	};
}
