import { randomUUID } from 'node:crypto';
import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { ACTION_TYPE, forwardTo, node, TRIGGER_TYPE, workflow, type Workflow } from './nodes';
import { triggerWorkflow } from './triggerWorkflow';

export const MEDIA_WORKFLOW_ID = 'e2eMediaFlow0001';
export const MEDIA_TRIGGER = '360dialog Trigger';
/** Max Size of the trigger: the tests' files are smaller, one of them is not. */
export const MEDIA_MAX_SIZE_MB = 1;
export const MEDIA_PATHS = { messages: '/media/messages', files: '/media/files' };
export const MESSAGE_ID_HEADER = 'x-message-id';

/**
 * 360dialog Trigger with Download Media on (messages only) -> each message item's JSON to the
 * sink, and beside it its file: an HTTP Request node POSTs the binary field `data` as the body,
 * named by the message id. So the test sees the bytes a later node of the workflow reads. A
 * message whose download failed has no file: that node's error item goes on, the message's JSON
 * still reaches the sink.
 */
export function mediaTriggerWorkflow(credential: CredentialImport, sinkUrl: string) {
	const trigger = node(
		MEDIA_TRIGGER,
		TRIGGER_TYPE,
		1.1,
		[0, 0],
		{
			events: ['message'],
			downloadMedia: true,
			downloadOptions: { maxSize: MEDIA_MAX_SIZE_MB },
			options: {},
		},
		{ webhookId: randomUUID(), credentials: credentialRef(credential) },
	);
	const messages = forwardTo('Forward messages', `${sinkUrl}${MEDIA_PATHS.messages}`, [320, -120]);
	const files = node(
		'Forward files',
		'n8n-nodes-base.httpRequest',
		4.2,
		[320, 120],
		{
			method: 'POST',
			url: `${sinkUrl}${MEDIA_PATHS.files}`,
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: {
				parameters: [{ name: MESSAGE_ID_HEADER, value: '={{ $json.message_id }}' }],
			},
			sendBody: true,
			contentType: 'binaryData',
			inputDataFieldName: 'data',
			options: {},
		},
		{ onError: 'continueRegularOutput' },
	);
	return workflow(MEDIA_WORKFLOW_ID, 'Media as files (E2E)', [trigger, messages, files], {
		[MEDIA_TRIGGER]: {
			main: [
				[
					{ node: messages.name, type: 'main', index: 0 },
					{ node: files.name, type: 'main', index: 0 },
				],
			],
		},
	});
}

export const ECHO_WORKFLOW_ID = 'e2eMediaEcho0001';
export const ECHO_START = 'Echo a file';
export const ECHO_NODES = { download: 'Download the file', send: 'Send it back' } as const;

/**
 * Manual Trigger -> Media Download (a media id) -> Send Media with that binary file as an image:
 * what a customer sent goes back out, uploaded again by Send Media.
 */
export function echoWorkflow(credential: CredentialImport, mediaId: string, to: string) {
	const start = node(ECHO_START, 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const download = node(
		ECHO_NODES.download,
		ACTION_TYPE,
		1,
		[220, 0],
		{ resource: 'media', operation: 'download', mediaId, options: {} },
		{ credentials: credentialRef(credential) },
	);
	const send = node(
		ECHO_NODES.send,
		ACTION_TYPE,
		1,
		[440, 0],
		{
			resource: 'message',
			operation: 'sendMedia',
			to,
			mediaType: 'image',
			source: 'binary',
			caption: 'Your photo, back',
			options: {},
		},
		{ credentials: credentialRef(credential) },
	);
	const next = (to: string) => ({ main: [[{ node: to, type: 'main' as const, index: 0 }]] });
	return workflow(ECHO_WORKFLOW_ID, 'Echo a media file (E2E)', [start, download, send], {
		[start.name]: next(download.name),
		[download.name]: next(send.name),
	});
}

export const LEGACY_WORKFLOW_ID = 'e2eLegacyOrder01';
export const LEGACY_STATUSES_PATH = '/legacy/statuses';

/**
 * A trigger (statuses only) in a workflow saved without "executionOrder": "v1", as workflows
 * imported from older n8n versions are: n8n runs a node with execute() there only when its first
 * input has items, and a status notification has no messages.
 */
export function legacyOrderWorkflow(credential: CredentialImport, sinkUrl: string): Workflow {
	const { workflow: built } = triggerWorkflow(credential, sinkUrl, {
		id: LEGACY_WORKFLOW_ID,
		name: 'Legacy execution order (E2E)',
		parameters: { events: ['status'] },
		paths: {
			messages: '/legacy/messages',
			statuses: LEGACY_STATUSES_PATH,
			errors: '/legacy/errors',
		},
	});
	return { ...built, settings: {} };
}
