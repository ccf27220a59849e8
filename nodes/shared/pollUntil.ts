import { sleep } from 'n8n-workflow';

export interface Poll<T> {
	read: () => Promise<T>;
	until: (value: T) => boolean;
	/** The last read starts before this much time has passed. */
	timeoutMs: number;
	intervalMs: number;
	/** A read failed: throw to stop polling, return to read again at the next interval. */
	onReadError: (error: unknown) => void;
}

export type PollResult<T> = { met: true; value: T } | { met: false; value?: T };

/**
 * Reads at once, then every interval, until the value passes the check or the time is up: how both
 * nodes learn whether a change 360dialog applies seconds later (or a call whose answer was lost)
 * has landed. Bounded: nothing here waits longer than timeoutMs plus one read.
 */
export async function pollUntil<T>(poll: Poll<T>): Promise<PollResult<T>> {
	const deadline = Date.now() + poll.timeoutMs;
	let value: T | undefined;
	for (;;) {
		try {
			value = await poll.read();
			if (poll.until(value)) return { met: true, value };
		} catch (error) {
			poll.onReadError(error);
		}
		const left = deadline - Date.now();
		if (left <= 0) return { met: false, value };
		await sleep(Math.min(poll.intervalMs, left));
	}
}
