import { existsSync } from 'node:fs';
import { runOrThrow } from '../n8n/run';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's chromium, installed on first use: CI starts from a fresh machine as root. Elsewhere
 * (no root) it says what to run instead of failing somewhere inside playwright.
 */
export async function ensureChromium(): Promise<string> {
	if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${CHROMIUM_PATH} is missing: run \`sudo apt-get update && sudo apt-get install -y chromium\``,
		);
	}
	console.log('Installing Debian chromium for the editor test (apt-get)...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runOrThrow('apt-get', ['update'], { env });
	// With its recommends: fonts-liberation, or the screenshots show boxes for text.
	await runOrThrow('apt-get', ['install', '-y', 'chromium'], { env });
	return CHROMIUM_PATH;
}
