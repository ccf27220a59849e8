import { spawn, type SpawnOptions } from 'node:child_process';

export interface RunResult {
	code: number | null;
	output: string;
}

/** Runs a command to its end and keeps stdout and stderr together, for error messages. */
export function run(
	command: string,
	args: string[],
	options: Pick<SpawnOptions, 'cwd' | 'env'> = {},
): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, output }));
	});
}

/** Like run(), but a non-zero exit is an error that shows the command's output. */
export async function runOrThrow(
	command: string,
	args: string[],
	options: Pick<SpawnOptions, 'cwd' | 'env'> = {},
): Promise<string> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} exited with ${result.code}:\n${result.output.slice(-4000)}`,
		);
	}
	return result.output;
}
