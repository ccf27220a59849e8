import { randomBytes } from 'node:crypto';
import { BlockList } from './blockList';
import { ProfileStore } from './businessProfile';
import { MediaStore } from './mediaStore';
import { DEFAULT_URL_LIFETIME_MS, MediaUrls } from './mediaUrls';
import type { StatusFeed } from './statusFeed';
import { statusNotification, type NumberIds, type StatusUpdate } from './statusNotifications';
import type { ReadReceipt, SentMessage, Template, TemplateInput } from './types';
import { isPlainObject } from './webhookRules';

/** 360dialog's customer-service window: 24 hours from the user's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

// Meta's code for a media send that fails after the 200; the contract says only that a webhook
// reports it (UNVERIFIED which code).
const MEDIA_FAILED: StatusUpdate = {
	status: 'failed',
	errors: [
		{
			code: 131053,
			title: 'Media upload error',
			message: 'Media upload error',
			error_data: { details: 'The media ID does not exist for this number' },
		},
	],
};

/**
 * Everything the emulated number knows about messaging: the 24-hour windows and incoming message
 * ids (from notifications delivered through the emulator, or control calls), the registered
 * templates, the messages and read receipts it accepted, and the media store with its URLs.
 */
export class Messaging {
	readonly media = new MediaStore();

	readonly mediaUrls = new MediaUrls();

	readonly blocked = new BlockList();

	readonly profiles = new ProfileStore();

	private windows = new Map<string, number>();

	private incoming = new Set<string>();

	private templateList: Template[] = [];

	private sent: SentMessage[] = [];

	private receipts: ReadReceipt[] = [];

	constructor(
		private readonly feed: StatusFeed,
		private readonly ids: () => NumberIds,
	) {}

	/** Each incoming message of a notification opens its sender's window (Cloud and On-Premise shapes). */
	noteIncoming(notification: unknown): void {
		for (const message of incomingMessages(notification)) {
			if (typeof message.id === 'string') this.incoming.add(message.id);
			if (typeof message.from === 'string') this.windows.set(message.from, Date.now());
		}
	}

	setWindow(waId: string, open: boolean): void {
		if (open) this.windows.set(waId, Date.now());
		else this.windows.delete(waId);
	}

	isWindowOpen(waId: string): boolean {
		const since = this.windows.get(waId);
		return since !== undefined && Date.now() - since < WINDOW_MS;
	}

	isIncoming(messageId: string): boolean {
		return this.incoming.has(messageId);
	}

	registerTemplates(inputs: TemplateInput[]): Template[] {
		const added = inputs.map(completeTemplate);
		for (const template of added) {
			this.templateList = this.templateList.filter(
				(t) => !(t.name === template.name && t.language === template.language),
			);
			this.templateList.push(template);
		}
		return structuredClone(added);
	}

	templates(): Template[] {
		return this.templateList;
	}

	/** Removes the templates of a name (every language, or the one with `id`); how many went. */
	removeTemplates(name: string, id?: string): number {
		const before = this.templateList.length;
		this.templateList = this.templateList.filter(
			(t) => !(t.name === name && (id === undefined || t.id === id)),
		);
		return before - this.templateList.length;
	}

	/** Records an accepted send and queues its statuses: sent then delivered (a reaction: sent only). */
	accept(body: Record<string, unknown>, waId: string): SentMessage {
		const message: SentMessage = {
			id: `wamid.${randomBytes(24).toString('base64url')}`,
			to: body.to as string,
			waId,
			type: body.type as string,
			body: structuredClone(body),
			status: 'accepted',
			at: Date.now(),
		};
		this.sent.push(message);
		this.report(message, this.statusesAfterSend(message));
		return message;
	}

	acceptReadReceipt(messageId: string, typingIndicator: boolean): void {
		this.receipts.push({ messageId, typingIndicator, at: Date.now() });
	}

	/** The `read` status of a sent message, as when the user opens it; resolves once delivered. */
	async markRead(messageId: string): Promise<void> {
		const message = this.sent.find((m) => m.id === messageId);
		if (!message) throw new TypeError(`No message ${messageId} was sent through this emulator`);
		this.report(message, [{ status: 'read' }]);
		await this.feed.idle();
	}

	messages(): SentMessage[] {
		return structuredClone(this.sent);
	}

	readReceipts(): ReadReceipt[] {
		return structuredClone(this.receipts);
	}

	reset(): void {
		this.media.clear();
		this.blocked.clear();
		this.profiles.clear();
		this.mediaUrls.lifetimeMs = DEFAULT_URL_LIFETIME_MS;
		this.windows.clear();
		this.incoming.clear();
		this.templateList = [];
		this.sent = [];
		this.receipts = [];
	}

	private statusesAfterSend(message: SentMessage): StatusUpdate[] {
		if (message.type === 'reaction') return [{ status: 'sent' }];
		const media = message.body[message.type];
		if (
			MEDIA_TYPES.has(message.type) &&
			isPlainObject(media) &&
			typeof media.id === 'string' &&
			!this.media.get(media.id)
		) {
			return [MEDIA_FAILED];
		}
		return [{ status: 'sent' }, { status: 'delivered' }];
	}

	private report(message: SentMessage, updates: StatusUpdate[]): void {
		const category = this.templateCategory(message);
		const notifications = updates.map((update) =>
			statusNotification(this.ids(), { ...message, category }, update),
		);
		this.feed.enqueue(notifications, (index) => {
			message.status = updates[index].status;
		});
	}

	private templateCategory(message: SentMessage): string | undefined {
		const template = message.body.template;
		if (message.type !== 'template' || !isPlainObject(template)) return undefined;
		const language = isPlainObject(template.language) ? template.language.code : undefined;
		const found = this.templateList.find(
			(t) => t.name === template.name && t.language === language,
		);
		return found?.category.toLowerCase();
	}
}

function completeTemplate(input: TemplateInput): Template {
	if (typeof input?.name !== 'string' || typeof input.language !== 'string') {
		throw new TypeError('A template needs a name and a language');
	}
	if (!Array.isArray(input.components))
		throw new TypeError('A template needs components (an array)');
	return {
		id: input.id ?? randomBytes(8).toString('hex'),
		name: input.name,
		language: input.language,
		status: input.status ?? 'approved',
		category: input.category ?? 'UTILITY',
		namespace: input.namespace ?? 'c8ae5f90_307a_ca4c_b8f6_d1e2a2573574',
		rejected_reason: input.rejected_reason ?? null,
		components: structuredClone(input.components),
	};
}

/** The messages of a notification: Cloud API's entry[].changes[].value.messages, or On-Premise's top level. */
function incomingMessages(notification: unknown): Array<Record<string, unknown>> {
	if (!isPlainObject(notification)) return [];
	const lists: unknown[] = [notification.messages];
	for (const entry of Array.isArray(notification.entry) ? notification.entry : []) {
		const changes = isPlainObject(entry) && Array.isArray(entry.changes) ? entry.changes : [];
		for (const change of changes) {
			if (isPlainObject(change) && isPlainObject(change.value)) lists.push(change.value.messages);
		}
	}
	return lists.flatMap((list) => (Array.isArray(list) ? list.filter(isPlainObject) : []));
}
