import { format } from 'node:util';

type Writer = (chunk: unknown, ...rest: unknown[]) => boolean;

/** Records everything written through console.* and to stdout/stderr while `work` runs. */
export async function capturingOutput<T>(
	work: () => Promise<T>,
): Promise<{ value: T; output: string }> {
	const chunks: string[] = [];
	const restore: Array<() => void> = [];
	const text = (chunk: unknown) =>
		Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
			? Buffer.from(chunk).toString('utf8')
			: String(chunk);

	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			chunks.push(format(...args));
		});
		restore.push(() => spy.mockRestore());
	}
	// Streams: process.stdout/stderr, and the ones console writes to directly (winston's Console
	// transport does; under Jest these are Jest's buffers, not the process streams).
	const consoleStreams = console as unknown as {
		_stdout?: { write: Writer };
		_stderr?: { write: Writer };
	};
	const streams = new Set<{ write: Writer }>([
		process.stdout as unknown as { write: Writer },
		process.stderr as unknown as { write: Writer },
	]);
	if (consoleStreams._stdout) streams.add(consoleStreams._stdout);
	if (consoleStreams._stderr) streams.add(consoleStreams._stderr);
	// Held back rather than passed through: n8n's debug log is long, and this test reads it.
	for (const stream of streams) {
		const original = stream.write;
		stream.write = ((chunk: unknown) => {
			chunks.push(text(chunk));
			return true;
		}) as Writer;
		restore.push(() => {
			stream.write = original;
		});
	}
	try {
		const value = await work();
		return { value, output: chunks.join('\n') };
	} finally {
		for (const undo of restore.reverse()) undo();
	}
}
