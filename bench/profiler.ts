import { request, WebSocket } from 'undici';

import { waitFor } from '../harness/n8n';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
	timeDeltas?: number[];
}

/** The V8 sampling profiler of a process started with --inspect, over the DevTools protocol. */
export class InspectorProfiler {
	private nextId = 1;
	private readonly pending = new Map<
		number,
		(message: { result?: unknown; error?: unknown }) => void
	>();

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event) => {
			const message = JSON.parse(String(event.data)) as {
				id?: number;
				result?: unknown;
				error?: unknown;
			};
			if (message.id !== undefined) this.pending.get(message.id)?.(message);
		});
	}

	static async attach(port: number): Promise<InspectorProfiler> {
		const targets = await waitFor(`the inspector on port ${port}`, async () => {
			const response = await request(`http://127.0.0.1:${port}/json/list`);
			return (await response.body.json()) as Array<{ webSocketDebuggerUrl: string }>;
		});
		const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
		await new Promise<void>((resolve, reject) => {
			socket.addEventListener('open', () => resolve());
			socket.addEventListener('error', () => reject(new Error('inspector connection failed')));
		});
		const profiler = new InspectorProfiler(socket);
		await profiler.send('Profiler.enable');
		await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
		return profiler;
	}

	private send<T>(method: string, params: object = {}): Promise<T> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, (message) => {
				this.pending.delete(id);
				if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
				else resolve(message.result as T);
			});
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	async start(): Promise<void> {
		await this.send('Profiler.start');
	}

	async stop(): Promise<CpuProfile> {
		return (await this.send<{ profile: CpuProfile }>('Profiler.stop')).profile;
	}

	/**
	 * V8's used heap right after a full collection, in MiB: what the process really keeps, without
	 * the garbage RSS still holds until the collector runs (a leak shows here as a steady rise).
	 */
	async heapAfterCollectionMiB(): Promise<number> {
		await this.send('HeapProfiler.collectGarbage');
		const { usedSize } = await this.send<{ usedSize: number }>('Runtime.getHeapUsage');
		return usedSize / 2 ** 20;
	}

	close(): void {
		this.socket.close();
	}
}

export interface ProfileSummary {
	/** Milliseconds of samples that were not idle, garbage collection included. */
	busyMs: number;
	idleMs: number;
	/** Functions by self time. */
	top: Array<{ name: string; ms: number }>;
	/** Inclusive time of every frame whose function name or script matches one of the patterns. */
	inclusive: Record<string, number>;
}

const shortUrl = (url: string) =>
	url
		.replace(/^.*\/node_modules\//, '')
		.replace(/^file:\/\//, '')
		.replace(/^.*\/\.n8n\/nodes\//, '');

/** Self time per function and inclusive time of the frames matching `patterns`. */
export function summarize(
	profile: CpuProfile,
	patterns: Record<string, RegExp>,
	top = 25,
): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const selfMs = new Map<number, number>();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let i = 0; i < samples.length; i++) {
		// A sample's duration is the delta to the next one.
		const ms = (deltas[i + 1] ?? 0) / 1000;
		selfMs.set(samples[i], (selfMs.get(samples[i]) ?? 0) + ms);
	}
	let idleMs = 0;
	let busyMs = 0;
	const bySelf = new Map<string, number>();
	const inclusive: Record<string, number> = Object.fromEntries(
		Object.keys(patterns).map((k) => [k, 0]),
	);
	for (const [id, ms] of selfMs) {
		const node = byId.get(id);
		if (!node) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)' || functionName === '(program)') {
			idleMs += functionName === '(idle)' ? ms : 0;
			if (functionName === '(idle)') continue;
		}
		busyMs += ms;
		const name = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
		bySelf.set(name, (bySelf.get(name) ?? 0) + ms);
		// Count each pattern once per stack, however many of its frames the stack holds.
		const matched = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at)?.callFrame;
			if (!frame) break;
			for (const [key, pattern] of Object.entries(patterns)) {
				if (!matched.has(key) && pattern.test(`${frame.functionName} ${frame.url}`))
					matched.add(key);
			}
		}
		for (const key of matched) inclusive[key] += ms;
	}
	return {
		busyMs,
		idleMs,
		top: [...bySelf.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, ms]) => ({ name, ms })),
		inclusive,
	};
}
