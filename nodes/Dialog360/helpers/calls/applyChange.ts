import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	asNodeError,
	isFault,
	isRateLimit,
	isTimeout,
	readApiFailure,
} from '../../../shared/failures';
import { pollUntil } from '../../../shared/pollUntil';

const POLL_INTERVAL_MS = 1000;

/** How a resource's configuration is read back while 360dialog applies a change to it. */
export interface ReadBack<T> {
	/** The read, e.g. 'GET /multi_webhook', for errors. */
	readCall: string;
	read: () => Promise<T>;
	/** The reading as the operation's output. */
	output: (reading: T) => IDataObject;
	/** Why a reading confirms nothing either way, if it does not (a 409 instead of a configuration). */
	unclear?: (reading: T) => string | undefined;
	/** The operation that shows the configuration, for errors. */
	checkWith: string;
}

interface Change<T> extends ReadBack<T> {
	/** Sends the change and resolves to 360dialog's answer ("operation has been started"). */
	send: () => Promise<IDataObject>;
	/** Whether the reading shows the change: the URL and headers it set, the name it removed. */
	isApplied: (reading: T) => boolean;
	/** What the read should show, for the error when it does not, e.g. 'destination "crm"'. */
	expected: string;
}

/**
 * Sends a change. 360dialog applies changes seconds later, so with Wait Until Applied the read
 * is repeated (at once, then every second) until the change shows, and its result is the output.
 */
export async function applyChange<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	applyTimeoutMs: number,
	change: Change<T>,
): Promise<IDataObject> {
	const node = context.getNode();
	const waitUntilApplied = context.getNodeParameter('waitUntilApplied', itemIndex, true) as boolean;
	let sendFault: unknown;
	try {
		const answer = await change.send();
		if (!waitUntilApplied) return answer;
	} catch (error) {
		// A refusal (4xx) made nothing. A fault (5xx, gateway page, time-out) may still have been
		// applied: with Wait Until Applied, the read decides; without it, say so.
		if (!isFault(readApiFailure(error))) throw asNodeError(node, error);
		if (!waitUntilApplied) throw mayStillApply(node, error, change);
		sendFault = error;
	}

	const polled = await pollUntil({
		read: change.read,
		until: change.isApplied,
		timeoutMs: applyTimeoutMs,
		intervalMs: POLL_INTERVAL_MS,
		// 360dialog asks to slow down or does not answer in time: keep waiting then.
		onReadError: (error) => {
			const failure = readApiFailure(error);
			if (!isRateLimit(failure) && !isTimeout(failure)) throw readBackFailed(node, error, change);
		},
	});
	if (polled.met) return change.output(polled.value);
	if (sendFault) throw mayStillApply(node, sendFault, change);
	const unclear = polled.value === undefined ? undefined : change.unclear?.(polled.value);
	throw notVisibleYet(node, itemIndex, applyTimeoutMs, change, unclear);
}

/** The send failed in a way that does not say whether 360dialog applied the change. */
function mayStillApply<T>(node: INode, error: unknown, change: Change<T>) {
	if (!(error instanceof NodeApiError)) return asNodeError(node, error);
	return new NodeApiError(node, error.errorResponse ?? {}, {
		message: error.message,
		description:
			`${error.description ?? ''} The change may still be applied: check with the ${change.checkWith} operation before sending it again.`.trim(),
		httpCode: error.httpCode ?? undefined,
	});
}

function readBackFailed<T>(node: INode, error: unknown, change: Change<T>) {
	if (!(error instanceof NodeApiError)) return asNodeError(node, error);
	return new NodeApiError(node, error.errorResponse ?? {}, {
		message: error.message,
		description:
			`360dialog accepted the change, but reading it back with ${change.readCall} failed. ${error.description ?? ''}`.trim(),
		httpCode: error.httpCode ?? undefined,
	});
}

function notVisibleYet<T>(
	node: INode,
	itemIndex: number,
	applyTimeoutMs: number,
	change: Change<T>,
	unclear: string | undefined,
): NodeApiError {
	const why = unclear
		? `${unclear}.`
		: `360dialog applies changes asynchronously (a WABA webhook takes 15-20 s).`;
	return new NodeApiError(
		node,
		{ call: change.readCall },
		{
			message: '360dialog accepted the change, but it is not visible yet',
			description: `After ${applyTimeoutMs / 1000} s, ${change.readCall} still does not show ${change.expected}. ${why} Check later with the ${change.checkWith} operation, or raise Apply Timeout (Seconds) in the node's options.`,
			itemIndex,
		},
	);
}
