import { request } from 'undici';
import { unflatten } from './flatted';
import { waitFor } from './waitFor';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished?: boolean;
	createdAt: string;
	startedAt: string | null;
	stoppedAt: string | null;
}

export interface ExecutionPage {
	count: number;
	/** Newest first. */
	results: ExecutionSummary[];
}

export interface NodeRun {
	executionStatus?: string;
	/** How long the node ran, in milliseconds (n8n's own measure). */
	executionTime?: number;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export interface ExecutionDetails extends ExecutionSummary {
	runData: Record<string, NodeRun[]>;
	lastNodeExecuted?: string;
	error?: { message?: string };
}

export interface PublicationStatus {
	status: string;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export class RestError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${path} -> ${status}: ${body.slice(0, 1000)}`);
	}
}

/**
 * n8n's internal REST API (/rest), as the editor uses it: a session cookie bound to a browser id.
 * Where n8n 1.x and 2.x differ (publication status, the manual-run body), it speaks each one's.
 */
export class N8nRest {
	private cookie = '';

	private readonly browserId = `e2e-${Math.random().toString(36).slice(2)}`;

	/** @param major n8n's major line: 1 or 2. */
	constructor(
		readonly baseUrl: string,
		readonly major = 2,
	) {}

	async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
		const response = await request(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			headersTimeout: 60_000,
			bodyTimeout: 60_000,
		});
		const text = await response.body.text();
		const setCookie = response.headers['set-cookie'];
		for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
			const pair = line.split(';')[0];
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		if (response.statusCode >= 400) throw new RestError(method, path, response.statusCode, text);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** The first owner of a fresh instance; logs in as a side effect. */
	async setupOwner(owner: Owner): Promise<void> {
		await this.call('POST', '/owner/setup', owner);
	}

	async login(owner: Pick<Owner, 'email' | 'password'>): Promise<void> {
		await this.call('POST', '/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	async workflow(id: string) {
		return await this.call<{ id: string; versionId: string; active: boolean }>(
			'GET',
			`/workflows/${id}`,
		);
	}

	/** Saves a changed draft (what the editor's Save does); publish it with activate(). */
	async updateWorkflow(id: string, change: { nodes: object[] }): Promise<void> {
		await this.call('PATCH', `/workflows/${id}`, change);
	}

	/** Publishes the current version; n8n calls the trigger's checkExists() and create(). */
	async activate(id: string): Promise<void> {
		const { versionId } = await this.workflow(id);
		this.refusedActivations.delete(id);
		try {
			await this.call('POST', `/workflows/${id}/activate`, { versionId });
		} catch (error) {
			// n8n 1.x runs create() within the call and answers 400 with the trigger's error, where
			// 2.x answers 200 and reports it in the publication status: keep it for that.
			if (this.major !== 1 || !(error instanceof RestError) || error.status !== 400) throw error;
			this.refusedActivations.set(id, (JSON.parse(error.body) as { message: string }).message);
		}
	}

	/** n8n 1.x: the error of the last activation it refused, per workflow (see activate()). */
	private readonly refusedActivations = new Map<string, string>();

	/** Unpublishes; n8n calls the trigger's delete(). */
	async deactivate(id: string): Promise<void> {
		await this.call('POST', `/workflows/${id}/deactivate`, {});
	}

	/**
	 * n8n 2.x's publication status. n8n 1.x has none: there the same answer comes from the
	 * workflow's active flag and its activation error (what the editor shows beside the toggle).
	 */
	async publicationStatus(id: string): Promise<PublicationStatus> {
		if (this.major >= 2) {
			return await this.call<PublicationStatus>('GET', `/workflows/${id}/publication-status`);
		}
		const [{ active }, error] = await Promise.all([
			this.workflow(id),
			this.call<string | null>('GET', `/active-workflows/error/${id}`),
		]);
		const refused = active ? undefined : this.refusedActivations.get(id);
		const errorMessage = (typeof error === 'string' && error !== '' ? error : refused) ?? null;
		const failed = errorMessage !== null;
		return {
			status: failed ? 'failed' : active ? 'published' : 'unpublished',
			triggers: [
				{
					nodeId: '',
					status: failed ? 'failed' : active ? 'activated' : 'deactivated',
					errorMessage,
				},
			],
		};
	}

	/** How many executions the workflow has, and the newest 100 (the most n8n lists at once). */
	async executions(workflowId: string): Promise<ExecutionPage> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		return await this.call<ExecutionPage>('GET', `/executions?filter=${filter}&limit=100`);
	}

	async execution(id: string): Promise<ExecutionDetails> {
		const raw = await this.call<ExecutionSummary & { data: string }>('GET', `/executions/${id}`);
		const data = unflatten(raw.data) as {
			resultData: {
				runData: Record<string, NodeRun[]>;
				lastNodeExecuted?: string;
				error?: { message?: string };
			};
		};
		const { data: _flat, ...summary } = raw;
		return { ...summary, ...data.resultData };
	}

	/**
	 * The editor's "Execute workflow" from a trigger node. n8n 1.x also wants the workflow itself
	 * in the body; 2.x reads the saved one.
	 */
	async startManually(workflowId: string, triggerName: string) {
		const workflowData =
			this.major === 1 ? await this.call<object>('GET', `/workflows/${workflowId}`) : undefined;
		return await this.call<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${workflowId}/run`,
			{ triggerToStartFrom: { name: triggerName }, ...(workflowData ? { workflowData } : {}) },
		);
	}

	/** "Execute workflow" from the given trigger node; resolves with the finished execution. */
	async runManually(workflowId: string, triggerName: string): Promise<ExecutionDetails> {
		const started = await this.startManually(workflowId, triggerName);
		const executionId = started.executionId;
		if (!executionId) throw new Error(`n8n did not start an execution: ${JSON.stringify(started)}`);
		return await this.finished(executionId);
	}

	/**
	 * "Listen for test event" on a webhook trigger: n8n registers the test URL (the trigger's
	 * create() with /webhook-test/…) and waits for one event, then calls delete().
	 */
	async listenForTestEvent(workflowId: string, triggerName: string): Promise<void> {
		const started = await this.startManually(workflowId, triggerName);
		if (!started.waitingForWebhook) {
			throw new Error(`n8n is not waiting for a test event: ${JSON.stringify(started)}`);
		}
	}

	/** Resolves with the execution once it has stopped (a waiting one has stoppedAt too: not that). */
	async finished(executionId: string): Promise<ExecutionDetails> {
		return await waitFor(
			`execution ${executionId} to finish`,
			async () => {
				const execution = await this.execution(executionId);
				const over =
					execution.stoppedAt && !['new', 'running', 'waiting'].includes(execution.status);
				return over ? execution : undefined;
			},
			{ timeoutMs: 120_000, intervalMs: 300 },
		);
	}

	/** The editor's "Retry"/"Test" button on a credential: data as given, id of a stored one. */
	async testCredential(credential: {
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ status: string; message: string }> {
		return await this.call('POST', '/credentials/test', { credentials: credential });
	}
}
