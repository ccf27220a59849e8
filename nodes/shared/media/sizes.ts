export const KB = 1024;
export const MB = 1024 * KB;

/** A size as builders read it: "4.2 MB", "512 KB". */
export function megabytes(bytes: number): string {
	return bytes >= MB ? `${+(bytes / MB).toFixed(1)} MB` : `${+(bytes / KB).toFixed(1)} KB`;
}

/**
 * A size and the limit it is over, in words: rounded, unless both would read the same (a file
 * just over the limit), then in bytes.
 */
export function overLimit(bytes: number, limit: number): { size: string; limit: string } {
	return megabytes(bytes) === megabytes(limit)
		? { size: `${bytes} bytes`, limit: `${limit} bytes` }
		: { size: megabytes(bytes), limit: megabytes(limit) };
}
