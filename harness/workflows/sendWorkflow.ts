import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { ACTION_TYPE, node, workflow, type WorkflowNode } from './nodes';

export const SEND_WORKFLOW_ID = 'e2eSendFlow00001';
export const SEND_START = 'Send everything';
export const INVOICE_TEXT = 'Invoice 7: 42.00 EUR, due 1 March';
export const SEND_NODES = {
	invoice: 'Send invoice',
	upload: 'Upload invoice',
	template: 'Send order update',
	templates: 'Get templates',
} as const;

/** Template Parameters of order_update as the editor stores them: its fields, and the values. */
const orderUpdateParameters = {
	mappingMode: 'defineBelow',
	value: {
		'header:image': 'https://cdn.example.com/parcel.jpg',
		'body:1': '={{ $json.name ?? "Ana" }}',
		'body:2': 'A-7',
		'button:0:url': 'A-7',
		'button:1:copy_code': 'SAVE10',
	},
	matchingColumns: [],
	schema: [
		['header:image', 'Header Image (URL or Media ID)'],
		['body:1', 'Body {{1}}'],
		['body:2', 'Body {{2}}'],
		['button:0:url', 'Button "Track" URL {{1}}'],
		['button:1:copy_code', 'Button "Copy code" Coupon Code'],
	].map(([id, displayName]) => ({
		id,
		displayName,
		required: true,
		defaultMatch: false,
		display: true,
		type: 'string',
		canBeUsedToMatch: false,
	})),
	attemptToConvertTypes: false,
	convertFieldsToString: true,
};

function dialog360(
	name: string,
	position: [number, number],
	credential: CredentialImport,
	parameters: Record<string, unknown>,
): WorkflowNode {
	return node(name, ACTION_TYPE, 1, position, parameters, {
		credentials: credentialRef(credential),
	});
}

/**
 * Manual Trigger -> a text file from an earlier node (Convert to File) -> Send Media with it as a
 * document (uploaded first) and, beside it, Media Upload; then a template built from its fields,
 * and the template list.
 */
export function sendWorkflow(credential: CredentialImport, to: string) {
	const start = node(SEND_START, 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const text = node('Invoice text', 'n8n-nodes-base.set', 3.4, [200, 0], {
		assignments: {
			assignments: [{ id: 'c1', name: 'content', value: INVOICE_TEXT, type: 'string' }],
		},
		options: {},
	});
	const file = node('Invoice file', 'n8n-nodes-base.convertToFile', 1.1, [400, 0], {
		operation: 'toText',
		sourceProperty: 'content',
		options: { fileName: 'invoice-7.txt' },
	});
	const invoice = dialog360(SEND_NODES.invoice, [600, -120], credential, {
		resource: 'message',
		operation: 'sendMedia',
		to,
		mediaType: 'document',
		source: 'binary',
		caption: 'Your invoice',
		options: {},
	});
	const upload = dialog360(SEND_NODES.upload, [600, 120], credential, {
		resource: 'media',
		operation: 'upload',
		options: {},
	});
	const template = dialog360(SEND_NODES.template, [800, -120], credential, {
		resource: 'message',
		operation: 'sendTemplate',
		to,
		template: { __rl: true, mode: 'list', value: 'order_update' },
		language: 'en_US',
		templateParameters: orderUpdateParameters,
		options: {},
	});
	const templates = dialog360(SEND_NODES.templates, [1000, -120], credential, {
		resource: 'template',
		operation: 'getMany',
		returnAll: true,
		filters: { status: 'approved' },
		options: {},
	});
	const chain = (from: WorkflowNode, ...to: WorkflowNode[]) => ({
		[from.name]: {
			main: [to.map((next) => ({ node: next.name, type: 'main' as const, index: 0 }))],
		},
	});
	return workflow(
		SEND_WORKFLOW_ID,
		'Send on WhatsApp (E2E)',
		[start, text, file, invoice, upload, template, templates],
		{
			...chain(start, text),
			...chain(text, file),
			...chain(file, invoice, upload),
			...chain(invoice, template),
			...chain(template, templates),
		},
	);
}
