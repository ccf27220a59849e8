import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
	timeoutMs?: number;
	intervalMs?: number;
	/** Extra text for the timeout error, computed only then (e.g. a log tail). */
	explain?: () => string | Promise<string>;
}

/** Polls until check() returns something other than undefined/false, and returns it. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined | false> | T | undefined | false,
	{ timeoutMs = 30_000, intervalMs = 200, explain }: WaitOptions = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const result = await check();
			if (result !== undefined && result !== false) return result;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) break;
		await sleep(intervalMs);
	}
	const cause = lastError instanceof Error ? `\nLast error: ${lastError.message}` : '';
	const extra = explain ? `\n${await explain()}` : '';
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}${extra}`);
}
