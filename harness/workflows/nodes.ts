import { randomUUID } from 'node:crypto';

/** A node as n8n's workflow JSON has it. */
export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	/** 'continueRegularOutput': a failed item goes on as an error item. */
	onError?: string;
}

export interface Workflow {
	id: string;
	name: string;
	active: false;
	settings: Record<string, unknown>;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
}

export const PACKAGE = 'n8n-nodes-360dialog';
export const TRIGGER_TYPE = `${PACKAGE}.dialog360Trigger`;
export const ACTION_TYPE = `${PACKAGE}.dialog360`;

export function node(
	name: string,
	type: string,
	typeVersion: number,
	position: [number, number],
	parameters: Record<string, unknown> = {},
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position, parameters, ...extra };
}

/** Connects output i of `from` to each given node, in order. */
export function outputs(...targets: Array<string | null>) {
	return {
		main: targets.map((target) =>
			target ? [{ node: target, type: 'main' as const, index: 0 }] : [],
		),
	};
}

export function workflow(
	id: string,
	name: string,
	nodes: WorkflowNode[],
	connections: Workflow['connections'],
): Workflow {
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** An HTTP Request node that POSTs each item's JSON to a URL. */
export function forwardTo(name: string, url: string, position: [number, number]): WorkflowNode {
	return node(name, 'n8n-nodes-base.httpRequest', 4.2, position, {
		method: 'POST',
		url,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json) }}',
		options: {},
	});
}
