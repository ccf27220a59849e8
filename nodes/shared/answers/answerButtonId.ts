import { createHash } from 'crypto';

/**
 * The reply-button ids of Send and Wait for Response, read by the 360dialog Trigger. An id holds
 * the path of n8n's signed resume URL (`/webhook-waiting/<execution>/<node>?approved=…&to=…&signature=…`):
 * only the recipient's WhatsApp sees it, n8n's signature makes it unforgeable, n8n's waiting state
 * makes it single-use, and `to` binds it to the recipient, so no other customer can answer with
 * it. The trigger sends it to its own n8n only (never to a host the id names: it names none).
 */
export const ANSWER_ID_PREFIX = 'n8n-answer:';

/** WhatsApp's limit for a reply button's id. */
export const MAX_BUTTON_ID_LENGTH = 256;

/** A short, one-way tag of the recipient's number (digits only), signed into the resume URL. */
export function recipientTag(waId: string): string {
	return createHash('sha256').update(waId.replace(/\D/g, '')).digest('hex').slice(0, 16);
}

/** The button id for a signed resume URL, or undefined where WhatsApp's limit cannot hold it. */
export function answerButtonId(signedResumeUrl: string): string | undefined {
	const url = new URL(signedResumeUrl);
	const id = `${ANSWER_ID_PREFIX}${url.pathname}${url.search}`;
	return id.length <= MAX_BUTTON_ID_LENGTH ? id : undefined;
}

// n8n's resume path: any base path, then the waiting endpoint, the execution id and the node id.
const RESUME_PATH = /^(?:\/[\w.~%-]+)*\/\d+\/[\w.~%-]+$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * The resume path and query an answer button carries, or undefined for any other id (a builder's
 * own buttons, or something that only looks like ours).
 */
export function resumePathOf(buttonId: unknown): string | undefined {
	if (typeof buttonId !== 'string' || !buttonId.startsWith(ANSWER_ID_PREFIX)) return undefined;
	const pathAndQuery = buttonId.slice(ANSWER_ID_PREFIX.length);
	let url: URL;
	try {
		url = new URL(pathAndQuery, 'http://n8n.invalid');
	} catch {
		return undefined;
	}
	if (`${url.pathname}${url.search}` !== pathAndQuery) return undefined;
	if (!RESUME_PATH.test(url.pathname)) return undefined;
	if (!SIGNATURE.test(url.searchParams.get('signature') ?? '')) return undefined;
	return pathAndQuery;
}

/**
 * The resume path of a trigger item that is a tap on an answer button, or undefined for any
 * other item (the trigger's filters and its execute() both ask).
 */
export function answerTapPath(item: { reply?: unknown }): string | undefined {
	const reply = item.reply as { type?: unknown; id?: unknown } | undefined;
	return reply?.type === 'button_reply' ? resumePathOf(reply.id) : undefined;
}
