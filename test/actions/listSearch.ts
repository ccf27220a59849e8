import type {
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import type { Emulator } from '../../emulator';
import { buildAdditionalData, emulatorCredentials } from '../harness/additionalData';
import { ACTION_TYPE, nodeTypes } from '../harness/nodeTypes';

const DESTINATION_PARAMETERS: INodeParameters = {
	resource: 'multiWebhook',
	operation: 'deleteDestination',
	destinationName: { __rl: true, mode: 'list', value: '' },
};

/**
 * A LoadOptionsContext as n8n's editor builds one for a parameter (`path`): the node with the
 * parameters as currently edited, which n8n also hands over as currentNodeParameters.
 */
function editorContext(
	emulator: Emulator,
	path: string,
	parameters: INodeParameters,
	apiKey?: string,
): LoadOptionsContext {
	const node: INode = {
		id: 'a0b1c2d3-0000-4000-8000-000000000002',
		name: '360dialog',
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { dialog360Api: { id: 'cred-1', name: '360dialog account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = buildAdditionalData(
		emulatorCredentials(emulator.url, apiKey ?? emulator.apiKey),
	);
	additionalData.currentNodeParameters = parameters;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}

const { methods } = nodeTypes.getByNameAndVersion(ACTION_TYPE, 1);

/**
 * Runs a list search of the 360dialog node as n8n's editor asks for it: the node type's
 * `methods.listSearch` method, called on an n8n-core LoadOptionsContext for the parameter.
 */
export async function searchList(
	emulator: Emulator,
	method: string,
	options: { filter?: string; apiKey?: string; parameters?: INodeParameters; path?: string } = {},
): Promise<INodeListSearchResult> {
	const search = methods?.listSearch?.[method];
	if (!search) throw new Error(`the node has no list search ${method}`);
	const context = editorContext(
		emulator,
		options.path ?? 'destinationName',
		options.parameters ?? DESTINATION_PARAMETERS,
		options.apiKey,
	);
	return await search.call(context, options.filter);
}

/** An options list (`methods.loadOptions`) for the parameter at `path`. */
export async function loadOptions(
	emulator: Emulator,
	method: string,
	path: string,
	parameters: INodeParameters,
): Promise<INodePropertyOptions[]> {
	const load = methods?.loadOptions?.[method];
	if (!load) throw new Error(`the node has no loadOptions ${method}`);
	return await load.call(editorContext(emulator, path, parameters));
}

/** The fields of a resource mapper (`methods.resourceMapping`) for the parameter at `path`. */
export async function resourceMapperFields(
	emulator: Emulator,
	method: string,
	path: string,
	parameters: INodeParameters,
): Promise<ResourceMapperFields> {
	const fields = methods?.resourceMapping?.[method];
	if (!fields) throw new Error(`the node has no resourceMapping ${method}`);
	return await fields.call(editorContext(emulator, path, parameters));
}
