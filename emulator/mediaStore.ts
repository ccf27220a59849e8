import { createHash, randomInt } from 'node:crypto';
import type { MediaDownloadBehaviour, MediaInfo } from './types';

/** A stored file: its bytes and what GET /{media-id} reports about them. */
export interface MediaFile extends MediaInfo {
	bytes: Buffer;
	/** How its download answers (slow, or failing); a plain download when unset. */
	download?: MediaDownloadBehaviour;
}

const MEDIA_ID = /^\d+$/;

/** What the store tells about a file: everything but its bytes and its download behaviour. */
export function mediaInfo({ bytes: _bytes, download: _download, ...info }: MediaFile): MediaInfo {
	return info;
}

/**
 * The number's media, in memory, by id: files uploaded through POST /media, and files seeded
 * by a control call as if a customer had sent them (a notification can then reference them).
 * Ids are numeric strings like WhatsApp's ("1037543291543636").
 */
export class MediaStore {
	private readonly files = new Map<string, MediaFile>();

	add(file: { bytes: Buffer; mimeType: string; fileName?: string }): MediaFile {
		return this.store(this.newId(), file);
	}

	/**
	 * A file as a customer's message would carry it: no upload rules apply (an empty or oversized
	 * file is what some tests need), and an id may be given (an existing one is replaced).
	 */
	seed(file: {
		id?: string;
		bytes: Buffer;
		mimeType: string;
		fileName?: string;
		download?: MediaDownloadBehaviour;
	}): MediaFile {
		if (file.id !== undefined && !MEDIA_ID.test(file.id)) {
			throw new TypeError('A media id is digits only, like "1037543291543636"');
		}
		return this.store(file.id ?? this.newId(), file);
	}

	get(id: string): MediaFile | undefined {
		return this.files.get(id);
	}

	delete(id: string): boolean {
		return this.files.delete(id);
	}

	/** Everything stored, without the bytes, oldest first. */
	list(): MediaInfo[] {
		return [...this.files.values()].map(mediaInfo);
	}

	clear(): void {
		this.files.clear();
	}

	private store(
		id: string,
		file: { bytes: Buffer; mimeType: string; fileName?: string; download?: MediaDownloadBehaviour },
	): MediaFile {
		const stored: MediaFile = {
			id,
			bytes: file.bytes,
			mimeType: file.mimeType,
			fileSize: file.bytes.length,
			sha256: createHash('sha256').update(file.bytes).digest('hex'),
			...(file.fileName ? { fileName: file.fileName } : {}),
			uploadedAt: Date.now(),
			...(file.download ? { download: { ...file.download } } : {}),
		};
		this.files.delete(id);
		this.files.set(id, stored);
		return stored;
	}

	private newId(): string {
		for (;;) {
			// 16 digits; randomInt spans at most 2^48, so in two parts.
			const id = `${randomInt(100_000, 1_000_000)}${String(randomInt(0, 1e10)).padStart(10, '0')}`;
			if (!this.files.has(id)) return id;
		}
	}
}
