import { splitNotification } from '../nodes/Dialog360Trigger/notifications';
import { cloudNotification } from './notifications';

export interface ParseSplitRow {
	kind: 'messages' | 'statuses';
	perPost: number;
	jsonParseUs: number;
	parseAndSplitUs: number;
	ratio: number;
}

/** Median of several timed batches, in microseconds per call. */
function measure(run: () => unknown, budgetMs: number): number {
	const samples: number[] = [];
	const end = Date.now() + budgetMs;
	let sink = 0;
	while (Date.now() < end) {
		const batch = 200;
		const start = process.hrtime.bigint();
		for (let i = 0; i < batch; i++) sink += run() ? 1 : 0;
		samples.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
	}
	if (sink < 0) console.log(sink);
	samples.sort((a, b) => a - b);
	return samples[Math.floor(samples.length / 2)];
}

/**
 * What the trigger adds on top of the JSON parsing n8n does anyway: splitting one POST into items.
 * Both sides include JSON.parse, so the ratio is (parse + split) / parse.
 */
export function benchParseSplit(budgetMs = 1500): ParseSplitRow[] {
	const rows: ParseSplitRow[] = [];
	for (const kind of ['messages', 'statuses'] as const) {
		for (const perPost of [1, 10, 100]) {
			const body = cloudNotification(kind, perPost);
			const check = splitNotification(JSON.parse(body));
			if (check[kind].length !== perPost)
				throw new Error(`split gave ${check[kind].length} ${kind}, not ${perPost}`);
			// Warm both paths up before timing.
			measure(() => splitNotification(JSON.parse(body)), 300);
			const jsonParseUs = measure(() => JSON.parse(body), budgetMs);
			const parseAndSplitUs = measure(() => splitNotification(JSON.parse(body)), budgetMs);
			rows.push({
				kind,
				perPost,
				jsonParseUs,
				parseAndSplitUs,
				ratio: parseAndSplitUs / jsonParseUs,
			});
		}
	}
	return rows;
}

if (require.main === module) {
	for (const row of benchParseSplit()) {
		console.log(
			`${row.kind.padEnd(9)} ${String(row.perPost).padStart(3)}/POST  JSON.parse ${row.jsonParseUs.toFixed(1)} µs  parse+split ${row.parseAndSplitUs.toFixed(1)} µs  ${row.ratio.toFixed(2)}x  (${(row.parseAndSplitUs / row.perPost).toFixed(2)} µs per notification)`,
		);
	}
}
