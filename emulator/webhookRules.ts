import type { Destination } from './types';

/** Either the checked value or the 400 message that names the problem. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

// RFC 9110 token characters; 360dialog additionally refuses '_' (checked first, with its own message).
const HEADER_NAME = /^[!#$%&'*+\-.^`|~0-9A-Za-z]+$/;
const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 360dialog (Cloud API): absolute http(s) URL, no '_' and no ':port' in the host name. */
export function checkWebhookUrl(url: unknown): string | undefined {
	if (typeof url !== 'string' || url.trim() === '') return 'url must be a non-empty string';
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `Invalid webhook URL: ${url}`;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return `Invalid webhook URL: ${url} (only http and https are supported)`;
	}
	if (parsed.hostname.includes('_')) {
		return `Invalid webhook URL: ${url} ('_' is not allowed in the host name)`;
	}
	// URL drops a default port (https://x:443 -> ''), so look at the authority as written.
	if (hasExplicitPort(url)) {
		return `Invalid webhook URL: ${url} (a ':port' is not allowed in the host name)`;
	}
	return undefined;
}

function hasExplicitPort(url: string): boolean {
	const authority = AUTHORITY.exec(url.trim())?.[1] ?? '';
	const host = authority.slice(authority.lastIndexOf('@') + 1);
	return host.startsWith('[') ? host.includes(']:') : host.includes(':');
}

/** Headers are optional; when given, a flat object of string values with '_'-free names. */
export function checkHeaders(headers: unknown): Checked<Record<string, string> | undefined> {
	if (headers === undefined) return { ok: true, value: undefined };
	if (!isPlainObject(headers)) return { ok: false, error: 'headers must be an object' };
	const value: Record<string, string> = {};
	for (const [name, headerValue] of Object.entries(headers)) {
		if (name.includes('_')) {
			return { ok: false, error: `Header name '${name}' must not contain '_'` };
		}
		if (!HEADER_NAME.test(name)) {
			return { ok: false, error: `Header name '${name}' is not a valid HTTP header name` };
		}
		if (typeof headerValue !== 'string') {
			return { ok: false, error: `Header '${name}' must have a string value` };
		}
		if (/[\r\n\0]/.test(headerValue)) {
			return { ok: false, error: `Header '${name}' has a value with a line break` };
		}
		value[name] = headerValue;
	}
	return { ok: true, value };
}

/** A webhook as POST /v1/configs/webhook and POST /waba_webhook take it. */
export function checkWebhook(
	body: Record<string, unknown>,
): Checked<{ url: string; headers?: Record<string, string> }> {
	const urlError = checkWebhookUrl(body.url);
	if (urlError) return { ok: false, error: urlError };
	const headers = checkHeaders(body.headers);
	if (!headers.ok) return headers;
	const url = body.url as string;
	return { ok: true, value: headers.value ? { url, headers: headers.value } : { url } };
}

export function checkDestination(value: unknown): Checked<Destination> {
	if (!isPlainObject(value)) return { ok: false, error: 'Each destination must be an object' };
	if (typeof value.name !== 'string' || value.name === '') {
		return { ok: false, error: 'Destination name must be a non-empty string' };
	}
	const webhook = checkWebhook(value);
	if (!webhook.ok) return webhook;
	return {
		ok: true,
		value: { name: value.name, url: webhook.value.url, headers: webhook.value.headers ?? {} },
	};
}

export function checkDestinations(values: unknown[]): Checked<Destination[]> {
	const destinations: Destination[] = [];
	for (const value of values) {
		const destination = checkDestination(value);
		if (!destination.ok) return destination;
		destinations.push(destination.value);
	}
	return { ok: true, value: destinations };
}
