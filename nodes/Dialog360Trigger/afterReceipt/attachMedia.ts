import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { downloadMedia } from '../../shared/media/download';
import { describeFailure } from '../../shared/media/downloadFailure';
import { downloadLimits, type DownloadLimits } from '../../shared/media/limits';
import { isRecord } from '../notifications/itemFields';
import type { TriggerOutputs } from './types';

/** The message types that carry a file (a voice note is audio). */
const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

/** The binary field a message's file goes to. */
const MEDIA_BINARY_PROPERTY = 'data';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

interface MediaSettings extends DownloadLimits {
	types: string[];
}

function readSettings(context: IExecuteFunctions): MediaSettings {
	const { mediaTypes = [], ...values } = context.getNodeParameter('downloadOptions', 0, {}) as {
		maxSize?: number;
		timeout?: number;
		mediaTypes?: string[];
	};
	return {
		...downloadLimits(context.getNode(), values),
		types: mediaTypes.length > 0 ? mediaTypes : MEDIA_TYPES,
	};
}

/** One message with its file as binary data, or with media.download_error saying why not. */
async function withFile(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	settings: MediaSettings,
): Promise<INodeExecutionData> {
	const { json } = item;
	if (typeof json.type !== 'string' || !settings.types.includes(json.type)) return item;
	const media = (isRecord(json.media) ? json.media : {}) as IDataObject;
	const result = await downloadMedia(context, {
		mediaId: text(media.id) ?? '',
		maxBytes: settings.maxBytes,
		timeoutMs: settings.timeoutMs,
		fileName: json.type === 'document' ? text(media.filename) : undefined,
		nameStem: text(json.message_id) ?? text(media.id) ?? json.type,
		announcedSha256: text(media.sha256),
	});
	if (result.ok) {
		return { ...item, binary: { ...item.binary, [MEDIA_BINARY_PROPERTY]: result.binary } };
	}
	return {
		...item,
		json: { ...json, media: { ...media, download_error: describeFailure(result.failure) } },
	};
}

/**
 * With Download Media on, each message that carries a file (of a chosen type) gets it as binary
 * data. One file at a time, so an execution holds at most one in memory; a failed download never
 * costs the message: it comes out as usual, with media.download_error.
 */
export async function attachMedia(
	context: IExecuteFunctions,
	outputs: TriggerOutputs,
): Promise<TriggerOutputs> {
	const [messages, ...others] = outputs;
	if (messages.length === 0 || !context.getNodeParameter('downloadMedia', 0, false)) return outputs;
	const settings = readSettings(context);
	const withFiles: INodeExecutionData[] = [];
	for (const item of messages) withFiles.push(await withFile(context, item, settings));
	return [withFiles, ...others];
}
