import type { INodeParameters } from 'n8n-workflow';

import {
	startEmulator,
	type Destination,
	type Emulator,
	type EmulatorOptions,
	type Webhook,
} from '../../emulator';
import { VERIFICATION_HEADER } from '../../nodes/Dialog360Trigger/registration/identity';
import type { Registration } from '../../nodes/Dialog360Trigger/registration/state';
import { triggerDestinationName } from '../../nodes/shared/triggerDestinationName';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness, type WebhookMode } from '../harness/triggerHarness';
import { PUBLIC_HOST } from '../../harness/publicHost';

export const FOREIGN: Destination[] = [
	{
		name: 'crm',
		url: 'https://crm.example.com/hooks/whatsapp',
		headers: { Authorization: 'Bearer s3cr3t-crm' },
	},
	{
		name: 'Analytics',
		url: 'https://analytics.example.com/wa',
		headers: { 'X-Token': 'tok-analytics' },
	},
];

/** Somebody else's main webhook: a number the trigger is added to usually has one. */
export const MAIN_WEBHOOK: Webhook = {
	url: 'https://app.example.com/whatsapp',
	headers: { Authorization: 'Bearer main-app' },
};

/** 360dialog's two possible readings of what a write is checked against (see the emulator). */
export const VALIDATION_MODES = ['projected', 'applied'] as const;

export interface TriggerSetup {
	webhookBaseUrl?: string;
	workflowId?: string;
	apiTimeout?: number;
	parameters?: INodeParameters;
	/** The number's phone-number webhook; default MAIN_WEBHOOK, null for none. */
	mainWebhook?: Webhook | null;
	/** Serve the webhook on loopback and map n8n's host to it, so that deliveries reach it. */
	listen?: boolean;
	instanceId?: string;
}

export async function setup(options: EmulatorOptions = {}, triggerOptions: TriggerSetup = {}) {
	const trigger = new TriggerHarness({
		credentials: emulatorCredentials('', ''),
		webhookBaseUrl: triggerOptions.webhookBaseUrl,
		workflowId: triggerOptions.workflowId,
		instanceId: triggerOptions.instanceId,
		parameters: {
			...triggerOptions.parameters,
			options: { apiTimeout: triggerOptions.apiTimeout ?? 2 },
		},
	});
	const hostMap: Record<string, number> = {};
	if (triggerOptions.listen) hostMap[PUBLIC_HOST] = await trigger.listen();
	const emulator = await startEmulator({ apiKey: testApiKey('lifecycle'), hostMap, ...options });
	trigger.setCredentials(emulatorCredentials(emulator.url, emulator.apiKey));
	const mainWebhook =
		triggerOptions.mainWebhook === undefined ? MAIN_WEBHOOK : triggerOptions.mainWebhook;
	if (mainWebhook) emulator.setState({ phoneNumberWebhook: mainWebhook });
	return { emulator, trigger };
}

export function ourName(trigger: TriggerHarness, mode: WebhookMode = 'production') {
	return triggerDestinationName({
		workflowId: trigger.workflowId,
		instanceId: trigger.instanceId,
		nodeId: trigger.node.id,
		webhookUrl: trigger.webhookUrl(mode),
	});
}

export function ours(
	emulator: Emulator,
	trigger: TriggerHarness,
	mode: WebhookMode = 'production',
) {
	return emulator.multiWebhook().destinations.find((d) => d.name === ourName(trigger, mode));
}

export function registrations(trigger: TriggerHarness): Record<string, Registration> {
	const data = trigger.staticData[`node:${trigger.node.name}`] as
		| { registrations?: Record<string, Registration> }
		| undefined;
	return data?.registrations ?? {};
}

export function storedSecret(
	trigger: TriggerHarness,
	mode: WebhookMode = 'production',
): string | undefined {
	return registrations(trigger)[ourName(trigger, mode)]?.secret;
}

export const writes = (emulator: Emulator) =>
	emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

export const calls = (emulator: Emulator) => emulator.requests.map((r) => `${r.method} ${r.path}`);

export const MAIN_READ = 'GET /v1/configs/webhook';

export { VERIFICATION_HEADER };
