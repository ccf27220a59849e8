import { timingSafeEqual } from 'crypto';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { splitNotification } from '../notifications';
import { destinationName, VERIFICATION_HEADER } from '../registration/identity';
import { readRegistration } from '../registration/state';
import { selectOutputs, type EventFilter } from './filters';

type RequestWithRawBody = ReturnType<IWebhookFunctions['getRequestObject']> & {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
};

const NOT_JSON = Symbol('not JSON');

function sameSecret(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || given.length !== expected.length) return false;
	return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
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
	const url = this.getWebhookResourceUrl('default') ?? this.getNodeWebhookUrl('default') ?? '';
	const name = destinationName(this.getWorkflow().id ?? '', this.getNode().id, url);
	const secret = readRegistration(this.getWorkflowStaticData('node'), name)?.secret;
	if (!secret || !sameSecret(request.headers[VERIFICATION_HEADER.toLowerCase()], secret)) {
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
	const filter: EventFilter = {
		events: this.getNodeParameter('events', ['message', 'status', 'error']) as string[],
		messageTypes: this.getNodeParameter('options.messageTypes', []) as string[],
		statusValues: this.getNodeParameter('options.statusValues', []) as string[],
	};
	const outputs = selectOutputs(splitNotification(body), filter);
	if (outputs.every((items) => items.length === 0)) return {};
	return { workflowData: outputs.map((items) => items.map((json) => ({ json }))) };
}
