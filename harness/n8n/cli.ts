import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOrThrow } from './run';
import type { N8nRuntime } from './runtime';

/** One n8n CLI command against the user folder in env; run before `n8n start` (a running n8n does not pick up what they change). */
export async function n8nCli(
	runtime: N8nRuntime,
	env: NodeJS.ProcessEnv,
	args: string[],
): Promise<string> {
	return await runOrThrow(runtime.node, [runtime.n8nBin, ...args], { env });
}

// Beyond the exit code: import:workflow skips workflows that break n8n's content policies and
// still exits 0, so the count in the success line must match.
function expectLine(output: string, pattern: RegExp, what: string): void {
	if (!pattern.test(output)) throw new Error(`n8n ${what} failed:\n${output.slice(-4000)}`);
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain data: n8n encrypts it on import. */
	data: Record<string, unknown>;
}

export async function importCredentials(
	runtime: N8nRuntime,
	env: NodeJS.ProcessEnv,
	credentials: CredentialImport[],
): Promise<void> {
	const file = join(env.N8N_USER_FOLDER ?? '.', 'import-credentials.json');
	await writeFile(file, JSON.stringify(credentials, null, 2));
	const output = await n8nCli(runtime, env, ['import:credentials', `--input=${file}`]);
	expectLine(
		output,
		new RegExp(`Successfully imported ${credentials.length} credential`),
		'import:credentials',
	);
}

export async function importWorkflows(
	runtime: N8nRuntime,
	env: NodeJS.ProcessEnv,
	workflows: object[],
): Promise<void> {
	const file = join(env.N8N_USER_FOLDER ?? '.', 'import-workflows.json');
	await writeFile(file, JSON.stringify(workflows, null, 2));
	const output = await n8nCli(runtime, env, ['import:workflow', `--input=${file}`]);
	expectLine(
		output,
		new RegExp(`Successfully imported ${workflows.length} workflow`),
		'import:workflow',
	);
}

/**
 * Marks a workflow active so that n8n activates it as it boots: n8n 2.x publishes it, n8n 1.x
 * (which has no publishing) sets its active flag. Neither takes effect on a running n8n.
 */
export async function activateOnStart(
	runtime: N8nRuntime,
	env: NodeJS.ProcessEnv,
	workflowId: string,
): Promise<void> {
	if (runtime.major === 1) {
		const output = await n8nCli(runtime, env, [
			'update:workflow',
			`--id=${workflowId}`,
			'--active=true',
		]);
		expectLine(
			output,
			/Activation or deactivation will not take effect if n8n is running/,
			'update:workflow',
		);
		return;
	}
	const output = await n8nCli(runtime, env, ['publish:workflow', `--id=${workflowId}`]);
	expectLine(output, /Changes will not take effect if n8n is running/, 'publish:workflow');
}
