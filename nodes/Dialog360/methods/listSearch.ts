import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readMultiWebhook } from '../../shared/webhooks/multiWebhook';
import { isApproved, listTemplates } from '../helpers/templates/templates';

/** The number's multi-webhook destinations, by name, with their URL to tell them apart. */
export async function getDestinations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { destinations } = await readMultiWebhook(this);
	const wanted = filter?.trim().toLowerCase() ?? '';
	const matching = destinations.filter(
		({ name, url }) => name.toLowerCase().includes(wanted) || url.toLowerCase().includes(wanted),
	);
	return {
		results: matching.map(({ name, url }) => ({ name, value: name, description: url })),
	};
}

/**
 * The number's approved templates, one entry per name, with their category and languages (the
 * language is picked next). Only approved templates can be sent.
 */
export async function getTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const wanted = filter?.trim().toLowerCase() ?? '';
	const languages = new Map<string, { category: string; languages: string[] }>();
	for (const template of await listTemplates(this)) {
		if (!isApproved(template) || !template.name.toLowerCase().includes(wanted)) continue;
		const entry = languages.get(template.name) ?? { category: template.category, languages: [] };
		entry.languages.push(template.language);
		languages.set(template.name, entry);
	}
	const results = [...languages.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, entry]) => ({
			name,
			value: name,
			description: [entry.category, entry.languages.join(', ')].filter(Boolean).join(' · '),
		}));
	return { results };
}
