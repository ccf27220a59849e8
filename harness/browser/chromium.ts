import { ensureDebianPackages, installsFile } from '../services/debian';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's chromium, installed on first use (with its recommends: fonts-liberation, or the
 * screenshots show boxes for text). CI starts from a fresh machine as root.
 */
export async function ensureChromium(): Promise<string> {
	await ensureDebianPackages([installsFile('chromium', CHROMIUM_PATH)]);
	return CHROMIUM_PATH;
}
