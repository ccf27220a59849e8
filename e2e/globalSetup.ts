/**
 * Once per `npm run test:e2e` (after `npm run build`): the pinned n8n, the browser, and one
 * tarball that every test file installs into its own fresh n8n.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from '../harness/browser/chromium';
import { ensureRuntime, packPackage, PROJECT_DIR, TARBALL_ENV } from '../harness/n8n';

export default async function globalSetup(): Promise<void> {
	if (!existsSync(join(PROJECT_DIR, 'dist/nodes/Dialog360Trigger/Dialog360Trigger.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm run test:e2e does)');
	}
	const started = Date.now();
	const [runtime, tarball] = await Promise.all([
		ensureRuntime(),
		packPackage(join(PROJECT_DIR, '.cache/e2e')),
		ensureChromium(),
	]);
	process.env[TARBALL_ENV] = tarball;
	console.log(`\nE2E: n8n runtime ${runtime.dir}, package ${tarball} (${Date.now() - started} ms)`);
}
