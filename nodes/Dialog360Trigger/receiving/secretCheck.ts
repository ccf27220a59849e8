import { createHash, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether the header carries one of the secrets, in constant time for any value: both sides are
 * compared as SHA-256 digests, which always have the same length, so no header (of another
 * length, with non-ASCII bytes, repeated) can make the compare throw.
 */
export function matchesAny(given: string | string[] | undefined, secrets: string[]): boolean {
	if (typeof given !== 'string') return false;
	const givenDigest = digest(given);
	let matched = false;
	for (const secret of secrets) matched = timingSafeEqual(givenDigest, digest(secret)) || matched;
	return matched;
}

const WARNING_INTERVAL_MS = 60_000;

// Keyed by workflow id. Process memory is enough here: it only spaces out a log line, and each
// n8n process warning once a minute is what an operator wants anyway. Nothing depends on it.
const lastWarnings = new Map<string, number>();

/**
 * A request refused because this workflow holds no secret for the URL means a registration went
 * wrong (360dialog delivers, n8n refuses): say so in n8n's log, once a minute per workflow.
 */
export function warnNoSecret(context: IWebhookFunctions, now = Date.now()) {
	const workflow = context.getWorkflow();
	const key = workflow.id ?? '';
	if (now - (lastWarnings.get(key) ?? -Infinity) < WARNING_INTERVAL_MS) return;
	lastWarnings.set(key, now);
	context.logger.warn(
		`360dialog Trigger: refused a notification for workflow "${workflow.name ?? key}" (id ${key}): this workflow holds no secret for its webhook URL. Deactivate and activate the workflow to register it again.`,
		{ workflowId: key, node: context.getNode().name },
	);
}
