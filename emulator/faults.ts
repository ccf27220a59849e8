import { STATUS_CODES } from 'node:http';
import { errorResponse, type ErrorFamily } from './apiResponses';
import type { FaultSpec } from './types';

/** How a faulted call is answered: a JSON or HTML response, or none at all. */
export type FaultAnswer =
	| { kind: 'hang' }
	| { kind: 'html'; status: number; html: string }
	| { kind: 'json'; status: number; body: unknown };

interface ArmedFault {
	spec: FaultSpec;
	remaining: number;
	/** Matching calls still to let through before the fault strikes. */
	skip: number;
}

/** Faults model a proxy or a flaky 360dialog in front of the endpoints, so they match before auth. */
export class FaultRegistry {
	private faults: ArmedFault[] = [];

	add(spec: FaultSpec): void {
		if (typeof spec?.path !== 'string' || !spec.path.startsWith('/')) {
			throw new TypeError('A fault needs a path starting with /');
		}
		const times = spec.times ?? 1;
		if (!(times > 0)) throw new TypeError('A fault needs times > 0');
		this.faults.push({ spec: { ...spec }, remaining: times, skip: spec.after ?? 0 });
	}

	clear(): void {
		this.faults = [];
	}

	/** The first armed fault matching this call, counted down; undefined when none matches. */
	take(method: string, path: string): FaultSpec | undefined {
		const index = this.faults.findIndex(
			({ spec }) =>
				spec.path === path && (!spec.method || spec.method.toUpperCase() === method.toUpperCase()),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.skip > 0) {
			fault.skip -= 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault.spec;
	}
}

export function faultAnswer(spec: FaultSpec, family: ErrorFamily): FaultAnswer {
	if (spec.hang) return { kind: 'hang' };
	if (spec.html) {
		const status = spec.status ?? 502;
		return { kind: 'html', status, html: nginxErrorPage(status) };
	}
	const status = spec.status ?? 500;
	const body = spec.body ?? errorResponse(family, status, STATUS_CODES[status] ?? 'Error').body;
	return { kind: 'json', status, body };
}

// nginx's own wording differs from Node's for a few codes a proxy typically answers.
const NGINX_REASONS: Record<number, string> = { 503: 'Service Temporarily Unavailable' };

/** The page nginx serves when the upstream fails. */
export function nginxErrorPage(status: number): string {
	const title = `${status} ${NGINX_REASONS[status] ?? STATUS_CODES[status] ?? 'Error'}`;
	return (
		`<html><head><title>${title}</title></head><body>` +
		`<center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`
	);
}
