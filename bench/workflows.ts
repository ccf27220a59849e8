import { randomBytes, randomUUID } from 'node:crypto';

import { waitFor, type CredentialImport } from '../harness/n8n';
import { PUBLIC_HOST } from '../harness/publicHost';
import type { Stack } from '../harness/stack';
import { credentialRef } from '../harness/workflows/credential';
import { node, outputs, TRIGGER_TYPE, workflow, type Workflow } from '../harness/workflows/nodes';
import { Dialog360Trigger } from '../nodes/Dialog360Trigger/Dialog360Trigger.node';
import { VERIFICATION_HEADER } from '../nodes/Dialog360Trigger/registration/identity';

/** One webhook under load: a workflow `<trigger> -> No Operation`, published before n8n starts. */
export interface TargetSpec {
	/** Short key, also the workflow's id suffix. */
	key: string;
	label: string;
	kind: 'trigger' | 'webhook';
	typeVersion: number;
	/** The trigger's parameters beside its events (Drop Redeliveries, say). */
	parameters?: Record<string, unknown>;
	/**
	 * A Webhook node's own secret check, n8n's Header Auth: the same job as the trigger's secret
	 * header, through a credential (the fair anchor; without it n8n checks nothing).
	 */
	headerAuth?: boolean;
}

export interface Target extends TargetSpec {
	workflowId: string;
	/** n8n's production URL on loopback: of each webhook processor, in queue mode. */
	urls: string[];
	headers: Record<string, string>;
}

/** The version a new 360dialog Trigger gets in the editor: what users run. */
export function triggerTypeVersion(): number {
	const { version, defaultVersion } = new Dialog360Trigger().description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

/** The trigger's node name in every bench workflow. */
export const TRIGGER_NODE = '360dialog Trigger';

/**
 * The Header Auth credential of the Webhook node targets: a header name and a secret as long as
 * the trigger's, which the load client sends as 360dialog sends the trigger's.
 */
export const HEADER_AUTH_CREDENTIAL: CredentialImport = {
	id: 'benchHeaderAuth01',
	name: 'Bench header auth',
	type: 'httpHeaderAuth',
	data: { name: 'X-Bench-Secret', value: randomBytes(32).toString('base64url') },
};

const headerAuthRef = () => ({
	[HEADER_AUTH_CREDENTIAL.type]: {
		id: HEADER_AUTH_CREDENTIAL.id,
		name: HEADER_AUTH_CREDENTIAL.name,
	},
});

/** n8n's workflow ids are 16 alphanumerics. */
export const workflowIdOf = (spec: TargetSpec) => `bench${spec.key}`.padEnd(16, '0').slice(0, 16);
const webhookPath = (spec: TargetSpec) => `bench-${spec.key}`;

export interface Built {
	spec: TargetSpec;
	workflow: Workflow;
	triggerWebhookId?: string;
}

/**
 * The same shape for every target: the trigger answering before the workflow runs (the Webhook
 * node with "respond immediately", the 360dialog Trigger always), then one No Operation node.
 */
export function buildWorkflows(specs: TargetSpec[], credential: CredentialImport): Built[] {
	const noOp = node('No Operation', 'n8n-nodes-base.noOp', 1, [300, 0]);
	return specs.map((spec) => {
		const triggerWebhookId = randomUUID();
		const start =
			spec.kind === 'trigger'
				? node(
						TRIGGER_NODE,
						TRIGGER_TYPE,
						spec.typeVersion,
						[0, 0],
						{ events: ['message', 'status', 'error'], options: {}, ...spec.parameters },
						{ webhookId: triggerWebhookId, credentials: credentialRef(credential) },
					)
				: node(
						'Webhook',
						'n8n-nodes-base.webhook',
						spec.typeVersion,
						[0, 0],
						{
							httpMethod: 'POST',
							path: webhookPath(spec),
							responseMode: 'onReceived',
							...(spec.headerAuth && { authentication: 'headerAuth' }),
							options: {},
						},
						{
							webhookId: randomUUID(),
							...(spec.headerAuth && { credentials: headerAuthRef() }),
						},
					);
		const built = workflow(workflowIdOf(spec), `Bench: ${spec.label}`, [start, { ...noOp }], {
			[start.name]: outputs(noOp.name),
		});
		return spec.kind === 'trigger'
			? { spec, workflow: built, triggerWebhookId }
			: { spec, workflow: built };
	});
}

/** The production URL the trigger registered with 360dialog (the emulator), for a webhook id. */
export const publicTriggerUrl = (webhookId: string) =>
	`https://${PUBLIC_HOST}/webhook/${webhookId}/webhook`;

/**
 * Where to send: each production URL on 127.0.0.1; a trigger's with the secret header it
 * registered with the emulator on activation (waits for that registration).
 */
export async function resolveTargets(built: Built[], stack: Stack): Promise<Target[]> {
	const json = { 'content-type': 'application/json' };
	// Production webhooks are served by the webhook processors in queue mode, else by n8n itself.
	const bases = stack.queue?.webhookProcessors.map((processor) => processor.url) ?? [stack.n8n.url];
	const targets: Target[] = [];
	for (const { spec, workflow: wf, triggerWebhookId } of built) {
		if (!triggerWebhookId) {
			const urls = bases.map((base) => `${base}/webhook/${webhookPath(spec)}`);
			const { name, value } = HEADER_AUTH_CREDENTIAL.data as { name: string; value: string };
			const headers = spec.headerAuth ? { ...json, [name]: value } : json;
			targets.push({ ...spec, workflowId: wf.id, urls, headers });
			continue;
		}
		const publicUrl = publicTriggerUrl(triggerWebhookId);
		const registered = await waitFor(
			`${spec.label} to register its destination`,
			() => stack.emulator.multiWebhook().destinations.find((d) => d.url === publicUrl),
			{ timeoutMs: 60_000 },
		);
		const secret = registered.headers[VERIFICATION_HEADER];
		if (!secret) throw new Error(`The destination has no ${VERIFICATION_HEADER} header`);
		targets.push({
			...spec,
			workflowId: wf.id,
			urls: bases.map((base) => `${base}${new URL(publicUrl).pathname}`),
			headers: { ...json, [VERIFICATION_HEADER]: secret },
		});
	}
	return targets;
}

/**
 * The number's main webhook, set before anything else: without one the trigger's activation fails
 * (360dialog copies to its destination only after the main webhook answered 200). Never contacted.
 */
export const BENCH_MAIN_WEBHOOK = { url: 'https://app.example.com/whatsapp' };

/** The stack every benchmark starts: its own temporary folders, Ctrl-C stops it. */
export const BENCH_STACK = { label: 'bench', stopOnSignals: true } as const;

/**
 * n8n's own Webhook node as the anchor: v2.1 (what a new node gets) with Header Auth, the same
 * job as the trigger's secret header, and without; v1 as a control (no webhook-phase shortcut).
 */
export const WEBHOOK_SPECS = {
	reference: { key: 'hookv21', label: 'n8n Webhook node v2.1', kind: 'webhook', typeVersion: 2.1 },
	referenceAuth: {
		key: 'hookauth',
		label: 'n8n Webhook node v2.1 with Header Auth',
		kind: 'webhook',
		typeVersion: 2.1,
		headerAuth: true,
	},
	control: { key: 'hookv1', label: 'n8n Webhook node v1', kind: 'webhook', typeVersion: 1 },
} satisfies Record<string, TargetSpec>;
