import type { IDataObject } from 'n8n-workflow';

import { flowReplyOf } from './flowReply';
import { compact, isRecord } from './itemFields';
import {
	buttonContentSchema,
	interactiveContentSchema,
	locationContentSchema,
	mediaContentSchema,
	reactionContentSchema,
	textContentSchema,
} from './schemas';

/** Adds the handy fields of one message type, read from the message's content (message[type]). */
type ContentReader = (content: Record<string, unknown>, item: IDataObject) => void;

const REPLY_KINDS = ['button_reply', 'list_reply'] as const;

function readText(content: Record<string, unknown>, item: IDataObject): void {
	const body = textContentSchema.parse(content).body;
	if (body !== undefined) item.text = body;
}

function readInteractive(content: Record<string, unknown>, item: IDataObject): void {
	const interactive = interactiveContentSchema.parse(content);
	for (const kind of REPLY_KINDS) {
		const reply = interactive[kind];
		if (interactive.type === kind && reply) {
			item.reply = { type: kind, ...compact(reply) };
		}
	}
	if (interactive.type === 'nfm_reply' && interactive.nfm_reply) {
		item.reply = flowReplyOf(interactive.nfm_reply);
	}
}

function readButton(content: Record<string, unknown>, item: IDataObject): void {
	const button = buttonContentSchema.parse(content);
	item.reply = { type: 'button', ...compact({ id: button.payload, title: button.text }) };
}

function readMedia(content: Record<string, unknown>, item: IDataObject): void {
	const media = compact(mediaContentSchema.parse(content));
	if (media) item.media = media;
}

function readLocation(content: Record<string, unknown>, item: IDataObject): void {
	const location = compact(locationContentSchema.parse(content));
	if (location) item.location = location;
}

function readReaction(content: Record<string, unknown>, item: IDataObject): void {
	const reaction = compact(reactionContentSchema.parse(content));
	if (reaction) item.reaction = reaction;
}

// A Map, not an object literal: a type such as 'constructor' must not find a prototype member.
const readers = new Map<string, ContentReader>([
	['text', readText],
	['interactive', readInteractive],
	['button', readButton],
	['image', readMedia],
	['audio', readMedia],
	['video', readMedia],
	['document', readMedia],
	['sticker', readMedia],
	['location', readLocation],
	['reaction', readReaction],
]);

/** Unknown types and unreadable contents add nothing: their item keeps just the common fields. */
export function addContentFields(type: string, content: unknown, item: IDataObject): void {
	const read = readers.get(type);
	if (read && isRecord(content)) read(content, item);
}
