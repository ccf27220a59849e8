import type { Destination } from '../../emulator';
import { VERIFICATION_HEADER } from '../../nodes/Dialog360Trigger/registration/identity';
import { TRIGGER_WORKFLOW_ID, triggerWorkflow } from '../../harness/workflows/triggerWorkflow';
import { startStack, type Stack, type StackOptions } from '../../harness/stack';

/** Somebody else's destination on the number: no test may ever see it touched. */
export const FOREIGN: Destination = {
	name: 'crm',
	url: 'https://crm.example.com/hook',
	headers: { Authorization: 'Bearer s3cr3t' },
};

/** Where on the sink the number's main webhook points: it answers 200, so destinations get copies. */
export const MAIN_WEBHOOK_PATH = '/main-webhook';

export const SECRET_HEADER = VERIFICATION_HEADER;

/**
 * The trigger workflow, published before n8n starts, on a number with a main webhook and FOREIGN:
 * what most trigger tests start from. Resolves with the trigger's webhook id, for its URLs.
 */
export async function startTriggerStack(
	options: Pick<StackOptions, 'emulatorOptions' | 'hosts' | 'queueMode'> = {},
): Promise<{ stack: Stack; webhookId: string }> {
	let webhookId = '';
	const stack = await startStack({
		...options,
		workflows: ({ credential, sink }) => {
			const built = triggerWorkflow(credential, sink.url);
			webhookId = built.webhookId;
			return [built.workflow];
		},
		publish: [TRIGGER_WORKFLOW_ID],
		emulatorState: ({ sink }) => ({
			multiWebhook: { enabled: true, destinations: [FOREIGN] },
			phoneNumberWebhook: { url: `${sink.url}${MAIN_WEBHOOK_PATH}` },
		}),
	});
	return { stack, webhookId };
}
