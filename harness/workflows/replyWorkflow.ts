import { randomUUID } from 'node:crypto';
import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { forwardTo, node, TRIGGER_TYPE, workflow } from './nodes';
import { markAsRead, replyWithButtons } from './replyNodes';

export const REPLY_WORKFLOW_ID = 'e2eReplyFlow0001';
export const REPLY_TRIGGER = '360dialog Trigger';
export const REPLY_NODES = {
	reply: 'Reply with buttons',
	read: 'Mark as read',
	statuses: 'Forward Statuses',
} as const;
export const STATUSES_PATH = '/out/statuses';

/**
 * 360dialog Trigger (text messages only) -> mark each as read and reply with buttons; the
 * Statuses output goes to the sink, so the test sees the reply's sent and delivered statuses.
 */
export function replyWorkflow(credential: CredentialImport, sinkUrl: string) {
	const trigger = node(
		REPLY_TRIGGER,
		TRIGGER_TYPE,
		1.1,
		[0, 0],
		{ events: ['message', 'status'], options: { messageTypes: ['text'] } },
		{ webhookId: randomUUID(), credentials: credentialRef(credential) },
	);
	const read = markAsRead(REPLY_NODES.read, [320, -200], credential);
	const reply = replyWithButtons(REPLY_NODES.reply, [320, -40], credential);
	const statuses = forwardTo(REPLY_NODES.statuses, `${sinkUrl}${STATUSES_PATH}`, [320, 160]);
	return workflow(REPLY_WORKFLOW_ID, 'Reply on WhatsApp (E2E)', [trigger, read, reply, statuses], {
		[REPLY_TRIGGER]: {
			main: [
				[
					{ node: read.name, type: 'main', index: 0 },
					{ node: reply.name, type: 'main', index: 0 },
				],
				[{ node: statuses.name, type: 'main', index: 0 }],
			],
		},
	});
}
