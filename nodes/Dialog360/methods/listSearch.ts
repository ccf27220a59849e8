import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readMultiWebhook } from '../../shared/multiWebhook';

/** The number's multi-webhook destinations, by name, with their URL to tell them apart. */
export async function getDestinations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { destinations } = await readMultiWebhook.call(this);
	const wanted = filter?.trim().toLowerCase() ?? '';
	const matching = destinations.filter(
		({ name, url }) => name.toLowerCase().includes(wanted) || url.toLowerCase().includes(wanted),
	);
	return {
		results: matching.map(({ name, url }) => ({ name, value: name, description: url })),
	};
}
