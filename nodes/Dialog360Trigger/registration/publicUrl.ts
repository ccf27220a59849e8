import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { webhookUrlProblem } from '../../shared/webhookRules';

/**
 * 360dialog only delivers to public https URLs without a port or "_" in the host. Refusing such a
 * URL here, before any call, beats a destination that silently never receives anything.
 */
export function assertDeliverableUrl(node: INode, url: string | undefined): string {
	const problem = !url
		? 'n8n did not provide a webhook URL for this node'
		: (webhookUrlProblem(url) ??
			(url.startsWith('https://') ? undefined : `"${url}" is not https`));
	if (problem) {
		throw new NodeOperationError(
			node,
			`360dialog cannot deliver to this n8n's webhook URL: ${problem}`,
			{
				description:
					'Set N8N_WEBHOOK_URL (WEBHOOK_URL on older n8n) to a public https URL without a port and without "_" in the host, for example behind a tunnel or a reverse proxy, restart n8n and activate again.',
			},
		);
	}
	return url as string;
}
