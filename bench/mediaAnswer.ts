import { randomBytes } from 'node:crypto';

import { ATTACHMENTS_PATH, sampleMediaNotification, type Emulator } from '../emulator';
import type { Stack } from '../harness/stack';
import { finishedExecutions, withBenchStack } from './benchStack';
import { median } from './ingest';
import { attachedFile, deliverTo, MB } from './mediaBench';
import { triggerTypeVersion, type Target, type TargetSpec } from './workflows';

/**
 * `npm run bench:media-answer`: how long 360dialog waits for the trigger's 200, with Download
 * Media off and on. Each delivery is a message with a 2 MB image whose download the emulator
 * spreads over 3 seconds; it goes to n8n's production URL with the trigger's secret, as the
 * fan-out sends it, one at a time, each after the previous execution has finished. With the
 * option on the download happens in the execution, after the 200: the times to the 200 should
 * not differ, and the executions take the 3 seconds instead.
 */

const IMAGE_BYTES = 2 * MB;
const DOWNLOAD_MS = 3000;
const WARM_UP = 2;
const ROUNDS = 8;
/** 360dialog counts a delivery as failed without a 200 within 5 seconds. */
const LIMIT_MS = 5000;

const OFF = 'mediaoff';
const ON = 'mediaon';
const trigger = (key: string, label: string, parameters: Record<string, unknown>): TargetSpec => ({
	key,
	label,
	kind: 'trigger',
	typeVersion: triggerTypeVersion(),
	parameters,
});
const SPECS = [
	trigger(OFF, 'Download Media off', {}),
	trigger(ON, 'Download Media on', { downloadMedia: true }),
];

interface Sample {
	answerMs: number;
	executionMs: number;
}

/** One delivery to one trigger, and the execution that followed it. */
async function deliverOnce(
	stack: Stack,
	target: Target,
	mediaId: string,
	sha256: string,
	executionsSoFar: number,
): Promise<Sample> {
	const notification = sampleMediaNotification({
		type: 'image',
		id: mediaId,
		mimeType: 'image/jpeg',
		sha256,
	});
	const { status, ms } = await deliverTo(target, notification);
	if (status !== 200) throw new Error(`${target.label} answered ${status}`);
	const [newest] = await finishedExecutions(stack.rest, target, executionsSoFar + 1);
	const file = await attachedFile(stack.rest, newest.id);
	const downloading = target.key === ON;
	if (downloading !== (file?.bytes === IMAGE_BYTES)) {
		throw new Error(
			`${target.label}: expected ${downloading ? `the ${IMAGE_BYTES}-byte image` : 'no file'}, got ${JSON.stringify(file)}`,
		);
	}
	const executionMs = Date.parse(newest.stoppedAt ?? '') - Date.parse(newest.startedAt ?? '');
	return { answerMs: ms, executionMs };
}

function downloads(emulator: Emulator): number {
	return emulator.requests.filter((r) => r.path === ATTACHMENTS_PATH).length;
}

async function main() {
	console.log('starting the emulator and n8n 2.41.1 with the packed package...');
	await withBenchStack(SPECS, {}, async (stack, targets) => {
		const image = stack.emulator.seedMedia({
			bytes: randomBytes(IMAGE_BYTES),
			mimeType: 'image/jpeg',
			delayMs: DOWNLOAD_MS,
		});
		const samples: Record<string, Sample[]> = { [OFF]: [], [ON]: [] };
		const counts: Record<string, number> = { [OFF]: 0, [ON]: 0 };
		const once = async (target: Target) => {
			const sample = await deliverOnce(stack, target, image.id, image.sha256, counts[target.key]);
			counts[target.key] += 1;
			return sample;
		};
		console.log(
			`warm-up, then ${ROUNDS} alternating rounds: one ${IMAGE_BYTES / MB} MB image per delivery, its download spread over ${DOWNLOAD_MS / 1000} s`,
		);
		for (const target of targets) for (let i = 0; i < WARM_UP; i++) await once(target);
		for (let round = 0; round < ROUNDS; round++) {
			// Alternate which goes first, so neither always follows the other's execution.
			const order = round % 2 === 0 ? targets : [...targets].reverse();
			for (const target of order) samples[target.key].push(await once(target));
		}
		if (downloads(stack.emulator) !== WARM_UP + ROUNDS) {
			throw new Error(
				`expected ${WARM_UP + ROUNDS} downloads, the emulator served ${downloads(stack.emulator)}`,
			);
		}
		const row = (target: Target) => {
			const answers = samples[target.key].map((s) => s.answerMs);
			const executions = samples[target.key].map((s) => s.executionMs);
			return `| ${target.label} | ${median(answers).toFixed(1)} ms | ${Math.max(...answers).toFixed(1)} ms | ${median(executions).toFixed(0)} ms |`;
		};
		const [off, on] = [OFF, ON].map((key) => targets.find((t) => t.key === key) as Target);
		const gap =
			median(samples[ON].map((s) => s.answerMs)) - median(samples[OFF].map((s) => s.answerMs));
		const worst = Math.max(...samples[ON].map((s) => s.answerMs));
		console.log(
			[
				'',
				'| trigger | time to the 200 (median) | slowest | execution (median) |',
				'|---|---|---|---|',
				row(off),
				row(on),
				'',
				`Download Media on answers ${gap.toFixed(1)} ms later than off (median); its slowest 200 took ${worst.toFixed(1)} ms of 360dialog's ${LIMIT_MS} ms: ${worst < LIMIT_MS && worst < DOWNLOAD_MS ? 'PASS (the 200 leaves before the download)' : 'MISS'}`,
				'',
			].join('\n'),
		);
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
