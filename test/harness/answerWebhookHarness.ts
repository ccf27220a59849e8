import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { WebhookContext } from 'n8n-core';

import { Dialog360 } from '../../nodes/Dialog360/Dialog360.node';
import { ANSWER_WEBHOOKS } from '../../nodes/Dialog360/helpers/answers/answerWebhook';
import { buildAdditionalData } from './additionalData';
import { ACTION_NODE_ID } from './runAction';
import { ACTION_TYPE, nodeTypes } from './nodeTypes';

const actionType = new Dialog360();

/** What the node's webhook() decided for one request. */
export interface AnswerRequest {
	method: string;
	/** The items webhook() hands n8n to resume the execution with; undefined: it resumes nothing. */
	workflowData?: INodeExecutionData[][];
}

export interface AnswerWebhook {
	/** http://127.0.0.1:<port>/webhook-waiting/<execution>/<node id> */
	url: string;
	requests: AnswerRequest[];
	close(): Promise<void>;
}

/**
 * The action node's webhook() as n8n serves it at a waiting execution's resume URL (its
 * WaitingWebhooks, after checking the signature): n8n-core's WebhookContext behind a real HTTP
 * server, with n8n's body parsing (JSON and HTML forms) and its answer for responseMode onReceived
 * (webhookResponse as the body: a string as HTML, an object as JSON). The node's parameters are
 * those of the Send and Wait for Response that waits.
 */
export async function startAnswerWebhook(parameters: INodeParameters): Promise<AnswerWebhook> {
	const node: INode = {
		id: ACTION_NODE_ID,
		name: '360dialog',
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { dialog360Api: { id: 'cred-1', name: '360dialog account' } },
	};
	const requests: AnswerRequest[] = [];
	const server: Server = createServer(async (request, response) => {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim();
		let body: IDataObject = {};
		if (raw && contentType === 'application/json') body = JSON.parse(raw) as IDataObject;
		if (raw && contentType === 'application/x-www-form-urlencoded') {
			body = Object.fromEntries(new URLSearchParams(raw));
		}
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		Object.assign(request, { body, query: Object.fromEntries(url.searchParams) });

		const workflow = new Workflow({
			id: 'wf-action-test',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
		});
		const additionalData = buildAdditionalData(
			{ apiKey: '', hosting: 'custom', baseUrl: '' },
			{ executionId: url.pathname.split('/')[2] },
		);
		additionalData.httpRequest =
			request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse =
			response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const description = ANSWER_WEBHOOKS.find(({ httpMethod }) => httpMethod === request.method)!;
		const webhookData: IWebhookData = {
			httpMethod: request.method as IWebhookData['httpMethod'],
			node: node.name,
			path: node.id,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest: false,
		};
		const context = new WebhookContext(
			workflow,
			workflow.getNode(node.name)!,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		let result;
		try {
			result = await actionType.webhook.call(context);
		} catch (error) {
			response.writeHead(500).end(String((error as Error).message));
			return;
		}
		requests.push({ method: request.method ?? '', workflowData: result.workflowData });
		if (result.noWebhookResponse) return;
		const answer = result.webhookResponse as unknown;
		if (typeof answer === 'string') {
			response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(answer);
		} else {
			response
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify(answer ?? { message: 'Workflow was started' }));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook-waiting/4711/${ACTION_NODE_ID}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
