import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'undici';

import {
	waitFor,
	type CredentialImport,
	type ExecutionSummary,
	type N8nRest,
} from '../harness/n8n';
import { credentialRef } from '../harness/workflows/credential';
import { node, outputs, TRIGGER_TYPE, workflow } from '../harness/workflows/nodes';
import { triggerTypeVersion, workflowIdOf, type Target, type TargetSpec } from './workflows';

/** What the media benchmarks share: the trigger workflows, a delivery, the executions. */

export const MB = 1024 * 1024;

/** `360dialog Trigger (parameters) -> No Operation`, published before n8n starts. */
export function mediaTriggerWorkflow(
	key: string,
	label: string,
	credential: CredentialImport,
	parameters: Record<string, unknown>,
) {
	const spec: TargetSpec = { key, label, kind: 'trigger', typeVersion: triggerTypeVersion() };
	const triggerWebhookId = randomUUID();
	const trigger = node(
		'360dialog Trigger',
		TRIGGER_TYPE,
		spec.typeVersion,
		[0, 0],
		{ events: ['message', 'status', 'error'], options: {}, ...parameters },
		{ webhookId: triggerWebhookId, credentials: credentialRef(credential) },
	);
	const noOp = node('No Operation', 'n8n-nodes-base.noOp', 1, [300, 0]);
	const built = workflow(workflowIdOf(spec), `Bench: ${label}`, [trigger, noOp], {
		[trigger.name]: outputs(noOp.name),
	});
	return { spec, workflow: built, triggerWebhookId };
}

/**
 * One notification POSTed to the trigger's production URL with its secret header, as 360dialog's
 * fan-out sends it; `ms` is the time until the answer's status line arrived (what 360dialog's
 * 5-second limit counts).
 */
export async function deliverTo(
	target: Target,
	notification: unknown,
): Promise<{ status: number; ms: number }> {
	const started = process.hrtime.bigint();
	const response = await request(target.url, {
		method: 'POST',
		headers: target.headers,
		body: JSON.stringify(notification),
		headersTimeout: 30_000,
	});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	await response.body.dump();
	return { status: response.statusCode, ms };
}

/** Waits until the workflow has `count` executions, all finished; fails if one did not succeed. */
export async function finishedExecutions(
	rest: N8nRest,
	workflowId: string,
	count: number,
	timeoutMs = 180_000,
): Promise<ExecutionSummary[]> {
	const results = await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const page = await rest.executions(workflowId);
			const done = page.results.every((e) => e.stoppedAt);
			return page.count >= count && done && page.results;
		},
		{ timeoutMs, intervalMs: 200 },
	);
	const failed = results.find((execution) => execution.status !== 'success');
	if (failed) throw new Error(`Execution ${failed.id} of ${workflowId} ended ${failed.status}`);
	return results;
}

/** The binary data the trigger handed over in an execution (what Download Media attached). */
export async function attachedFile(
	rest: N8nRest,
	executionId: string,
): Promise<{ bytes?: number; mimeType?: string } | undefined> {
	const execution = await rest.execution(executionId);
	const [first] = execution.runData['360dialog Trigger']?.[0]?.data?.main?.[0] ?? [];
	return (first as { binary?: Record<string, { bytes?: number; mimeType?: string }> })?.binary
		?.data;
}

export const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM: kB there). */
export async function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
	if (!kb) throw new Error(`/proc/${pid}/status has no ${field}`);
	return Number(kb) * 1024;
}
