import {
	startEmulator,
	type Destination,
	type Emulator,
	type EmulatorOptions,
} from '../../emulator';
import {
	destinationName,
	VERIFICATION_HEADER,
} from '../../nodes/Dialog360Trigger/registration/identity';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness, type WebhookMode } from '../harness/triggerHarness';

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

export async function setup(
	options: EmulatorOptions = {},
	triggerOptions: { webhookBaseUrl?: string; workflowId?: string; apiTimeout?: number } = {},
) {
	const emulator = await startEmulator({ apiKey: testApiKey('lifecycle'), ...options });
	const trigger = new TriggerHarness({
		credentials: emulatorCredentials(emulator.url, emulator.apiKey),
		webhookBaseUrl: triggerOptions.webhookBaseUrl,
		workflowId: triggerOptions.workflowId,
		parameters: { options: { apiTimeout: triggerOptions.apiTimeout ?? 2 } },
	});
	return { emulator, trigger };
}

export function ourName(trigger: TriggerHarness, mode: WebhookMode = 'production') {
	return destinationName(trigger.workflowId, trigger.node.id, trigger.webhookUrl(mode));
}

export function ours(
	emulator: Emulator,
	trigger: TriggerHarness,
	mode: WebhookMode = 'production',
) {
	return emulator.multiWebhook().destinations.find((d) => d.name === ourName(trigger, mode));
}

export function storedSecret(
	trigger: TriggerHarness,
	mode: WebhookMode = 'production',
): string | undefined {
	const registrations = trigger.staticData[`node:${trigger.node.name}`] as
		| { registrations?: Record<string, { secret: string }> }
		| undefined;
	return registrations?.registrations?.[ourName(trigger, mode)]?.secret;
}

export const writes = (emulator: Emulator) =>
	emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

export const calls = (emulator: Emulator) => emulator.requests.map((r) => `${r.method} ${r.path}`);

export { VERIFICATION_HEADER };
