/**
 * 360dialog's documented rules for webhook configuration, checked before any call so that a
 * mistake is named precisely instead of coming back as a vague 400 (or, for the trigger, as a
 * half-made registration).
 */

export const MAX_DESTINATIONS = 3;

export interface DestinationLike {
	name: string;
	url: string;
	headers?: Record<string, string>;
}

/** Why a webhook URL breaks 360dialog's rules, or undefined when it is acceptable. */
export function webhookUrlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `"${url}" is not an absolute URL. Use a full URL such as https://example.com/webhook`;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return `"${url}" must start with https:// (or http://)`;
	}
	if (parsed.hostname.includes('_')) {
		return `The host name "${parsed.hostname}" contains "_", which 360dialog refuses in webhook URLs. Use a host name without underscores`;
	}
	// URL drops a port that matches the scheme's default, so look at the raw authority too.
	const authority = url.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0] ?? '';
	if (parsed.port !== '' || /:\d*$/.test(authority)) {
		return `"${url}" names a port, which 360dialog refuses in webhook URLs. Serve it on the default port, for example behind a reverse proxy`;
	}
	return undefined;
}

/** Why a header set breaks 360dialog's rules, or undefined. */
export function headerNamesProblem(
	headers: Record<string, string> | undefined,
): string | undefined {
	for (const name of Object.keys(headers ?? {})) {
		if (name.trim() === '') return 'A header has an empty name';
		if (name.includes('_')) {
			return `The header name "${name}" contains "_", which 360dialog refuses. Use "-" instead`;
		}
	}
	return undefined;
}

/** Names that appear twice, compared exactly as 360dialog does (case-sensitive). */
export function duplicateNames(names: string[]): string[] {
	const seen = new Set<string>();
	const duplicates = new Set<string>();
	for (const name of names) {
		if (seen.has(name)) duplicates.add(name);
		seen.add(name);
	}
	return [...duplicates];
}
