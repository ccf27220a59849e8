import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/*
 * A lock around the trigger's checks of n8n's processed-items store, across every n8n process.
 *
 * n8n's store (packages/cli src/deduplication/deduplication-helper.ts, DeduplicationHelper) keeps
 * one row of table processed_data per workflow and scope, primary key (workflowId, context), the
 * context being `n:<node id>` for scope 'node' and '' for scope 'workflow'. A check reads the row,
 * changes it in memory and writes it back with an UPDATE, in no transaction: two processes at once
 * both see an event as new. The one atomic step is the INSERT of a row that does not exist yet:
 * of two racing INSERTs the primary key lets one through and fails the other (PostgreSQL and
 * SQLite alike). Scopes are only 'node' and 'workflow', so there is no row per event to claim, but
 * the workflow-scope row can be a lock: its INSERT takes the lock, its DELETE
 * (clearAllProcessedItems) frees it.
 *
 * Taken in mode latestIncrementalKey with the value -Infinity: an INSERT answers it as new, while
 * a check against an existing row answers it as processed (-Infinity is never above the stored
 * value) and writes that value back unchanged. So "new" means this call inserted the row.
 */
const LOCK_VALUE = '-Infinity';
const LOCK_OPTIONS = { mode: 'latestIncrementalKey' as const };

/** A holder takes tens of milliseconds; one still holding after this died holding it. */
const STALE_AFTER_MS = 10_000;
const RETRY_MIN_MS = 5;
const RETRY_SPREAD_MS = 20;

const isInsertRace = (error: unknown) =>
	/duplicate key|unique constraint/i.test(error instanceof Error ? error.message : String(error));

/** Another node of the workflow keeps items in the workflow scope in another mode. */
const isOtherMode = (error: unknown) =>
	error instanceof Error && /incompatible setting/i.test(error.message);

/**
 * One try: taken, held by another process, or unavailable (another node keeps the workflow
 * scope's items in another mode). Any other failure of n8n's store is thrown.
 */
async function tryTake(context: IExecuteFunctions): Promise<'taken' | 'held' | 'unavailable'> {
	try {
		const { new: taken } = await context.helpers.checkProcessedAndRecord(
			[LOCK_VALUE],
			'workflow',
			LOCK_OPTIONS,
		);
		return taken.length > 0 ? 'taken' : 'held';
	} catch (error) {
		if (isInsertRace(error)) return 'held';
		if (isOtherMode(error)) return 'unavailable';
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

async function free(context: IExecuteFunctions) {
	await context.helpers.clearAllProcessedItems('workflow', LOCK_OPTIONS);
}

/**
 * Runs `work` while this process holds the workflow's lock. Where another node of the workflow
 * uses the workflow scope in another mode, there is no lock: `work` runs unguarded, with a warning.
 * A lock held longer than STALE_AFTER_MS is taken from a holder that died (a killed worker).
 */
export async function withStoreLock<T>(
	context: IExecuteFunctions,
	work: () => Promise<T>,
): Promise<T> {
	let waitingSince = Date.now();
	for (;;) {
		const attempt = await tryTake(context);
		if (attempt === 'unavailable') {
			context.logger.warn(
				"360dialog Trigger: Drop Redeliveries checks without a lock: another node of this workflow keeps processed items in the workflow scope (Remove Duplicates' Scope: Workflow), which the trigger uses as its lock across n8n processes",
			);
			return await work();
		}
		if (attempt === 'taken') break;
		if (Date.now() - waitingSince > STALE_AFTER_MS) {
			context.logger.warn(
				'360dialog Trigger: freeing the Drop Redeliveries lock, held for over 10 s by an n8n process that stopped while checking',
			);
			await free(context);
			waitingSince = Date.now();
			continue;
		}
		await sleep(RETRY_MIN_MS + Math.random() * RETRY_SPREAD_MS);
	}
	try {
		return await work();
	} finally {
		await free(context).catch((error: unknown) =>
			context.logger.warn(
				'360dialog Trigger: could not free the Drop Redeliveries lock; other processes take it over after 10 s',
				{ error },
			),
		);
	}
}
