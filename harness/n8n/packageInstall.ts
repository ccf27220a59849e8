import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_DIR } from './paths';
import { runOrThrow } from './run';

/** Set by the E2E global setup, so that every test file installs the same tarball. */
export const TARBALL_ENV = 'E2E_PACKAGE_TARBALL';

interface Manifest {
	name: string;
	version: string;
	[key: string]: unknown;
}

/** `npm pack` of the built package (dist/ must exist: run `npm run build` first). */
export async function packPackage(destination: string): Promise<string> {
	await mkdir(destination, { recursive: true });
	const output = await runOrThrow(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{ cwd: PROJECT_DIR },
	);
	// npm prints notices before the JSON on some versions.
	const [packed] = JSON.parse(output.slice(output.indexOf('['))) as Array<{ filename: string }>;
	return join(destination, packed.filename);
}

/**
 * Installs the tarball into a user folder the way n8n 2.41's community-package installer does
 * (CommunityPackagesService.downloadPackage): untar into ~/.n8n/nodes/node_modules/<name>, drop
 * dev, peer and optional dependencies, `npm install` the rest, record it in nodes/package.json.
 */
export async function installPackage(userFolder: string, tarball: string): Promise<Manifest> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const staging = join(nodesDir, 'node_modules', '.staging');
	await mkdir(staging, { recursive: true });
	await runOrThrow('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const manifest = JSON.parse(await readFile(join(staging, 'package.json'), 'utf8')) as Manifest;

	const packageDir = join(nodesDir, 'node_modules', manifest.name);
	await mkdir(join(packageDir, '..'), { recursive: true });
	await rename(staging, packageDir);
	const { devDependencies, peerDependencies, optionalDependencies, ...stripped } = manifest;
	await writeFile(join(packageDir, 'package.json'), JSON.stringify(stripped, null, 2));
	await runOrThrow(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir },
	);
	const ledger = {
		name: 'installed-nodes',
		private: true,
		dependencies: { [manifest.name]: manifest.version },
	};
	await writeFile(join(nodesDir, 'package.json'), JSON.stringify(ledger, null, 2));
	return stripped as Manifest;
}
