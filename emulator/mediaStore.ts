import { createHash, randomInt } from 'node:crypto';
import type { MediaInfo } from './types';

/** A stored file: its bytes and what GET /{media-id} reports about them. */
export interface MediaFile extends MediaInfo {
	bytes: Buffer;
}

/**
 * The number's uploaded media, in memory, by id. Ids are numeric strings like WhatsApp's
 * ("1037543291543636"). Uploads, look-ups and deletes all go through here.
 */
export class MediaStore {
	private readonly files = new Map<string, MediaFile>();

	add(file: { bytes: Buffer; mimeType: string; fileName?: string }): MediaFile {
		const stored: MediaFile = {
			id: this.newId(),
			bytes: file.bytes,
			mimeType: file.mimeType,
			fileSize: file.bytes.length,
			sha256: createHash('sha256').update(file.bytes).digest('hex'),
			...(file.fileName ? { fileName: file.fileName } : {}),
			uploadedAt: Date.now(),
		};
		this.files.set(stored.id, stored);
		return stored;
	}

	get(id: string): MediaFile | undefined {
		return this.files.get(id);
	}

	delete(id: string): boolean {
		return this.files.delete(id);
	}

	/** Everything stored, without the bytes, oldest first. */
	list(): MediaInfo[] {
		return [...this.files.values()].map(({ bytes: _bytes, ...info }) => ({ ...info }));
	}

	clear(): void {
		this.files.clear();
	}

	private newId(): string {
		for (;;) {
			// 16 digits; randomInt spans at most 2^48, so in two parts.
			const id = `${randomInt(100_000, 1_000_000)}${String(randomInt(0, 1e10)).padStart(10, '0')}`;
			if (!this.files.has(id)) return id;
		}
	}
}
