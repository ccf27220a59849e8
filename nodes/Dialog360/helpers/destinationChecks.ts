import type { MultiWebhookConfig } from '../../shared/multiWebhook';
import type { Destination, HeaderMap } from './types';

/** How a multi-webhook change shows in GET /multi_webhook once 360dialog has applied it. */

export function showsDestinations(config: MultiWebhookConfig, expected: Destination[]): boolean {
	return expected.every(({ name, url }) =>
		config.destinations.some((shown) => shown.name === name && shown.url === url),
	);
}

export function showsUpdate(config: MultiWebhookConfig, expected: Destination): boolean {
	const shown = config.destinations.find(({ name }) => name === expected.name);
	return (
		shown !== undefined &&
		shown.url === expected.url &&
		sameHeaders(shown.headers, expected.headers)
	);
}

export function lacksDestination(config: MultiWebhookConfig, name: string): boolean {
	return !config.destinations.some((shown) => shown.name === name);
}

function sameHeaders(shown: HeaderMap, expected: HeaderMap): boolean {
	const names = Object.keys(expected);
	return (
		Object.keys(shown).length === names.length &&
		names.every((name) => shown[name] === expected[name])
	);
}

export function quotedNames(destinations: Array<{ name: string }>): string {
	return destinations.map(({ name }) => `"${name}"`).join(', ');
}
