import { createHash } from 'crypto';
import type { IBinaryData, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../failures';
import { streamFromDialog360, type FileResponse } from '../transport';
import { callFailure, type DownloadFailure } from './downloadFailure';
import { mediaFileName } from './fileNames';
import { getMediaMetadata, isMediaId, type MediaMetadata } from './mediaInfo';
import { overLimit } from './sizes';

export interface DownloadRequest {
	mediaId: string;
	/** A bigger file is not downloaded, whatever 360dialog says its size is. */
	maxBytes: number;
	/** For the whole download: the look-up and the file. */
	timeoutMs: number;
	/** The file's own name (a document's), used when given. */
	fileName?: string;
	/** Names a file without a name of its own: `<stem>.<extension of its MIME type>`. */
	nameStem: string;
	/** The sha256 a notification announced, checked when 360dialog's look-up gives none. */
	announcedSha256?: string;
	itemIndex?: number;
}

export type DownloadResult =
	| { ok: true; binary: IBinaryData; metadata: MediaMetadata }
	| { ok: false; failure: DownloadFailure };

const failed = (failure: DownloadFailure): DownloadResult => ({ ok: false, failure });

/**
 * Fetches one media file as 360dialog's contract says (§3): GET /{media-id} for its URL, then the
 * file from that URL's path and query on the API host, with the key (never from WhatsApp's own
 * host). The file streams into n8n's binary data (so filesystem mode never holds it in memory),
 * counted and hashed as it passes; past `maxBytes` or the time-out the transfer stops. Failures
 * are returned, never thrown, and nothing is retried: 360dialog blocks media look-ups after
 * repeated errors.
 */
export async function downloadMedia(
	context: IExecuteFunctions,
	request: DownloadRequest,
): Promise<DownloadResult> {
	const started = Date.now();
	const timeLeft = () => request.timeoutMs - (Date.now() - started);
	if (!isMediaId(request.mediaId)) {
		return failed({
			reason: 'invalid_media_id',
			error: new NodeOperationError(
				context.getNode(),
				request.mediaId === '' ? 'No media ID' : `Invalid media ID "${request.mediaId}"`,
				{
					description: "WhatsApp's media IDs are digits, such as 1037543291543636.",
					itemIndex: request.itemIndex,
				},
			),
		});
	}
	let metadata: MediaMetadata;
	let file: FileResponse;
	try {
		metadata = await getMediaMetadata(context, request.mediaId, {
			timeoutMs: timeLeft(),
			itemIndex: request.itemIndex,
		});
		if (metadata.file_size !== undefined && metadata.file_size > request.maxBytes) {
			return failed(tooBig(context, request, metadata.file_size));
		}
		const path = pathOnApiHost(metadata.url);
		if (!path) return failed(badUrl(context, request, metadata.url));
		if (timeLeft() <= 0) return failed(timedOut(context, request));
		file = await streamFromDialog360(context, path, { timeoutMs: timeLeft() });
	} catch (error) {
		return failed(callFailure(asNodeError(context.getNode(), error)));
	}
	return await receive(context, request, metadata, file, timeLeft());
}

/** The file into n8n's binary data, with the checks that need its bytes. */
async function receive(
	context: IExecuteFunctions,
	request: DownloadRequest,
	metadata: MediaMetadata,
	file: FileResponse,
	timeLeftMs: number,
): Promise<DownloadResult> {
	const { body } = file;
	const declared = Number(file.headers['content-length']);
	if (declared > request.maxBytes) {
		body.destroy();
		return failed(tooBig(context, request, declared));
	}
	let stopped: DownloadFailure | undefined;
	const stop = (failure: DownloadFailure) => {
		stopped ??= failure;
		body.destroy(failure.error);
	};
	let received = 0;
	const hash = createHash('sha256');
	// prependListener, unlike on(), leaves the stream's flow alone: n8n's binary data store reads
	// it at its own pace (data events, or async iteration into a file), and this listener sees
	// every chunk it reads, first.
	body.prependListener('data', (chunk: Buffer) => {
		received += chunk.length;
		if (received > request.maxBytes) stop(tooBig(context, request, received));
		else hash.update(chunk);
	});
	// The store attaches its own error listener only once it starts reading: until then, an error
	// (a stop above, a broken connection) must not go unheard, which would end the process.
	body.on('error', () => undefined);
	const deadline = AbortSignal.timeout(Math.max(timeLeftMs, 0));
	const onDeadline = () => stop(timedOut(context, request));
	deadline.addEventListener('abort', onDeadline, { once: true });

	const mimeType = metadata.mime_type;
	const fileName = mediaFileName(request.fileName, request.nameStem, mimeType);
	let binary: IBinaryData;
	try {
		binary = await context.helpers.prepareBinaryData(body, fileName, mimeType);
	} catch (error) {
		return failed(stopped ?? brokenOff(context, request, error));
	} finally {
		deadline.removeEventListener('abort', onDeadline);
	}
	if (stopped) return failed(stopped);
	const sha256 = hash.digest('hex');
	const expected = metadata.sha256 ?? request.announcedSha256;
	if (expected && !matchesDigest(expected, sha256)) {
		return failed(checksumMismatch(context, request, expected, sha256));
	}
	return { ok: true, binary, metadata: { ...metadata, sha256, file_size: received } };
}

/** WhatsApp gives sha256 in hex; base64 is accepted too, in case a look-up answers that way. */
function matchesDigest(expected: string, hex: string): boolean {
	return expected.toLowerCase() === hex || expected === Buffer.from(hex, 'hex').toString('base64');
}

/** The media URL's path and query, which the API host serves (contract §3); undefined if no URL. */
function pathOnApiHost(url: string): string | undefined {
	try {
		const { pathname, search } = new URL(url);
		return `${pathname}${search}`;
	} catch {
		return undefined;
	}
}

function tooBig(
	context: IExecuteFunctions,
	request: DownloadRequest,
	bytes: number,
): DownloadFailure {
	const { size, limit } = overLimit(bytes, request.maxBytes);
	return {
		reason: 'too_big',
		error: new NodeOperationError(
			context.getNode(),
			`The media file is bigger than Max Size: ${size}, Max Size is ${limit}`,
			{
				description:
					"Raise Max Size to download it (WhatsApp's biggest files, documents, have up to 100 MB).",
				itemIndex: request.itemIndex,
			},
		),
	};
}

/** A failure on the way from 360dialog, for the download of this request's media. */
function downloadFailure(
	context: IExecuteFunctions,
	request: DownloadRequest,
	reason: DownloadFailure['reason'],
	message: string,
	description?: string,
): DownloadFailure {
	const response: JsonObject = { call: `GET /${request.mediaId}` };
	if (reason === 'timeout') response.networkCode = 'ETIMEDOUT';
	return {
		reason,
		error: new NodeApiError(context.getNode(), response, {
			message,
			description,
			itemIndex: request.itemIndex,
		}),
	};
}

const timedOut = (context: IExecuteFunctions, request: DownloadRequest) =>
	downloadFailure(
		context,
		request,
		'timeout',
		`The media file did not arrive within ${+(request.timeoutMs / 1000).toFixed(1)} s`,
		'360dialog or the network is slow right now, or the file is big: allow more time (the time-out option).',
	);

const badUrl = (context: IExecuteFunctions, request: DownloadRequest, url: string) =>
	downloadFailure(
		context,
		request,
		'api_error',
		`360dialog gave the media a URL that is not one ("${url.slice(0, 100)}")`,
	);

const brokenOff = (context: IExecuteFunctions, request: DownloadRequest, cause: unknown) =>
	downloadFailure(
		context,
		request,
		'network_error',
		`The download of the media file broke off: ${(cause as Error)?.message ?? String(cause)}`,
		'Try again later; the media stays available for 7 days after it was sent.',
	);

const checksumMismatch = (
	context: IExecuteFunctions,
	request: DownloadRequest,
	expected: string,
	actual: string,
) =>
	downloadFailure(
		context,
		request,
		'checksum_mismatch',
		'The downloaded media file is not the one 360dialog described: its sha256 differs',
		`Expected ${expected}, received ${actual}. The file was damaged on the way; try again.`,
	);
