import type { IHookFunctions } from 'n8n-workflow';

import { pollUntil, type PollResult } from '../../shared/pollUntil';

const POLL_INTERVAL_MS = 500;

/**
 * Reads again, every half second for at most timeoutMs, until the reading passes the check: how
 * activation and deactivation decide what an unclear answer (a fault, a refusal, a pending DELETE)
 * meant. A failed read is logged and is one more try; `what` names what is read, for the log.
 */
export async function readAgainUntil<T>(
	context: IHookFunctions,
	what: string,
	poll: { read: () => Promise<T>; until: (reading: T) => boolean; timeoutMs: number },
): Promise<PollResult<T>> {
	return await pollUntil({
		...poll,
		intervalMs: POLL_INTERVAL_MS,
		onReadError: (error) =>
			context.logger.debug(`360dialog Trigger: reading ${what} again failed`, { error }),
	});
}
