import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { buildAdditionalData, type Dialog360CredentialData } from './additionalData';
import { ACTION_TYPE, nodeTypes } from './nodeTypes';

export interface ActionRun {
	/** Items of the node's first output (empty when the node failed). */
	items: INodeExecutionData[];
	/** The error the node raised, as n8n records it on the run. */
	error?: Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
	run: IRun;
}

/** The action node's id in every run (n8n's resume URLs name it). */
export const ACTION_NODE_ID = 'a0b1c2d3-0000-4000-8000-000000000001';

/**
 * Runs the 360dialog action node the way n8n runs a workflow: WorkflowExecute from n8n-core
 * starts it with the given input items, so parameters get their defaults, expressions resolve,
 * errors and Continue On Fail behave as in a real n8n.
 */
export async function runAction(options: {
	parameters: INodeParameters;
	credentials: Dialog360CredentialData;
	input?: IDataObject[];
	/** Whole input items, for binary data; `input` is the JSON-only short form. */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The execution's id (default 'test-execution'); a real n8n's are numeric, as its signed resume URLs show. */
	executionId?: string;
}): Promise<ActionRun> {
	const node: INode = {
		id: ACTION_NODE_ID,
		name: '360dialog',
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { dialog360Api: { id: 'cred-1', name: '360dialog account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'wf-action-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const executionId = options.executionId ?? 'test-execution';
	const additionalData = buildAdditionalData(options.credentials, {
		hooks: hooksFor(workflow, node, executionId),
		executionId,
	});
	const input = options.items ?? (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode(node.name)!, data: { main: [input] }, source: null },
			],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	return resultOf(run, node.name, 0);
}

function hooksFor(workflow: Workflow, node: INode, executionId: string) {
	return new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
}

function resultOf(run: IRun, nodeName: string, runIndex: number): ActionRun {
	const task = run.data.resultData.runData[nodeName]?.[runIndex];
	return {
		items: task?.data?.main[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as ActionRun['error'],
		run,
	};
}

/**
 * What n8n's WaitTracker does when a waiting run's waitTill passes (Limit Wait Time ran out)
 * before any answer: the execution data as stored (a copy, as the database gives it back) runs
 * on through n8n-core's WorkflowExecute, which takes up the node that put it to wait.
 */
export async function resumeAfterWait(
	waiting: ActionRun,
	credentials: Dialog360CredentialData,
	executionId: string,
): Promise<ActionRun> {
	const data = JSON.parse(JSON.stringify(waiting.run.data)) as IRunExecutionData;
	const node = data.executionData!.nodeExecutionStack[0].node;
	const workflow = new Workflow({
		id: 'wf-action-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = buildAdditionalData(credentials, {
		hooks: hooksFor(workflow, node, executionId),
		executionId,
	});
	const run = await new WorkflowExecute(additionalData, 'manual', data).processRunExecutionData(
		workflow,
	);
	return resultOf(run, node.name, (run.data.resultData.runData[node.name]?.length ?? 1) - 1);
}
