import type { Destination, Emulator, Webhook } from '../emulator';
import { waitFor, type N8nRest } from '../harness/n8n';

export interface ApiCallCounts {
	activateFresh: string[];
	activateEnabled: string[];
	deactivate: string[];
}

const calls = (emulator: Emulator) => emulator.requests.map((r) => `${r.method} ${r.path}`);

/** Publishes the workflow over REST (n8n runs checkExists, then create) and waits until it is active. */
async function activate(rest: N8nRest, emulator: Emulator, workflowId: string, url: string) {
	await rest.activate(workflowId);
	await waitFor('the workflow to be published', async () => {
		const status = await rest.publicationStatus(workflowId);
		return status.status === 'published' && status;
	});
	await waitFor('our destination', async () => {
		await emulator.settle();
		return emulator.multiWebhook().destinations.some((d) => d.url === url);
	});
}

async function deactivate(rest: N8nRest, emulator: Emulator, workflowId: string, url: string) {
	const before = emulator.requests.length;
	await rest.deactivate(workflowId);
	await waitFor('the DELETE', async () => {
		await emulator.settle();
		return (
			emulator.requests.length > before &&
			!emulator.multiWebhook().destinations.some((d) => d.url === url)
		);
	});
}

/**
 * How many 360dialog calls a real n8n makes through the trigger: activation on a number that
 * never enabled multi-webhook, activation with multi-webhook already on (a foreign destination
 * present), and deactivation. The number has a phone-number webhook in each: activation reads it
 * first (360dialog delivers to the trigger only through it), one read more than before.
 */
export async function countApiCalls(
	rest: N8nRest,
	emulator: Emulator,
	workflowId: string,
	productionUrl: string,
	foreign: Destination,
	mainWebhook: Webhook,
): Promise<ApiCallCounts> {
	await deactivate(rest, emulator, workflowId, productionUrl);

	emulator.reset();
	emulator.setState({ phoneNumberWebhook: mainWebhook });
	await activate(rest, emulator, workflowId, productionUrl);
	const activateFresh = calls(emulator);

	emulator.clearRequests();
	await deactivate(rest, emulator, workflowId, productionUrl);
	const deactivateCalls = calls(emulator);

	emulator.reset();
	emulator.setState({
		multiWebhook: { enabled: true, destinations: [foreign] },
		phoneNumberWebhook: mainWebhook,
	});
	await activate(rest, emulator, workflowId, productionUrl);
	const activateEnabled = calls(emulator);

	return { activateFresh, activateEnabled, deactivate: deactivateCalls };
}
