import { request } from 'undici';
import type { Emulator } from '../../emulator';

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	text: string;
}

/** One real HTTP call; the body is parsed as JSON when it is JSON. */
export async function call(
	emulator: Emulator,
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
	path: string,
	options: { body?: unknown; rawBody?: string; key?: string | null; timeoutMs?: number } = {},
): Promise<Reply> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const key = options.key === undefined ? emulator.apiKey : options.key;
	if (key !== null) headers['D360-API-KEY'] = key;
	const body =
		options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const response = await request(`${emulator.url}${path}`, {
		method,
		headers,
		body,
		headersTimeout: options.timeoutMs,
	});
	const responseText = await response.body.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(responseText);
	} catch {
		parsed = undefined;
	}
	return {
		status: response.statusCode,
		headers: response.headers,
		body: parsed,
		text: responseText,
	};
}

/** A valid destination whose URL and header derive from its name. */
export function destination(name: string, url?: string) {
	const host = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	return {
		name,
		url: url ?? `https://${host}.example.com/hook`,
		headers: { Authorization: `Bearer ${host}` },
	};
}
