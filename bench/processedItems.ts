import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { psqlEnv, type RunningPostgres } from '../harness/services/postgres';
import type { Stack } from '../harness/stack';
import { REMEMBERED_EVENTS } from '../nodes/Dialog360Trigger/afterReceipt/redeliveries';
import { TRIGGER_NODE, type Built } from './workflows';

/**
 * Fills n8n's processed-items store (the table behind the Remove Duplicates node) for one node
 * with `count` entries, as n8n writes them: one row per workflow and node, its value the list of
 * MD5 hashes (base64) of the keys seen. A number that has received REMEMBERED_EVENTS events has
 * a full list, and every check reads and rewrites all of it: the benchmark measures that steady
 * state, not an empty store. Written with Debian's psql into the queue-mode PostgreSQL.
 */
function fillProcessedItems(
	postgres: RunningPostgres,
	target: { workflowId: string; nodeId: string },
	count: number,
): void {
	const hashes = Array.from({ length: count }, () => randomBytes(16).toString('base64'));
	// Base64 and ids hold no $: dollar quoting needs no escaping.
	const value = JSON.stringify({ mode: 'entries', data: hashes });
	const sql = `INSERT INTO processed_data ("workflowId", "context", "value", "createdAt", "updatedAt")
		VALUES ($q$${target.workflowId}$q$, $q$n:${target.nodeId}$q$, $q$${value}$q$, now(), now())
		ON CONFLICT ("context", "workflowId") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now();`;
	execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q'], { input: sql, env: psqlEnv(postgres) });
}

/** Every trigger's store full (Drop Redeliveries off checks it too, to mark repeats). */
export function fillTriggerStores(stack: Stack, built: Built[]): void {
	const postgres = stack.queue?.services.postgres;
	if (!postgres) throw new Error('the processed-items store is filled in queue mode only');
	for (const { spec, workflow } of built) {
		const trigger = workflow.nodes.find((node) => node.name === TRIGGER_NODE);
		if (spec.kind !== 'trigger' || !trigger) continue;
		fillProcessedItems(
			postgres,
			{ workflowId: workflow.id, nodeId: trigger.id },
			REMEMBERED_EVENTS,
		);
	}
}
