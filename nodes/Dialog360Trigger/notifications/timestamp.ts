/**
 * WhatsApp timestamps are unix seconds, usually as a string of digits. Undefined for anything
 * else, and for a number of seconds no JS Date can hold (toISOString would throw).
 */
export function unixSecondsToIso(timestamp: unknown): string | undefined {
	const seconds =
		typeof timestamp === 'number'
			? timestamp
			: typeof timestamp === 'string' && /^\d{1,15}$/.test(timestamp)
				? Number(timestamp)
				: NaN;
	const date = new Date(seconds * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
