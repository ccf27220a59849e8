import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../parameters/invalidParameter';
import type { HeaderMap } from '../../../shared/webhooks/webhook';

/** The header 360dialog documents for a webhook behind Basic auth: Basic base64(user:pass). */
function basicAuthorization(user: string, password: string): string {
	// UTF-8, as RFC 7617 recommends; btoa would fail on anything outside Latin-1.
	return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** The headers plus Authorization when Add Basic Auth is on. */
export function withBasicAuth(
	context: IExecuteFunctions,
	itemIndex: number,
	headers: HeaderMap,
): HeaderMap {
	if (!context.getNodeParameter('basicAuth', itemIndex, false)) return headers;
	const scope = { node: context.getNode(), itemIndex };
	const user = context.getNodeParameter('basicAuthUser', itemIndex, '') as string;
	const password = context.getNodeParameter('basicAuthPassword', itemIndex, '') as string;
	if (user === '' || user.includes(':')) {
		throw invalidParameter(
			scope,
			`Invalid Basic Auth User "${user}"`,
			'Enter the user name the webhook expects. Basic auth cannot carry a ":" in the user name.',
		);
	}
	if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
		throw invalidParameter(
			scope,
			'Authorization header given twice',
			'Add Basic Auth sets the Authorization header: remove it from Headers, or turn Add Basic Auth off.',
		);
	}
	return { ...headers, Authorization: basicAuthorization(user, password) };
}
