import type { IWebhookFunctions } from 'n8n-workflow';

import { pathOf, samePath } from './urlPath';

/**
 * Every n8n API the nodes call that not every supported n8n version has (1.123.x and 2.x; see
 * ARCHITECTURE.md, "n8n versions"), each behind a feature check with a fallback that behaves the
 * same. A package installs into whatever n8n a builder runs: a missing method must never become
 * a 500 that 360dialog redelivers for days.
 */

/** n8n-core 2.x only; 1.x's webhook context has just getNodeWebhookUrl, which is always production. */
type ResourceUrlReader = Partial<Pick<IWebhookFunctions, 'getWebhookResourceUrl'>>;

/**
 * Tells whether a URL this node registered is the one the current request came in on, the test
 * URL (`/webhook-test/…`) or the production one.
 *
 * n8n 2.x says which URL was called (getWebhookResourceUrl). n8n 1.x does not, so there the path
 * of the request decides: a registered URL matches when its path ends with the request's path,
 * which also holds behind a reverse proxy that serves n8n under a path prefix.
 */
export function calledUrlMatcher(context: IWebhookFunctions): (registeredUrl: string) => boolean {
	const resourceUrl = (context as ResourceUrlReader).getWebhookResourceUrl?.call(
		context,
		'default',
	);
	if (resourceUrl !== undefined) return (registeredUrl) => samePath(registeredUrl, resourceUrl);
	const requested = requestPathOf(context);
	return (registeredUrl) => {
		const registered = pathOf(registeredUrl);
		return requested !== undefined && registered !== undefined && registered.endsWith(requested);
	};
}

/** The path n8n received the request on (Express's originalUrl, before any routing strips it). */
function requestPathOf(context: IWebhookFunctions): string | undefined {
	const request = context.getRequestObject();
	const path = pathOf(`http://n8n${request.originalUrl ?? request.url ?? ''}`);
	// "/" alone would end every registered path: n8n routes webhooks only below their endpoint.
	return path === undefined || path === '/' ? undefined : path;
}
