import type { IDataObject } from 'n8n-workflow';

import { isRecord } from './itemFields';
import type { NfmReplyContent } from './schemas';

/*
 * A WhatsApp Flow's answer: `interactive.type = "nfm_reply"`, with `nfm_reply.name` "flow" and the
 * answers in `response_json`, a JSON string (Meta's "Receiving Flow Response" page). The builder
 * wants the answers as fields, so the string is parsed; one that does not parse to an object is
 * kept as it came, with `response_unreadable` saying why, so nothing the user sent is lost.
 */

type ParsedResponse = { response: IDataObject } | { unreadable: string };

function parseResponse(responseJson: string): ParsedResponse {
	let parsed: unknown;
	try {
		parsed = JSON.parse(responseJson);
	} catch (error) {
		return { unreadable: `response_json is not valid JSON (${(error as Error).message})` };
	}
	if (!isRecord(parsed)) return { unreadable: 'response_json is JSON but not an object' };
	return { response: parsed as IDataObject };
}

/**
 * The item's `reply` for an nfm_reply: `type` "flow" (the only name Meta documents for Flows;
 * another name, such as India's "address_message", keeps `type` "nfm_reply" and its `name`).
 */
export function flowReplyOf(content: NfmReplyContent): IDataObject {
	const isFlow = content.name === undefined || content.name === 'flow';
	const reply: IDataObject = { type: isFlow ? 'flow' : 'nfm_reply' };
	if (content.name !== undefined) reply.name = content.name;
	if (content.body !== undefined) reply.body = content.body;
	if (content.response_json === undefined) return reply;

	const parsed = parseResponse(content.response_json);
	if ('unreadable' in parsed) {
		reply.response_json = content.response_json;
		reply.response_unreadable = parsed.unreadable;
		return reply;
	}
	// The flow token is how a builder tells which Flow (and which send) answered: Meta sends no flow id.
	if (typeof parsed.response.flow_token === 'string') reply.flow_token = parsed.response.flow_token;
	reply.response = parsed.response;
	return reply;
}
