import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { ExecutionLifecycleHooks } from 'n8n-core';

import { Dialog360Api } from '../../credentials/Dialog360Api.credentials';
import { PUBLIC_BASE_URL } from '../../harness/publicHost';
import { TestCredentialsHelper } from './credentialsHelper';
// Every run through n8n-core builds its additional data here: its error printout goes quiet first.
import './quietErrorReports';
import { processedItemsStore } from './processedItems';

// n8n's store of processed items, which the trigger's Drop Redeliveries uses.
processedItemsStore();

/** The base n8n tells the trigger its webhooks have, as the real-n8n tests do. */
export const WEBHOOK_BASE_URL = PUBLIC_BASE_URL;

export interface Dialog360CredentialData {
	apiKey: string;
	hosting: string;
	baseUrl: string;
	[key: string]: string;
}

/** Custom hosting pointed at the emulator: the only way the nodes reach it, as with the real API. */
export function emulatorCredentials(baseUrl: string, apiKey: string): Dialog360CredentialData {
	return { apiKey, hosting: 'custom', baseUrl };
}

/**
 * What an n8n server hands to n8n-core for one run. Only the fields the node contexts read are
 * real; the rest (sub-workflows, AI, task runners) belong to features this package never uses.
 */
export function buildAdditionalData(
	credentials: Dialog360CredentialData,
	options: {
		hooks?: ExecutionLifecycleHooks;
		webhookBaseUrl?: string;
		/** n8n's ids are numeric (its database's); 'test-execution' where a run needs none. */
		executionId?: string;
	} = {},
): IWorkflowExecuteAdditionalData {
	const webhookBaseUrl = options.webhookBaseUrl ?? WEBHOOK_BASE_URL;
	const unused = (what: string) => () => {
		throw new Error(`${what} is not available in the test harness`);
	};
	const data = {
		credentialsHelper: new TestCredentialsHelper(
			{ dialog360Api: new Dialog360Api() },
			{ dialog360Api: { ...credentials } },
		),
		hooks: options.hooks,
		executionId: options.executionId ?? 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'https://n8n.test/rest',
		instanceBaseUrl: 'https://n8n.test/',
		formBaseUrl: 'https://n8n.test/form',
		formWaitingBaseUrl: 'https://n8n.test/form-waiting',
		formTestBaseUrl: 'https://n8n.test/form-test',
		webhookBaseUrl: `${webhookBaseUrl}webhook`,
		webhookWaitingBaseUrl: `${webhookBaseUrl}webhook-waiting`,
		webhookTestBaseUrl: `${webhookBaseUrl}webhook-test`,
		mcpBaseUrl: 'https://n8n.test/mcp',
		mcpTestBaseUrl: 'https://n8n.test/mcp-test',
		variables: {},
		executeWorkflow: unused('executeWorkflow'),
		getRunExecutionData: unused('getRunExecutionData'),
		getRuntimeCredential: unused('getRuntimeCredential'),
		logAiEvent: () => {},
		startRunnerTask: unused('startRunnerTask'),
	};
	return data as unknown as IWorkflowExecuteAdditionalData;
}
