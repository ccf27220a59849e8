import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { ATTACHMENTS_PATH, sampleMediaNotification } from '../emulator';
import type { Stack } from '../harness/stack';
import { finishedExecutions, withBenchStack } from './benchStack';
import { attachedFile, deliverTo, MB, procStatus } from './mediaBench';
import { triggerTypeVersion, type Target, type TargetSpec } from './workflows';

/**
 * `npm run bench:media-memory`: the n8n process's peak memory while the trigger downloads files.
 * 20 notifications, each a message with a 16 MB document, reach a trigger with Download Media on;
 * the bench reports how far n8n's peak resident set (VmHWM of /proc/<pid>/status, reset before
 * each phase through clear_refs, with VmRSS sampled every 20 ms beside it) grew over its size
 * just before, against the target: less than 3x one file per request in flight. Two phases per
 * binary data mode: one delivery at a time, and all 20 at once. Modes: BENCH_BINARY_MODES
 * (default "filesystem,database": n8n's default in regular mode, and in queue mode).
 */

const FILE_BYTES = 16 * MB;
/** BENCH_NOTIFICATIONS: more deliveries per phase, to tell memory held from memory not yet collected. */
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 20);
const TARGET_FACTOR = 3;
const PHASES = [
	{ label: 'one at a time', concurrency: 1 },
	{ label: `all ${NOTIFICATIONS} at once`, concurrency: NOTIFICATIONS },
];
const SPEC: TargetSpec = {
	key: 'mediamem',
	label: 'Download Media on, 20 MB',
	kind: 'trigger',
	typeVersion: triggerTypeVersion(),
	parameters: { downloadMedia: true, downloadOptions: { maxSize: 20 } },
};

interface PhaseResult {
	mode: string;
	label: string;
	concurrency: number;
	baselineBytes: number;
	peakBytes: number;
	seconds: number;
}

/** VmHWM back to the current RSS ("5" resets the peak); false where the kernel refuses. */
async function resetPeak(pid: number): Promise<boolean> {
	try {
		await writeFile(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Samples VmRSS until stopped; resolves with the highest value seen. */
function sampleRss(pid: number): { stop: () => Promise<number> } {
	let running = true;
	let peak = 0;
	const loop = (async () => {
		while (running) {
			peak = Math.max(peak, await procStatus(pid, 'VmRSS').catch(() => 0));
			await sleep(20);
		}
	})();
	return {
		stop: async () => {
			running = false;
			await loop;
			return peak;
		},
	};
}

async function runPhase(
	stack: Stack,
	target: Target,
	mode: string,
	phase: (typeof PHASES)[number],
	media: { id: string; sha256: string },
	executionsSoFar: number,
): Promise<PhaseResult> {
	const pid = stack.n8n.pid;
	// Let n8n settle after the previous phase (its executions' records, timers).
	await sleep(3000);
	const baselineBytes = await procStatus(pid, 'VmRSS');
	const peakReset = await resetPeak(pid);
	const sampler = sampleRss(pid);
	const started = Date.now();
	let next = 0;
	const worker = async () => {
		while (next < NOTIFICATIONS) {
			next += 1;
			const notification = sampleMediaNotification({
				type: 'document',
				id: media.id,
				mimeType: 'application/pdf',
				sha256: media.sha256,
				fileName: `contract-${next}.pdf`,
			});
			const { status } = await deliverTo(target, notification);
			if (status !== 200) throw new Error(`the trigger answered ${status}`);
			if (phase.concurrency === 1) {
				await finishedExecutions(stack.rest, target, executionsSoFar + next);
			}
		}
	};
	await Promise.all(Array.from({ length: phase.concurrency }, worker));
	const executions = await finishedExecutions(stack.rest, target, executionsSoFar + NOTIFICATIONS);
	const seconds = (Date.now() - started) / 1000;
	const sampledPeak = await sampler.stop();
	const peakBytes = Math.max(sampledPeak, peakReset ? await procStatus(pid, 'VmHWM') : 0);
	const file = await attachedFile(stack.rest, executions[0].id);
	if (file?.bytes !== FILE_BYTES) {
		throw new Error(`the newest execution carries ${JSON.stringify(file)}, not the 16 MB file`);
	}
	return {
		mode,
		label: phase.label,
		concurrency: phase.concurrency,
		baselineBytes,
		peakBytes,
		seconds,
	};
}

async function measureMode(mode: string): Promise<PhaseResult[]> {
	console.log(`binary data mode ${mode}: starting the emulator and n8n 2.41.1...`);
	const serverEnv = { N8N_DEFAULT_BINARY_DATA_MODE: mode };
	return await withBenchStack([SPEC], { serverEnv }, async (stack, [target]) => {
		const media = stack.emulator.seedMedia({
			bytes: randomBytes(FILE_BYTES),
			mimeType: 'application/pdf',
		});
		// Warm-up: one delivery, so that n8n has loaded and compiled what a download uses.
		await deliverTo(
			target,
			sampleMediaNotification({
				type: 'document',
				id: media.id,
				mimeType: 'application/pdf',
				sha256: media.sha256,
			}),
		);
		await finishedExecutions(stack.rest, target, 1);
		let executions = 1;
		const results: PhaseResult[] = [];
		for (const phase of PHASES) {
			console.log(`  ${phase.label}...`);
			results.push(await runPhase(stack, target, mode, phase, media, executions));
			executions += NOTIFICATIONS;
		}
		const served = stack.emulator.requests.filter((r) => r.path === ATTACHMENTS_PATH).length;
		if (served !== 1 + NOTIFICATIONS * PHASES.length) {
			throw new Error(`the emulator served ${served} downloads`);
		}
		return results;
	});
}

async function main() {
	const modes = (process.env.BENCH_BINARY_MODES ?? 'filesystem,database')
		.split(',')
		.map((mode) => mode.trim())
		.filter(Boolean);
	const results: PhaseResult[] = [];
	for (const mode of modes) results.push(...(await measureMode(mode)));
	const mb = (bytes: number) => (bytes / MB).toFixed(1);
	const rows = results.map((r) => {
		const growth = r.peakBytes - r.baselineBytes;
		const limit = TARGET_FACTOR * FILE_BYTES * r.concurrency;
		return `| ${r.mode} | ${r.label} | ${mb(r.baselineBytes)} MB | ${mb(r.peakBytes)} MB | ${mb(growth)} MB | ${mb(limit)} MB | ${(growth / (FILE_BYTES * r.concurrency)).toFixed(2)}x | ${growth < limit ? 'PASS' : 'MISS'} | ${r.seconds.toFixed(1)} s |`;
	});
	console.log(
		[
			'',
			`${NOTIFICATIONS} notifications, each with a ${FILE_BYTES / MB} MB document, Download Media on:`,
			'',
			'| binary data mode | deliveries | n8n RSS before | peak | growth | target (< 3x file x in flight) | growth / (file x in flight) | | time |',
			'|---|---|---|---|---|---|---|---|---|',
			...rows,
			'',
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
