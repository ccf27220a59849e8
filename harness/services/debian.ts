import { existsSync } from 'node:fs';
import { runOrThrow } from '../n8n/run';

/** A Debian package, and how to tell that what this project needs of it is there. */
export interface DebianPackage {
	name: string;
	isInstalled: () => boolean;
}

/** The usual check: a file the package installs. */
export function installsFile(name: string, file: string): DebianPackage {
	return { name, isInstalled: () => existsSync(file) };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Installs the missing packages with apt-get, one apt run at a time (dpkg holds a lock, and the
 * browser, PostgreSQL and Redis may be asked for at once). CI starts from a fresh machine as root;
 * elsewhere this says what to run instead of failing later in an obscure way.
 */
export function ensureDebianPackages(packages: DebianPackage[]): Promise<void> {
	const run = queue.then(async () => {
		const missing = packages.filter((pkg) => !pkg.isInstalled());
		if (missing.length === 0) return;
		const names = missing.map((pkg) => pkg.name).join(' ');
		if (process.getuid?.() !== 0) {
			throw new Error(
				`Missing ${names}: run \`sudo apt-get update && sudo apt-get install -y ${names}\``,
			);
		}
		console.log(`Installing Debian packages: ${names} (apt-get)...`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await runOrThrow('apt-get', ['update'], { env });
		await runOrThrow('apt-get', ['install', '-y', ...missing.map((pkg) => pkg.name)], { env });
		const still = missing.filter((pkg) => !pkg.isInstalled());
		if (still.length > 0)
			throw new Error(`apt-get install ${names} left ${still[0].name} unusable`);
	});
	queue = run.catch(() => undefined);
	return run;
}
