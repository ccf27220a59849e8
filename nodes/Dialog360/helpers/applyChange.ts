import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { isRateLimit, isTimeout, readApiFailure } from '../../shared/apiErrors';
import { asNodeError } from '../../shared/nodeErrors';

const POLL_INTERVAL_MS = 1000;

interface Change<T extends IDataObject> {
	/** Sends the change and resolves to 360dialog's answer ("operation has been started"). */
	send: () => Promise<IDataObject>;
	/** The read that shows the configuration as applied, e.g. 'GET /multi_webhook'. */
	readCall: string;
	read: () => Promise<T>;
	isApplied: (configuration: T) => boolean;
	/** What the read should show, for the error when it does not, e.g. 'destination "crm"'. */
	expected: string;
	/** The operation that shows the configuration, for the same error. */
	checkWith: string;
}

/**
 * Sends a change. 360dialog applies changes seconds later, so with Wait Until Applied the read
 * is repeated (at once, then every second) until the change shows, and its result is the output.
 */
export async function applyChange<T extends IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	applyTimeoutMs: number,
	change: Change<T>,
): Promise<IDataObject> {
	const waitUntilApplied = context.getNodeParameter('waitUntilApplied', itemIndex, true) as boolean;
	let sendFault: unknown;
	try {
		const answer = await change.send();
		if (!waitUntilApplied) return answer;
	} catch (error) {
		// A refusal (4xx) made nothing. A fault (5xx, gateway page, time-out) may still have been
		// applied: with Wait Until Applied, the read decides; without it, say so.
		if (!isFault(error)) throw asNodeError(context.getNode(), error);
		if (!waitUntilApplied) throw mayStillApply(context.getNode(), error, change);
		sendFault = error;
	}

	const deadline = Date.now() + applyTimeoutMs;
	for (;;) {
		const configuration = await readWhileWaiting(context.getNode(), change);
		if (configuration && change.isApplied(configuration)) return configuration;
		const left = deadline - Date.now();
		if (left <= 0) {
			if (sendFault) throw mayStillApply(context.getNode(), sendFault, change);
			throw notVisibleYet(context.getNode(), itemIndex, applyTimeoutMs, change);
		}
		await sleep(Math.min(POLL_INTERVAL_MS, left));
	}
}

function isFault(error: unknown): boolean {
	const failure = readApiFailure(error);
	return failure.status === undefined ? failure.networkCode !== undefined : failure.status >= 500;
}

/** The send failed in a way that does not say whether 360dialog applied the change. */
function mayStillApply<T extends IDataObject>(node: INode, error: unknown, change: Change<T>) {
	if (!(error instanceof NodeApiError)) return asNodeError(node, error);
	return new NodeApiError(node, error.errorResponse ?? {}, {
		message: error.message,
		description:
			`${error.description ?? ''} The change may still be applied: check with the ${change.checkWith} operation before sending it again.`.trim(),
		httpCode: error.httpCode ?? undefined,
	});
}

/** undefined when 360dialog asks to slow down or does not answer in time: keep waiting then. */
async function readWhileWaiting<T extends IDataObject>(
	node: INode,
	change: Change<T>,
): Promise<T | undefined> {
	try {
		return await change.read();
	} catch (error) {
		const failure = readApiFailure(error);
		if (isRateLimit(failure) || isTimeout(failure)) return undefined;
		if (!(error instanceof NodeApiError)) throw asNodeError(node, error);
		throw new NodeApiError(node, error.errorResponse ?? {}, {
			message: error.message,
			description:
				`360dialog accepted the change, but reading it back with ${change.readCall} failed. ${error.description ?? ''}`.trim(),
			httpCode: error.httpCode ?? undefined,
		});
	}
}

function notVisibleYet<T extends IDataObject>(
	node: INode,
	itemIndex: number,
	applyTimeoutMs: number,
	change: Change<T>,
): NodeApiError {
	return new NodeApiError(
		node,
		{ call: change.readCall },
		{
			message: '360dialog accepted the change, but it is not visible yet',
			description: `After ${applyTimeoutMs / 1000} s, ${change.readCall} still does not show ${change.expected}. 360dialog applies changes asynchronously (a WABA webhook takes 15-20 s). Check later with the ${change.checkWith} operation, or raise Apply Timeout (Seconds) in the node's options.`,
			itemIndex,
		},
	);
}
