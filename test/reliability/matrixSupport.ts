import {
	startEmulator,
	type Emulator,
	type FaultSpec,
	type MultiWebhookState,
	type Webhook,
} from '../../emulator';
import { testApiKey } from '../harness/testKeys';
import { FAULT_KINDS as SHARED_FAULT_KINDS } from './faultKinds';

/**
 * What the fault matrix needs besides its tables: the fault kinds, the call positions of a call
 * list, a snapshot of everything 360dialog holds for the number, and a pool of emulators so that
 * the cases (most of which wait for a time-out) can run side by side.
 */

export type FaultKindName = '401' | '555' | 'html502' | 'hang' | 'lostAnswer';

export interface FaultKind {
	spec: Omit<FaultSpec, 'path' | 'method' | 'after'>;
	/** What the error message must say, given the call that failed ("POST /multi_webhook"). */
	message: (call: string) => RegExp;
	/** Only for calls that change something: the change lands, the answer is lost. */
	writesOnly?: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The shared fault (its body, its status), from the one table both older matrices use too. */
function shared(kind: string) {
	const found = SHARED_FAULT_KINDS.find((fault) => fault.kind === kind);
	if (!found) throw new Error(`faultKinds.ts has no fault kind "${kind}"`);
	return { spec: found.spec, writesOnly: found.writesOnly };
}

/** Each fault kind, and the exact message it must cause: 360dialog's words and the call's name. */
export const FAULT_KINDS: Record<FaultKindName, FaultKind> = {
	'401': {
		...shared('401'),
		message: () => /^360dialog rejected the API key \(401: Unauthorized\)$/,
	},
	'555': {
		...shared('555 (snake_case meta)'),
		message: (call) =>
			new RegExp(`^360dialog refused ${escape(call)} \\(555: Internal server error\\)$`),
	},
	html502: {
		...shared('HTML 502'),
		message: (call) => new RegExp(`^360dialog's gateway failed on ${escape(call)} \\(502\\)$`),
	},
	hang: {
		...shared('hang'),
		message: (call) => new RegExp(`^360dialog did not answer ${escape(call)} in time$`),
	},
	lostAnswer: {
		...shared('lost answer'),
		message: (call) => new RegExp(`^360dialog refused ${escape(call)} \\(500: Internal error\\)$`),
	},
};

export const FAULT_NAMES = Object.keys(FAULT_KINDS) as FaultKindName[];

export interface CallPosition {
	/** "METHOD /path" as the table writes it. */
	call: string;
	method: string;
	path: string;
	/** Index in the call list. */
	index: number;
	/** Earlier calls with the same method and path: the fault lets that many through. */
	after: number;
	isWrite: boolean;
}

/** Each call of the list with how many identical calls come before it. */
export function callPositions(calls: string[]): CallPosition[] {
	const seen = new Map<string, number>();
	return calls.map((call, index) => {
		const [method, path] = call.split(' ');
		const after = seen.get(call) ?? 0;
		seen.set(call, after + 1);
		return { call, method, path, index, after, isWrite: method !== 'GET' };
	});
}

/** The fault kinds that apply to a call: the lost answer only where something is written. */
export function faultsFor(position: CallPosition): FaultKindName[] {
	return FAULT_NAMES.filter((name) => position.isWrite || !FAULT_KINDS[name].writesOnly);
}

/**
 * One test case per (call position x fault kind that applies there) of each subject:
 * [label, subject, position, fault], labelled `<label>: <fault> at call <n> (<call>)`.
 */
export function faultCasesOf<T>(
	subjects: T[],
	label: (subject: T) => string,
	calls: (subject: T) => string[],
) {
	return subjects.flatMap((subject) =>
		callPositions(calls(subject)).flatMap((position) =>
			faultsFor(position).map(
				(fault) =>
					[
						`${label(subject)}: ${fault} at call ${position.index + 1} (${position.call})`,
						subject,
						position,
						fault,
					] as const,
			),
		),
	);
}

export function faultSpec(position: CallPosition, fault: FaultKindName): FaultSpec {
	return {
		path: position.path,
		method: position.method,
		after: position.after,
		...FAULT_KINDS[fault].spec,
	};
}

/** Everything 360dialog holds for the number, as applied. */
export interface World {
	multiWebhook: MultiWebhookState;
	phoneNumberWebhook: Webhook | null;
	wabaWebhook: Webhook | null;
}

export function snapshot(emulator: Emulator): World {
	return {
		multiWebhook: emulator.multiWebhook(),
		phoneNumberWebhook: emulator.phoneNumberWebhook(),
		wabaWebhook: emulator.wabaWebhook(),
	};
}

export const callsOf = (emulator: Emulator) =>
	emulator.requests.map(({ method, path }) => `${method} ${path}`);

/** Emulators handed to one case at a time; each case resets the one it gets. */
export class EmulatorPool {
	private readonly all: Emulator[] = [];

	private started = 0;

	private readonly free: Emulator[] = [];

	private readonly waiting: Array<(emulator: Emulator) => void> = [];

	constructor(
		private readonly size: number,
		private readonly purpose: string,
	) {}

	async use<T>(work: (emulator: Emulator) => Promise<T>): Promise<T> {
		const emulator = await this.acquire();
		try {
			emulator.reset();
			return await work(emulator);
		} finally {
			this.release(emulator);
		}
	}

	async close() {
		await Promise.all(this.all.map(async (emulator) => await emulator.close()));
	}

	private async acquire(): Promise<Emulator> {
		const free = this.free.pop();
		if (free) return free;
		if (this.started < this.size) {
			this.started += 1;
			const emulator = await startEmulator({ apiKey: testApiKey(this.purpose), applyDelayMs: 0 });
			this.all.push(emulator);
			return emulator;
		}
		return await new Promise((resolve) => this.waiting.push(resolve));
	}

	private release(emulator: Emulator) {
		emulator.reset();
		const next = this.waiting.shift();
		if (next) next(emulator);
		else this.free.push(emulator);
	}
}
