import { join } from 'node:path';
import { packPackage, PROJECT_DIR, TARBALL_ENV } from './n8n';

let packed: Promise<string> | undefined;

/** The tarball the global setup packed, or one packed now (a single test file run by hand). */
export function packageTarball(): Promise<string> {
	const fromSetup = process.env[TARBALL_ENV];
	if (fromSetup) return Promise.resolve(fromSetup);
	packed ??= packPackage(join(PROJECT_DIR, '.cache/e2e'));
	return packed;
}
