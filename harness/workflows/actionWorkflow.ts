import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { ACTION_TYPE, node, workflow, type WorkflowNode } from './nodes';

export const ACTION_WORKFLOW_ID = 'e2eActionsFlow01';
export const MANUAL_TRIGGER = 'Run every operation';

/** One 360dialog node per operation, in the order they run; names are what the test reads back. */
export const STEPS = {
	enable: 'Enable with crm',
	add: 'Add erp and WEBhook',
	get: 'Get multi-webhook',
	update: 'Update erp',
	remove: 'Delete WEBhook',
	disable: 'Disable multi-webhook',
	phoneGet: 'Get phone number webhook',
	phoneSet: 'Set phone number webhook',
	wabaGet: 'Get WABA webhook',
	wabaSet: 'Set WABA webhook',
} as const;

const header = (name: string, value: string) => ({ name, value });

const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** Parameters per step; both ways of giving destinations and headers (fields and JSON) are used. */
const parameters: Record<keyof typeof STEPS, Record<string, unknown>> = {
	enable: {
		resource: 'multiWebhook',
		operation: 'enable',
		destinations: {
			destination: [
				{
					name: 'crm',
					url: 'https://crm.example.com/hook',
					headers: { header: [header('Authorization', 'Bearer s3cr3t')] },
				},
			],
		},
	},
	add: {
		resource: 'multiWebhook',
		operation: 'addDestinations',
		specifyDestinations: 'json',
		destinationsJson: JSON.stringify([
			{ name: 'erp', url: 'https://erp.example.com/whatsapp', headers: { 'X-Token': 'abc' } },
			{ name: 'WEBhook', url: 'https://hooks.example.com/case', headers: {} },
		]),
	},
	get: { resource: 'multiWebhook', operation: 'get' },
	update: {
		resource: 'multiWebhook',
		operation: 'updateDestination',
		destinationName: byName('erp'),
		url: 'https://erp.example.com/v2/whatsapp',
		headers: { header: [header('X-Token', 'def')] },
		// The one step that outputs header values; every other one hides them.
		options: { includeHeaderValues: true },
	},
	remove: {
		resource: 'multiWebhook',
		operation: 'deleteDestination',
		destinationName: fromList('WEBhook'),
	},
	disable: { resource: 'multiWebhook', operation: 'disable' },
	phoneGet: { resource: 'phoneNumberWebhook', operation: 'get' },
	phoneSet: {
		resource: 'phoneNumberWebhook',
		operation: 'set',
		url: 'https://app.example.com/whatsapp',
		specifyHeaders: 'json',
		headersJson: JSON.stringify({ 'X-Secret': 'abc123' }),
		basicAuth: true,
		basicAuthUser: 'bot',
		basicAuthPassword: 'pa55',
	},
	wabaGet: { resource: 'wabaWebhook', operation: 'get' },
	wabaSet: {
		resource: 'wabaWebhook',
		operation: 'set',
		url: 'https://waba.example.com/hook',
		headers: { header: [header('X-Waba', '1')] },
		overrideAll: false,
	},
};

/** Manual Trigger -> every 360dialog operation in a chain, against the emulator. */
export function actionWorkflow(credential: CredentialImport) {
	const trigger = node(MANUAL_TRIGGER, 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const steps = (Object.keys(STEPS) as Array<keyof typeof STEPS>).map(
		(step, index): WorkflowNode =>
			node(STEPS[step], ACTION_TYPE, 1, [220 * (index + 1), 0], parameters[step], {
				credentials: credentialRef(credential),
			}),
	);
	const chain = [trigger, ...steps];
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((from, index) => [
				from.name,
				{ main: [[{ node: chain[index + 1].name, type: 'main' as const, index: 0 }]] },
			]),
	);
	return workflow(ACTION_WORKFLOW_ID, '360dialog actions (E2E)', chain, connections);
}
