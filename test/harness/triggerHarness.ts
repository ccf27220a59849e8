import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type { InstanceSettings } from 'n8n-core';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';

import { Dialog360Trigger } from '../../nodes/Dialog360Trigger/Dialog360Trigger.node';
import {
	buildAdditionalData,
	WEBHOOK_BASE_URL,
	type Dialog360CredentialData,
} from './additionalData';
import { newDatabase, useDatabase } from './processedItems';
import { nodeTypes, TRIGGER_TYPE } from './nodeTypes';

export type WebhookMode = 'production' | 'test';

export interface Execution {
	mode: WebhookMode;
	/** What the trigger handed the workflow: execute()'s outputs (Messages, Statuses, Errors). */
	outputs: INodeExecutionData[][];
	/** The error the trigger's execute() ended with, as n8n records it on the run. */
	error?: Error;
	/** When the 200 went out, and when the trigger's execute() began and ended (Date.now()). */
	answeredAt: number;
	startedAt: number;
	finishedAt: number;
}

const triggerType = new Dialog360Trigger();

/** The n8n instance a harness stands for unless told otherwise. */
export const DEFAULT_INSTANCE_ID = 'harness-instance-a';
const webhookDescription = triggerType.description.webhooks![0] as IWebhookDescription;

/**
 * One workflow with a 360dialog Trigger, driven as n8n drives it: checkExists/create/delete
 * through n8n-core's HookContext (with n8n's calling order and its delete-after-failed-create),
 * webhook() through WebhookContext behind a real HTTP server, answering before the execution,
 * and the execution that follows through WorkflowExecute (the trigger's execute()). Static data is serialised
 * between calls, as n8n stores it in its database, so nothing may live in process memory.
 */
export class TriggerHarness {
	/** Finished executions, in the order they finished; idle() waits for the running ones. */
	readonly executions: Execution[] = [];

	private readonly running = new Set<Promise<void>>();

	private storedStaticData = '{}';

	private server?: Server;

	readonly node: INode;

	constructor(
		private readonly options: {
			credentials: Dialog360CredentialData;
			workflowId?: string;
			nodeId?: string;
			webhookId?: string;
			typeVersion?: number;
			parameters?: INodeParameters;
			webhookBaseUrl?: string;
			/** Which n8n instance this is (n8n's getInstanceId()). Default: DEFAULT_INSTANCE_ID. */
			instanceId?: string;
			/**
			 * The workflow's execution order: 'v1' (default), what n8n gives every workflow made in
			 * its editor, or 'legacy', for workflows saved without one (imported from older n8n).
			 */
			executionOrder?: 'v1' | 'legacy';
			/**
			 * Which n8n-core's webhook context webhook() gets: '2.x' (default, this n8n-core) or '1.x',
			 * the same context without getWebhookResourceUrl, which n8n 1.123.x does not have.
			 */
			webhookContextOf?: '2.x' | '1.x';
		},
	) {
		this.node = {
			id: options.nodeId ?? '5e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
			name: '360dialog Trigger',
			type: TRIGGER_TYPE,
			typeVersion: options.typeVersion ?? 1.1,
			position: [0, 0],
			webhookId: options.webhookId ?? 'c0ffee00-1234-4abc-8def-000000000360',
			parameters: options.parameters ?? {},
			credentials: { dialog360Api: { id: 'cred-1', name: '360dialog account' } },
		};
	}

	get workflowId() {
		return this.options.workflowId ?? 'wfTrigger01';
	}

	get instanceId(): string {
		return this.options.instanceId ?? DEFAULT_INSTANCE_ID;
	}

	get staticData(): IDataObject {
		return JSON.parse(this.storedStaticData) as IDataObject;
	}

	/** As if the workflow had been saved with this static data (by an earlier package version, say). */
	seedStaticData(staticData: IDataObject) {
		this.storedStaticData = JSON.stringify(staticData);
	}

	setCredentials(credentials: Dialog360CredentialData) {
		this.options.credentials = credentials;
	}

