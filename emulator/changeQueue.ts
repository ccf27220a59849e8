/** A change 360dialog has accepted but not yet applied. It mutates the state it is given. */
export type Change<T> = (state: T) => void;

interface PendingChange<T> {
	change: Change<T>;
	timer: NodeJS.Timeout;
}

/**
 * Applies accepted changes after a delay, strictly in the order they were accepted, as 360dialog's
 * "operation has been started" endpoints do. By default validation runs against project(): the
 * applied state with every pending change replayed on a copy.
 */
export class ChangeQueue<T> {
	private pending: Array<PendingChange<T>> = [];
	private waiters: Array<() => void> = [];

	constructor(private readonly target: () => T) {}

	get size(): number {
		return this.pending.length;
	}

	enqueue(change: Change<T>, delayMs: number): void {
		const entry: PendingChange<T> = {
			change,
			timer: setTimeout(() => this.applyThrough(entry), Math.max(0, delayMs)),
		};
		this.pending.push(entry);
	}

	/** Replays the pending changes, oldest first, on the given copy of the applied state. */
	project(copy: T): T {
		for (const { change } of this.pending) change(copy);
		return copy;
	}

	/** Resolves once nothing is pending (at once if nothing is). */
	settled(): Promise<void> {
		if (this.pending.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	/** Drops every pending change without applying it. */
	clear(): void {
		for (const { timer } of this.pending) clearTimeout(timer);
		this.pending = [];
		this.wakeWaiters();
	}

	// A later change may get a shorter delay (setApplyDelay), so it takes the older ones along: FIFO.
	private applyThrough(entry: PendingChange<T>): void {
		while (this.pending.length > 0) {
			const head = this.pending.shift() as PendingChange<T>;
			clearTimeout(head.timer);
			head.change(this.target());
			if (head === entry) break;
		}
		if (this.pending.length === 0) this.wakeWaiters();
	}

	private wakeWaiters(): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}
}
