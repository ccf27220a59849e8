import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../parameters/invalidParameter';

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 15;
export const DEFAULT_APPLY_TIMEOUT_SECONDS = 30;

interface CallOptions {
	requestTimeoutMs: number;
	applyTimeoutMs: number;
}

/** The Options collection; expressions can bypass the UI's minimum, so the values are checked. */
export function readOptions(context: IExecuteFunctions, itemIndex: number): CallOptions {
	const scope = { node: context.getNode(), itemIndex };
	const {
		requestTimeout = DEFAULT_REQUEST_TIMEOUT_SECONDS,
		applyTimeout = DEFAULT_APPLY_TIMEOUT_SECONDS,
	} = context.getNodeParameter('options', itemIndex, {}) as {
		requestTimeout?: number;
		applyTimeout?: number;
	};
	if (!(requestTimeout > 0)) {
		throw invalidParameter(
			scope,
			`Invalid Request Timeout (Seconds) "${requestTimeout}"`,
			'Enter a number of seconds above 0.',
		);
	}
	if (!(applyTimeout >= 0)) {
		throw invalidParameter(
			scope,
			`Invalid Apply Timeout (Seconds) "${applyTimeout}"`,
			'Enter a number of seconds, 0 or more.',
		);
	}
	return { requestTimeoutMs: requestTimeout * 1000, applyTimeoutMs: applyTimeout * 1000 };
}
