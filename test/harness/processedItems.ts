import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';
import { DataDeduplicationService } from 'n8n-core';

/**
 * What n8n's own store of processed items (packages/cli DeduplicationHelper, a row per workflow
 * and node in its database) does, for the tests that run nodes inside n8n-core without that
 * database: items kept as md5 hashes in one list per workflow and node, the newest `maxEntries`
 * kept, and each check a read, then a write, with the few milliseconds of a database round trip
 * between them (so that two checks at once interleave as they do in n8n). The
 * end-to-end tests run the trigger against n8n's real store, in one process and in queue mode.
 *
 * Each n8n instance has its own database: a harness that stands for one names its workflows'
 * database (useDatabase), so that two instances, or two tests, never share what they have seen.
 */
/** Between the read and the write of one check, as PostgreSQL or SQLite take for a round trip. */
const ROUND_TRIP_MS = 5;

/** PostgreSQL's words when an INSERT meets a row another one just made. */
const DUPLICATE_KEY = 'duplicate key value violates unique constraint "PK_processed_data"';

export class ProcessedItemsStore implements IDataDeduplicator {
	private readonly lists = new Map<string, string[]>();
	private readonly latest = new Map<string, number>();

	/** How many checks reached the store, per database: a read and a write of one list each. */
	readonly checks = new Map<string, number>();

	static hash(item: DeduplicationItemTypes): string {
		return createHash('md5').update(item.toString()).digest('base64');
	}

	private static keyOf(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		const database = databases.get(context.workflow) ?? 'default';
		return `${database}|${context.workflow.id}|${scope === 'node' ? `n:${context.node?.id}` : ''}`;
	}

	/** The hashes stored in a database for a workflow's node, oldest first. */
	stored(database: string, workflowId: string, nodeId: string): string[] {
		return [...(this.lists.get(`${database}|${workflowId}|n:${nodeId}`) ?? [])];
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = ProcessedItemsStore.keyOf(scope, context);
		if (options.mode !== 'entries') return await this.checkLatest(items, key);
		const database = databases.get(context.workflow) ?? 'default';
		this.checks.set(database, (this.checks.get(database) ?? 0) + 1);
		const existed = this.lists.has(key);
		const list = [...(this.lists.get(key) ?? [])]; // the read
		await sleep(ROUND_TRIP_MS);
		// No row at the read: n8n INSERTs, and the primary key fails the second of two at once.
		if (!existed && this.lists.has(key)) throw new Error(DUPLICATE_KEY);
		const known = new Set(list);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hash = ProcessedItemsStore.hash(item);
			if (known.has(hash)) {
				output.processed.push(item);
			} else {
				output.new.push(item);
				list.push(hash);
			}
		}
		if (options.maxEntries) list.splice(0, Math.max(0, list.length - options.maxEntries));
		this.lists.set(key, list); // the write: the whole list, as n8n's INSERT or UPDATE does
		return output;
	}

	/** Modes latestIncrementalKey and latestDate (numbers here): one value, the highest seen. */
	private async checkLatest(
		items: DeduplicationItemTypes[],
		key: string,
	): Promise<IDeduplicationOutput> {
		const existed = this.latest.has(key);
		const stored = this.latest.get(key); // the read
		await sleep(ROUND_TRIP_MS);
		if (!existed) {
			if (this.latest.has(key)) throw new Error(DUPLICATE_KEY);
			this.latest.set(key, Math.max(...items.map(Number)));
			return { new: items, processed: [] };
		}
		const output: IDeduplicationOutput = { new: [], processed: [] };
		let highest = stored as number;
		for (const item of items) {
			if (Number(item) > (stored as number)) {
				output.new.push(item);
				highest = Math.max(highest, Number(item));
			} else {
				output.processed.push(item);
			}
		}
		// An UPDATE: a row deleted in between stays deleted.
		if (this.latest.has(key)) this.latest.set(key, highest);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		const key = ProcessedItemsStore.keyOf(scope, context);
		const drop = new Set(items.map(ProcessedItemsStore.hash));
		this.lists.set(
			key,
			(this.lists.get(key) ?? []).filter((hash) => !drop.has(hash)),
		);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		this.lists.delete(ProcessedItemsStore.keyOf(scope, context));
		this.latest.delete(ProcessedItemsStore.keyOf(scope, context));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<number> {
		return this.lists.get(ProcessedItemsStore.keyOf(scope, context))?.length ?? 0;
	}
}

/** Which database each workflow object's node runs use. */
const databases = new WeakMap<object, string>();

export function useDatabase(workflow: object, database: string): void {
	databases.set(workflow, database);
}

let databaseCount = 0;

/** A name for a fresh, empty database. */
export function newDatabase(): string {
	databaseCount += 1;
	return `database-${databaseCount}`;
}

let store: ProcessedItemsStore | undefined;

/** The store every node run of this test file uses (n8n-core keeps one service per process). */
export function processedItemsStore(): ProcessedItemsStore {
	if (!store) {
		store = new ProcessedItemsStore();
		void DataDeduplicationService.init(store);
	}
	return store;
}
