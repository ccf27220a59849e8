/**
 * The users a number has blocked (Meta's Block Users API, which 360dialog serves on /block_users):
 * only users who wrote in the last 24 hours can be blocked, at most 1,000 per request, 64,000 in
 * all; unblocking has no 24-hour rule. Order of blocking is kept, for paging.
 */
export const BLOCK_REQUEST_MAX = 1000;
export const BLOCKLIST_MAX = 64_000;

export interface BlockedUser {
	input: string;
	wa_id: string;
}

export class BlockList {
	private users = new Map<string, BlockedUser>();

	has(waId: string): boolean {
		return this.users.has(waId);
	}

	get size(): number {
		return this.users.size;
	}

	add(user: BlockedUser): void {
		this.users.set(user.wa_id, user);
	}

	remove(waId: string): void {
		this.users.delete(waId);
	}

	list(): BlockedUser[] {
		return [...this.users.values()];
	}

	clear(): void {
		this.users.clear();
	}
}
