import type { INode, INodeListSearchResult } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import type { Emulator } from '../../emulator';
import { buildAdditionalData, emulatorCredentials } from '../harness/additionalData';
import { ACTION_TYPE, nodeTypes } from '../harness/nodeTypes';

/**
 * Runs a list search of the 360dialog node as n8n's editor asks for it: the node type's
 * `methods.listSearch` method, called on an n8n-core LoadOptionsContext for the parameter.
 */
export async function searchList(
	emulator: Emulator,
	method: string,
	options: { filter?: string; apiKey?: string } = {},
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'a0b1c2d3-0000-4000-8000-000000000002',
		name: '360dialog',
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: { __rl: true, mode: 'list', value: '' },
		},
		credentials: { dialog360Api: { id: 'cred-1', name: '360dialog account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = buildAdditionalData(
		emulatorCredentials(emulator.url, options.apiKey ?? emulator.apiKey),
	);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'destinationName');
	const search = nodeTypes.getByNameAndVersion(ACTION_TYPE, 1).methods?.listSearch?.[method];
	if (!search) throw new Error(`the node has no list search ${method}`);
	return await search.call(context, options.filter);
}
