import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Delivers status notifications one after another, in the order they were queued, through the
 * emulator's fan-out: a message's `sent` always arrives before its `delivered`, and an answer to
 * POST /messages always leaves before the first of its statuses.
 */
export class StatusFeed {
	private chain: Promise<void> = Promise.resolve();

	/** Bumped by clear(): what was queued before is dropped. */
	private generation = 0;

	private closed = false;

	constructor(
		private readonly deliver: (notification: unknown) => Promise<unknown>,
		private readonly delayMs: () => number,
		private readonly log: (line: string) => void,
	) {}

	/** Queues the notifications; `onDelivered` runs after each one went out. */
	enqueue(notifications: unknown[], onDelivered: (index: number) => void = () => undefined): void {
		const generation = this.generation;
		const current = () => !this.closed && generation === this.generation;
		for (const [index, notification] of notifications.entries()) {
			this.chain = this.chain.then(async () => {
				if (!current()) return;
				await sleep(this.delayMs());
				if (!current()) return;
				try {
					await this.deliver(notification);
					onDelivered(index);
				} catch (error) {
					this.log(`status fan-out failed: ${(error as Error).message}`);
				}
			});
		}
	}

	/** Resolves once everything queued so far has been delivered. */
	async idle(): Promise<void> {
		let seen: Promise<void> | undefined;
		while (seen !== this.chain) {
			seen = this.chain;
			await seen;
		}
	}

	/** Drops what is still queued (the emulator is being reset). */
	clear(): void {
		this.generation += 1;
	}

	/** Drops what is queued and delivers nothing any more. */
	close(): void {
		this.closed = true;
	}
}
