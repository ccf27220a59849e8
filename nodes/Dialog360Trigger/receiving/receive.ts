import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { calledUrlMatcher } from '../../shared/n8nCompat';
import { withPlaceholderForLegacyOrder } from '../afterReceipt/legacyOrder';
import { splitNotification } from '../notifications';
import { VERIFICATION_HEADER } from '../registration/identity';
import { allRegistrations } from '../registration/state';
import { selectOutputs, type EventFilter } from './filters';
import { matchesAny, warnNoSecret } from './secretCheck';

type RequestWithRawBody = ReturnType<IWebhookFunctions['getRequestObject']> & {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
};

const NOT_JSON = Symbol('not JSON');

/**
 * The secrets this node registered for the URL being called (test or production). Matched by
 * path, not by destination name, so that a moved N8N_WEBHOOK_URL still finds it.
 */
function secretsFor(context: IWebhookFunctions): string[] {
	const isCalledUrl = calledUrlMatcher(context);
	return allRegistrations(context.getWorkflowStaticData('node'))
		.filter((registration) => isCalledUrl(registration.url))
		.map((registration) => registration.secret);
}

/** n8n has already parsed a JSON body; anything else is parsed here, once, from the raw bytes. */
function jsonBodyOf(request: RequestWithRawBody): unknown {
	const raw = request.rawBody;
	if (
		/json/i.test(request.headers['content-type'] ?? '') &&
		raw?.length &&
		request.body !== undefined
	) {
		return request.body;
	}
	const text = raw?.toString('utf8') ?? (typeof request.body === 'string' ? request.body : '');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/**
 * Answers at once and hands the workflow one item per message, status and error. Only 360dialog
 * knows the secret header it was given at registration; anyone else gets 401 and starts nothing.
 */
export async function receiveNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as RequestWithRawBody;
	const response = this.getResponseObject();
	const secrets = secretsFor(this);
	if (secrets.length === 0) warnNoSecret(this);
	if (!matchesAny(request.headers[VERIFICATION_HEADER.toLowerCase()], secrets)) {
		response.writeHead(401, { 'content-type': 'application/json' });
		response.end('{"error":"Unauthorized"}');
		return { noWebhookResponse: true };
	}
	// From version 1.1, n8n leaves a body it does not parse itself (no or an unknown content type)
	// unread: read it, so a notification is accepted whatever content type it came with.
	if (request.rawBody === undefined && request.readRawBody) await request.readRawBody();
	const body = jsonBodyOf(request);
	if (body === NOT_JSON) {
		response.writeHead(400, { 'content-type': 'application/json' });
		response.end('{"error":"The body is not JSON"}');
		return { noWebhookResponse: true };
	}
	// One read of the options, not one per field: each getNodeParameter resolves, validates and
	// copies its value, and this runs on every request before the answer.
	const options = this.getNodeParameter('options', {}) as {
		messageTypes?: string[];
		statusValues?: string[];
	};
	const filter: EventFilter = {
		events: this.getNodeParameter('events', ['message', 'status', 'error']) as string[],
		messageTypes: options.messageTypes ?? [],
		statusValues: options.statusValues ?? [],
	};
	const outputs = selectOutputs(splitNotification(body), filter);
	if (outputs.every((items) => items.length === 0)) return {};
	// The items go on to execute() (afterReceipt), which n8n runs once 360dialog has its 200.
	return {
		workflowData: withPlaceholderForLegacyOrder(outputs, this.getWorkflowSettings()).map((items) =>
			items.map((json) => ({ json })),
		),
	};
}
