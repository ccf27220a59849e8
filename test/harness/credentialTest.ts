import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypes,
	IRunExecutionData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { Dialog360Api } from '../../credentials/Dialog360Api.credentials';
import { buildAdditionalData, type Dialog360CredentialData } from './additionalData';

/**
 * What n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts) does
 * for a credential type with `test.request`: a temporary node type whose single property routes
 * that request, run by n8n-core's RoutingNode inside an ExecuteContext, then `test.rules`.
 */

const credentialType = new Dialog360Api();

interface TestRun {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	executeData: IExecuteData;
}

function testRequest(): ICredentialTestRequest {
	if (!credentialType.test) throw new Error(`${credentialType.name} has no credential test`);
	return credentialType.test;
}

// The tester uses the noOp node type with its properties replaced by the routed request.
function prepareTestRun(): TestRun {
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest().request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: { id: 'cred-1', name: '360dialog account' } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: (_name, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return { workflow, node, nodeType, executeData: { node, data: {}, source: null } };
}

/** Runs the credential test as n8n's "Test" button does and returns what n8n would show. */
export async function testCredentials(
	credentials: Dialog360CredentialData,
): Promise<INodeCredentialTestResult> {
	const { workflow, node, nodeType, executeData } = prepareTestRun();
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'cred-1',
		name: '360dialog account',
		type: credentialType.name,
		data: { ...credentials } as ICredentialDataDecryptedObject,
	};
	const runExecutionData: IRunExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(credentials),
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of testRequest().rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * The URL the credential test would call for these credentials, resolved by n8n-workflow's
 * expression engine with `$credentials` exactly as RoutingNode resolves it, without sending it.
 */
export function credentialTestUrl(credentials: Dialog360CredentialData): string {
	const { workflow, node, executeData } = prepareTestRun();
	const { baseURL = '', url = '' } = testRequest().request;
	const resolve = (value: string) =>
		String(
			workflow.expression.getParameterValue(
				value,
				null,
				0,
				0,
				node.name,
				[],
				'internal',
				{ $credentials: credentials },
				executeData,
				false,
			),
		);
	return `${resolve(baseURL)}${resolve(url)}`;
}
