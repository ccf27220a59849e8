import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { withoutKey } from '../apiErrors';
import { readCredentials, type Dialog360Context } from '../transport';

/** Header name -> value, as 360dialog stores and sends them with every notification. */
export type HeaderMap = Record<string, string>;

export const headersSchema = z
	.record(z.string(), z.string())
	.nullish()
	.transform((headers): HeaderMap => headers ?? {});

/** A URL and the headers 360dialog sends to it: what every kind of webhook shows. */
export interface WebhookTarget {
	url: string;
	headers?: HeaderMap;
}

/** Exactly the expected headers, no more and no fewer: how a change of headers alone shows. */
export function sameHeaders(shown: HeaderMap, expected: HeaderMap = {}): boolean {
	const names = Object.keys(expected);
	return (
		Object.keys(shown).length === names.length &&
		names.every((name) => shown[name] === expected[name])
	);
}

export function showsTarget(shown: { url: string; headers: HeaderMap }, expected: WebhookTarget) {
	return shown.url === expected.url && sameHeaders(shown.headers, expected.headers);
}

/** A read answered with a body this package cannot use: say what came, never the key. */
export async function unexpectedBody(
	context: Dialog360Context,
	call: string,
	body: unknown,
	expected: string,
): Promise<NodeApiError> {
	const { apiKey } = await readCredentials(context);
	return new NodeApiError(
		context.getNode(),
		{ call, body: withoutKey(JSON.stringify(body) ?? '', apiKey).slice(0, 500) } as JsonObject,
		{
			message: `360dialog answered ${call} with an unexpected body`,
			description: `Expected ${expected}.`,
		},
	);
}
