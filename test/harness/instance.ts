import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { HookContext } from 'n8n-core';

import { buildAdditionalData } from './additionalData';
import { nodeTypes, TRIGGER_TYPE } from './nodeTypes';

/**
 * What n8n-core's getInstanceId() returns to nodes in this process, asked of a real node
 * context (the trigger harness stands for an n8n instance of its own instead).
 */
export function processInstanceId(): string {
	const node: INode = {
		id: 'instance-probe',
		name: 'probe',
		type: TRIGGER_TYPE,
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: 'probe',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = buildAdditionalData({ apiKey: '', hosting: 'custom', baseUrl: '' });
	return new HookContext(workflow, node, additionalData, 'internal', 'update').getInstanceId();
}
