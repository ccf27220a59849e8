import { createHash, randomBytes } from 'crypto';

/** The custom header 360dialog sends with every notification to our destination. No "_": 360dialog refuses it. */
export const VERIFICATION_HEADER = 'X-N8n-360dialog-Secret';

/**
 * The destination's name: the same for the same workflow, node and webhook path, so reactivating
 * finds it again, while the test URL and the production URL get two names and never overwrite
 * each other. The host is left out on purpose: when N8N_WEBHOOK_URL moves, the name stays and the
 * destination is updated instead of duplicated.
 */
export function destinationName(workflowId: string, nodeId: string, webhookUrl: string): string {
	const path = new URL(webhookUrl).pathname;
	const digest = createHash('sha256').update(`${nodeId}|${path}`).digest('hex').slice(0, 8);
	const kind = /\/webhook-test\//.test(path) ? 'test' : 'prod';
	return `n8n-${workflowId}-${digest}-${kind}`;
}

/** Hex only, so the value passes 360dialog's rules under any reading of them. */
export function newSecret(): string {
	return randomBytes(24).toString('hex');
}
