/**
 * `npm run emulator`: one emulated 360dialog number for local development, until Ctrl-C.
 * Env: EMULATOR_PORT, EMULATOR_API_KEY, EMULATOR_APPLY_DELAY_MS, EMULATOR_HOST_MAP ("a.test=5678,b.test=5679").
 */
import { sampleTextNotification } from './sampleNotification';
import { startEmulator } from './server';

function parseNumber(name: string, fallback: number | undefined): number | undefined {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer >= 0`);
	return value;
}

/** "n8n.test=5678" or, for several ports taken in turn, "n8n.test=5681+5682". */
function parseHostMap(raw: string | undefined): Record<string, number[]> {
	const hostMap: Record<string, number[]> = {};
	for (const pair of (raw ?? '').split(',').filter((p) => p.trim() !== '')) {
		const [host, ports = ''] = pair.split('=').map((part) => part.trim());
		const portNumbers = ports.split('+').map(Number);
		if (!host || !portNumbers.every((port) => Number.isInteger(port) && port > 0 && port < 65536)) {
			throw new Error(`EMULATOR_HOST_MAP: '${pair}' is not host=port or host=port+port`);
		}
		hostMap[host] = portNumbers;
	}
	return hostMap;
}

/** Single-quoted for a POSIX shell. */
function shellQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

async function main(): Promise<void> {
	const hostMap = parseHostMap(process.env.EMULATOR_HOST_MAP);
	const emulator = await startEmulator({
		port: parseNumber('EMULATOR_PORT', 0),
		apiKey: process.env.EMULATOR_API_KEY || undefined,
		applyDelayMs: parseNumber('EMULATOR_APPLY_DELAY_MS', undefined),
		hostMap,
		log: (line) => console.log(`[emulator] ${line}`),
	});
	const sample = JSON.stringify(sampleTextNotification());
	console.log(`360dialog emulator listening on ${emulator.url}`);
	console.log(`D360-API-KEY: ${emulator.apiKey}`);
	for (const [host, ports] of Object.entries(hostMap)) {
		console.log(`Host map: ${host} -> 127.0.0.1:${ports.join(', 127.0.0.1:')}`);
	}
	console.log(
		`Deliver a sample message: curl -s -X POST ${emulator.url}/_emulator/deliver ` +
			`-H 'content-type: application/json' -d ${shellQuote(sample)}`,
	);

	const stop = (signal: string) => {
		console.log(`${signal}: closing the emulator`);
		emulator.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(`emulator: ${(error as Error).message}`);
	process.exit(1);
});
