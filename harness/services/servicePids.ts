import { setTimeout as sleep } from 'node:timers/promises';

export function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Sends the signal, waits for the process to go, and kills it after the grace period. */
export async function stopPid(
	pid: number,
	signal: NodeJS.Signals,
	graceMs = 15_000,
): Promise<void> {
	if (!isRunning(pid)) return;
	process.kill(pid, signal);
	const deadline = Date.now() + graceMs;
	while (isRunning(pid) && Date.now() < deadline) await sleep(100);
	if (isRunning(pid)) process.kill(pid, 'SIGKILL');
}
