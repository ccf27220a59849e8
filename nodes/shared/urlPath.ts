/**
 * URL paths: how the trigger knows its own webhook URL whatever host n8n is reached under (a moved
 * N8N_WEBHOOK_URL, a tunnel, a reverse proxy).
 */

/** The URL's path, or undefined for text that is no URL. */
export function pathOf(url: string): string | undefined {
	try {
		return new URL(url).pathname;
	} catch {
		return undefined;
	}
}

/** Both are URLs, with the same path. */
export function samePath(a: string, b: string): boolean {
	const path = pathOf(a);
	return path !== undefined && path === pathOf(b);
}