	/** The URL n8n would register: production `/webhook/...` or test `/webhook-test/...`. */
	webhookUrl(mode: WebhookMode): string {
		const base = this.options.webhookBaseUrl ?? WEBHOOK_BASE_URL;
		return `${base}${mode === 'test' ? 'webhook-test' : 'webhook'}/${this.node.webhookId}/webhook`;
	}

	/**
	 * What n8n 2.41's WebhookTriggerRegistrar.register does: checkExists(), create() when it says
	 * false, and delete() when either throws (with the same, unsaved static data).
	 */
	async activate(mode: WebhookMode = 'production'): Promise<'existed' | 'created'> {
		try {
			if (await this.runHook('checkExists', mode)) return 'existed';
			await this.runHook('create', mode);
		} catch (error) {
			await this.runHook('delete', mode).catch(() => undefined);
			throw error;
		}
		return 'created';
	}

	async deactivate(mode: WebhookMode = 'production') {
		return await this.runHook('delete', mode);
	}

	async runHook(method: 'checkExists' | 'create' | 'delete', mode: WebhookMode): Promise<boolean> {
		const workflow = this.workflow();
		const additionalData = buildAdditionalData(this.options.credentials, this.baseUrlOption());
		const executeMode: WorkflowExecuteMode =
			method === 'delete' ? 'internal' : mode === 'test' ? 'manual' : 'trigger';
		const activation: WorkflowActivateMode =
			method === 'delete' ? 'update' : mode === 'test' ? 'manual' : 'activate';
		const context = this.onThisInstance(
			new HookContext(
				workflow,
				workflow.getNode(this.node.name)!,
				additionalData,
				executeMode,
				activation,
				this.webhookData(workflow, additionalData, mode),
			),
		);
		let returned = false;
		try {
			const result = await triggerType.webhookMethods.default[method].call(context);
			returned = true;
			return result;
		} finally {
			// n8n saves the static data after delete() only when it returns (deregisterWebhooks in
			// 2.x, clearWebhooks in 1.x): a throwing delete() loses what it noted.
			if (returned || method !== 'delete') {
				this.storedStaticData = JSON.stringify(workflow.staticData);
			}
		}
	}

