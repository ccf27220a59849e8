/**
 * n8n's HTTP helper throws a NodeApiError on every supported n8n, but not the same one: n8n 2.x
 * keeps the HTTP client's error as its cause, n8n 1.123.x keeps no cause and puts the status (or
 * Node's network code) in httpCode and a JSON body in context.data. Both must read the same, or
 * on 1.x every refusal would look like an unreachable host and lose 360dialog's message.
 *
 * The 2.x errors are n8n-workflow 2.41's own NodeApiError around an error shaped as axios throws
 * it. The 1.x ones are what n8n 1.123.81's NodeApiError (n8n-workflow 1.120) carries for the same
 * failures, as read off that runtime (its httpRequest against a local server answering 409, 502,
 * a refused port, a silent one). The 1.x end-to-end tests go through a real n8n 1.123.81 (an
 * activation that reads 360dialog's 409 for a number that never enabled multi-webhook).
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { toApiError } from '../../nodes/shared/apiErrors';
import { failureKind, readApiFailure } from '../../nodes/shared/failures';

const node: INode = {
	id: '1',
	name: '360dialog',
	type: 'n8n-nodes-360dialog.dialog360',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** As n8n 1.123.81's NodeApiError holds a failed request (no cause). */
function n8n1Error(httpCode: string, data?: unknown) {
	return Object.assign(
		new Error('Your request is invalid or could not be processed by the service'),
		{
			httpCode,
			context: data === undefined ? {} : { data },
		},
	);
}

/** n8n 2.x's shape: n8n-workflow 2.41's own NodeApiError around axios' error, kept as its cause. */
function n8n2Error(status: number, data?: unknown) {
	const axiosError = Object.assign(new Error(`Request failed with status code ${status}`), {
		isAxiosError: true,
		response: { status, data },
	});
	return new NodeApiError(node, axiosError as unknown as JsonObject);
}

describe.each([409, 401, 404, 500])('an answer %i', (status) => {
	test('reads the same on n8n 2.x and 1.x', async () => {
		const fromN8n2 = readApiFailure(n8n2Error(status, { error: `answer ${status}` }));
		const fromN8n1 = readApiFailure(n8n1Error(String(status), { error: `answer ${status}` }));
		expect(fromN8n2).toEqual({ status, apiMessage: `answer ${status}`, isHtml: false });
		expect(fromN8n1).toEqual(fromN8n2);
		expect(failureKind(n8n1Error(String(status)))).toBe(failureKind(n8n2Error(status)));
	});
});

test.each(['ECONNREFUSED', 'ECONNABORTED'])(
	"n8n 1.x's network failure %s keeps its code and reads as on 2.x",
	(code) => {
		const n8n2 = new NodeApiError(
			node,
			Object.assign(new Error(`connect ${code}`), { code }) as unknown as JsonObject,
		);
		expect(readApiFailure(n8n1Error(code))).toEqual({ networkCode: code, isHtml: false });
		expect(readApiFailure(n8n1Error(code))).toEqual(readApiFailure(n8n2));
		expect(failureKind(n8n1Error(code))).toBe('fault');
		const fromN8n1 = toApiError(node, n8n1Error(code), 'GET /multi_webhook', 'sk360-x');
		const fromN8n2 = toApiError(node, n8n2, 'GET /multi_webhook', 'sk360-x');
		expect([fromN8n1.message, fromN8n1.description]).toEqual([
			fromN8n2.message,
			fromN8n2.description,
		]);
	},
);

test("n8n 1.x's refusal becomes the node's error in 360dialog's words", () => {
	const error = toApiError(
		node,
		n8n1Error('409', { error: 'Multi-webhook is not enabled for this number' }),
		'GET /multi_webhook',
		'sk360-x',
	);
	expect(error).toBeInstanceOf(NodeApiError);
	expect(`${error.message} ${error.description ?? ''}`).toContain(
		'Multi-webhook is not enabled for this number',
	);
	expect(readApiFailure(error)).toMatchObject({ status: 409 });
});

test("n8n 1.x's 502 without a body is a fault, as on 2.x", () => {
	expect(readApiFailure(n8n1Error('502'))).toEqual({ status: 502, isHtml: false });
	expect(failureKind(n8n1Error('502'))).toBe('fault');
});
