import { createHash, randomBytes } from 'node:crypto';
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	sampleMediaNotification,
	type Emulator,
	type EmulatorOptions,
	type MediaDownloadBehaviour,
	type MediaInfo,
	type MessageNotification,
	type SampleMedia,
} from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import type { Execution, TriggerHarness } from '../harness/triggerHarness';
import { setup } from '../trigger/lifecycleHelpers';

export const MB = 1024 * 1024;

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Random bytes behind the magic bytes of a file type, so that each test file is its own. */
const MAGIC: Record<string, Buffer> = {
	'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
	'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
	'audio/ogg': Buffer.from('OggS'),
	'application/pdf': Buffer.from('%PDF-1.7\n'),
};

export function fileBytes(mimeType: string, size: number): Buffer {
	const magic = MAGIC[mimeType.split(';')[0]] ?? Buffer.alloc(0);
	const bytes = randomBytes(size);
	magic.copy(bytes, 0, 0, Math.min(magic.length, size));
	return bytes;
}

/**
 * The bytes of a binary data entry. The harness runs n8n-core without an initialised binary data
 * store, which is n8n's "default" mode: the file is kept in the item, base64. (The end-to-end
 * tests run a real n8n in its filesystem mode.)
 */
export function bytesOf(binary: IBinaryData): Buffer {
	expect(binary.id).toBeUndefined();
	return Buffer.from(binary.data, 'base64');
}

/** A file in the emulator's media store and the notification of a message that carries it. */
export function mediaMessage(
	emulator: Emulator,
	media: Omit<SampleMedia, 'id' | 'sha256'> & { bytes: Buffer; id?: string },
	seed: MediaDownloadBehaviour = {},
): { stored: MediaInfo; notification: MessageNotification; messageId: string } {
	const { bytes, id, ...content } = media;
	const stored = emulator.seedMedia({
		id,
		bytes,
		mimeType: media.mimeType,
		fileName: media.fileName,
		...seed,
	});
	const notification = sampleMediaNotification({
		...content,
		id: stored.id,
		sha256: stored.sha256,
	});
	return { stored, notification, messageId: messageIdOf(notification) };
}

export const messageIdOf = (notification: MessageNotification): string =>
	notification.entry[0].changes[0].value.messages[0].id;

/** The media requests the emulator received, in order: look-ups and downloads. */
export function mediaCalls(emulator: Emulator): string[] {
	return emulator.requests
		.filter((r) => /^\/\d+$/.test(r.path) || r.path.startsWith('/whatsapp_business/'))
		.map((r) => `${r.method} ${r.path}`);
}

export interface MediaTrigger {
	emulator: Emulator;
	trigger: TriggerHarness;
	/** Delivers through 360dialog's fan-out; resolves with the execution that followed. */
	deliver(notification: unknown): Promise<Execution>;
	close(): Promise<void>;
}

/**
 * A trigger with the given parameters, activated on an emulated number whose main webhook (a
 * loopback sink) answers 200, so that notifications reach the trigger.
 */
export async function startMediaTrigger(
	parameters: INodeParameters,
	emulatorOptions: EmulatorOptions = {},
): Promise<MediaTrigger> {
	const main: Sink = await startSink();
	const { emulator, trigger } = await setup(emulatorOptions, {
		listen: true,
		parameters,
		mainWebhook: { url: `http://127.0.0.1:${main.port}/main` },
	});
	await trigger.activate();
	await emulator.settle();
	return {
		emulator,
		trigger,
		async deliver(notification) {
			const before = trigger.executions.length;
			const results = await emulator.deliver(notification);
			expect(results.map((r) => r.status)).toEqual([200, 200]);
			await trigger.idle();
			expect(trigger.executions).toHaveLength(before + 1);
			return trigger.executions[before];
		},
		async close() {
			await trigger.close();
			await emulator.close();
			await main.close();
		},
	};
}

/** The one message item of an execution. */
export function onlyMessage(execution: Execution): INodeExecutionData {
	expect(execution.error).toBeUndefined();
	const [messages] = execution.outputs;
	expect(messages).toHaveLength(1);
	return messages[0];
}

export const mediaOf = (item: INodeExecutionData) => item.json.media as IDataObject;
