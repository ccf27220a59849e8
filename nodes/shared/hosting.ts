/** Where each kind of 360dialog number is served. Custom covers proxies and the local emulator. */
export const HOSTING_BASE_URLS = {
	cloud: 'https://waba-v2.360dialog.io',
	onPremise: 'https://waba.360dialog.io',
	sandbox: 'https://waba-sandbox.360dialog.io',
} as const;

export type Hosting = keyof typeof HOSTING_BASE_URLS | 'custom';

export interface Dialog360Credentials {
	apiKey: string;
	hosting: Hosting;
	baseUrl?: string;
}

export const CREDENTIAL_TYPE = 'dialog360Api';

/** The same choice as a credential expression, so the credential test reaches the right host. */
export const BASE_URL_EXPRESSION = `={{ $credentials.hosting === "custom" ? $credentials.baseUrl : ${JSON.stringify(
	HOSTING_BASE_URLS,
)}[$credentials.hosting] }}`;

/** Returns the base URL without a trailing slash, or undefined when a custom one is missing or not http(s). */
export function baseUrlOf(credentials: Dialog360Credentials): string | undefined {
	const raw =
		credentials.hosting === 'custom' ? credentials.baseUrl : HOSTING_BASE_URLS[credentials.hosting];
	if (!raw || !/^https?:\/\/[^/]/i.test(raw)) return undefined;
	return raw.replace(/\/+$/, '');
}
