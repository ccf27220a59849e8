import { readFile } from 'node:fs/promises';
import { request } from 'undici';

import type { N8nRest } from '../harness/n8n';
import { TRIGGER_NODE, type Target } from './workflows';

/** What the media benchmarks share: a delivery, the file an execution got, /proc figures. */

export const MB = 1024 * 1024;

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
	const response = await request(target.urls[0], {
		method: 'POST',
		headers: target.headers,
		body: JSON.stringify(notification),
		headersTimeout: 30_000,
	});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	await response.body.dump();
	return { status: response.statusCode, ms };
}

/** The binary data the trigger handed over in an execution (what Download Media attached). */
export async function attachedFile(
	rest: N8nRest,
	executionId: string,
): Promise<{ bytes?: number; mimeType?: string } | undefined> {
	const execution = await rest.execution(executionId);
	const [first] = execution.runData[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? [];
	return (first as { binary?: Record<string, { bytes?: number; mimeType?: string }> })?.binary
		?.data;
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM: kB there). */
export async function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
	if (!kb) throw new Error(`/proc/${pid}/status has no ${field}`);
	return Number(kb) * 1024;
}