	/** Serves both webhook paths on a loopback port, answering as n8n does for responseMode onReceived. */
	async listen(): Promise<number> {
		this.server = createServer((request, response) => {
			void this.handle(request, response);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return (this.server.address() as AddressInfo).port;
	}

	/** Where listen() serves a webhook URL locally, bypassing 360dialog (as a stranger would post). */
	localWebhookUrl(mode: WebhookMode = 'production'): string {
		const port = (this.server?.address() as AddressInfo | null)?.port;
		if (!port) throw new Error('listen() first');
		return this.webhookUrl(mode).replace(/^https:\/\/[^/]+\//, `http://127.0.0.1:${port}/`);
	}

	/** Stops serving, once the running executions have finished. */
	async close() {
		await this.idle();
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server!.close(resolve));
	}

	private async handle(request: IncomingMessage, response: ServerResponse) {
		const mode: WebhookMode | undefined = request.url?.startsWith('/webhook-test/')
			? 'test'
			: request.url?.startsWith('/webhook/')
				? 'production'
				: undefined;
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		if (!mode || request.method !== 'POST') {
			response.writeHead(404).end();
			return;
		}
		// n8n's body parser: JSON and text are parsed before the node runs; a broken JSON body is 422.
		// Other bodies are left for the node to read (readRawBody), as n8n does for node versions > 1.
		const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim();
		let body: unknown = {};
		if (rawBody.length && contentType === 'application/json') {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				response.writeHead(422).end('{"message":"Failed to parse request body"}');
				return;
			}
		} else if (rawBody.length && contentType === 'text/plain') {
			body = rawBody.toString('utf8');
		}
		const parsedByN8n = contentType === 'application/json' || contentType === 'text/plain';
		Object.assign(request, {
			body,
			...(parsedByN8n ? { rawBody } : {}),
			readRawBody: async () => Object.assign(request, { rawBody }),
		});
		const workflow = this.workflow();
		const additionalData = buildAdditionalData(this.options.credentials, this.baseUrlOption());
		additionalData.httpRequest =
			request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse =
			response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const webhookData = this.webhookData(workflow, additionalData, mode);
		const context = this.onThisInstance(
			new WebhookContext(
				workflow,
				workflow.getNode(this.node.name)!,
				additionalData,
				mode === 'test' ? 'manual' : 'webhook',
				webhookData,
				[],
				null,
			),
		);
		if (this.options.webhookContextOf === '1.x') {
			Object.defineProperty(context, 'getWebhookResourceUrl', { value: undefined });
		}
		let result;
		try {
			result = await triggerType.webhook.call(context);
		} catch (error) {
			response.writeHead(500).end(String((error as Error).message));
			return;
		}
		if (result.noWebhookResponse) return;
		response.writeHead(200).end();
		const answeredAt = Date.now();
		if (!result.workflowData) return;
		const execution = this.execute(mode, result.workflowData, answeredAt).then((done) => {
			this.executions.push(done);
		});
		this.running.add(execution);
		void execution.finally(() => this.running.delete(execution));
	}

	/** Resolves once every execution started so far has finished. */
	async idle(): Promise<void> {
		while (this.running.size > 0) await Promise.all(this.running);
	}

	/**
	 * What n8n does with webhook()'s outputs (webhook-helpers' prepareExecutionData): an execution
	 * through n8n-core's WorkflowExecute with the trigger on the stack and those outputs as its
	 * input, so the trigger's execute() runs as its first step, after the 200.
	 */
	private async execute(
		mode: WebhookMode,
		workflowData: INodeExecutionData[][],
		answeredAt: number,
	): Promise<Execution> {
		const startedAt = Date.now();
		const workflow = this.workflow();
		const executeMode: WorkflowExecuteMode = mode === 'test' ? 'manual' : 'webhook';
		const hooks = new ExecutionLifecycleHooks(executeMode, 'test-execution', {
			id: workflow.id,
			name: 'trigger test',
			active: true,
			isArchived: false,
			nodes: [this.node],
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		});
		const additionalData = buildAdditionalData(this.options.credentials, {
			...this.baseUrlOption(),
			hooks,
		});
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: workflow.getNode(this.node.name)!, data: { main: workflowData }, source: null },
				],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			executeMode,
			runExecutionData,
		).processRunExecutionData(workflow);
		const task = run.data.resultData.runData[this.node.name]?.[0];
		return {
			mode,
			outputs: (task?.data?.main ?? []).map((items) => items ?? []),
			error: (task?.error ?? run.data.resultData.error) as Error | undefined,
			answeredAt,
			startedAt,
			finishedAt: Date.now(),
		};
	}

	/**
	 * n8n-core reads the instance id from the process's one InstanceSettings; a second n8n
	 * instance is a second process. Each harness stands for one, with its own settings object.
	 */
	private onThisInstance<T extends HookContext | WebhookContext>(context: T): T {
		const shared = (context as unknown as { instanceSettings: InstanceSettings }).instanceSettings;
		Object.defineProperty(context, 'instanceSettings', {
			value: Object.assign(Object.create(shared) as InstanceSettings, {
				instanceId: this.instanceId,
			}),
		});
		return context;
	}

	private baseUrlOption() {
		return this.options.webhookBaseUrl ? { webhookBaseUrl: this.options.webhookBaseUrl } : {};
	}

	/** This n8n instance's database: what Drop Redeliveries has seen (see processedItems.ts). */
	readonly database = newDatabase();

	private workflow(): Workflow {
		const settings: IWorkflowSettings =
			this.options.executionOrder === 'legacy' ? {} : { executionOrder: 'v1' };
		const workflow = new Workflow({
			id: this.workflowId,
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(this.storedStaticData) as IDataObject,
			settings,
		});
		useDatabase(workflow, this.database);
		return workflow;
	}

	private webhookData(
		workflow: Workflow,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: WebhookMode,
	): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest: mode === 'test',
		};
	}
}
