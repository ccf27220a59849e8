import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { callDialog360, type Dialog360Context } from '../../../shared/transport';

/** GET /v1/configs/templates pages hold up to 1000 (contract §4). */
const PAGE_SIZE = 1000;

const componentSchema = z.looseObject({
	type: z.string(),
	format: z.string().optional(),
	text: z.string().optional(),
	buttons: z
		.array(
			z.looseObject({ type: z.string(), text: z.string().optional(), url: z.string().optional() }),
		)
		.optional(),
});

const templateSchema = z.looseObject({
	id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
	name: z.string(),
	language: z.string(),
	status: z.string().default(''),
	category: z.string().default(''),
	components: z.array(componentSchema).default([]),
	rejected_reason: z.string().nullable().optional().catch(undefined),
	// 360dialog's and Meta's `quality_score: {score}`; `quality_rating` is an older Graph form.
	quality_score: z.looseObject({ score: z.string().optional() }).optional().catch(undefined),
	quality_rating: z.string().optional().catch(undefined),
});

/** 360dialog's list: a page at an offset, with the total (contract §4). */
const wabaPageSchema = z.object({
	total: z.number().optional(),
	waba_templates: z.array(z.unknown()),
});

/** Meta's Graph list, which 360dialog may pass through (UNVERIFIED on this path): cursor paging. */
const graphPageSchema = z.object({
	data: z.array(z.unknown()),
	paging: z
		.object({
			next: z.string().optional(),
			cursors: z.object({ after: z.string().optional() }).optional(),
		})
		.optional(),
});

const pageSchema = z.union([wabaPageSchema, graphPageSchema]);

interface Page {
	entries: unknown[];
	/** The query that fetches the next page, or undefined on the last one. */
	next?: IDataObject;
}

/** Either list shape as its entries and the way to the next page. */
function readPage(page: z.infer<typeof pageSchema>, offset: number): Page {
	if ('waba_templates' in page) {
		const entries = page.waba_templates;
		const nextOffset = offset + entries.length;
		const last = entries.length === 0 || nextOffset >= (page.total ?? nextOffset);
		return { entries, next: last ? undefined : { offset: nextOffset } };
	}
	const after = page.paging?.cursors?.after;
	const last = page.data.length === 0 || !page.paging?.next || !after;
	return { entries: page.data, next: last ? undefined : { after } };
}

export type TemplateComponent = z.infer<typeof componentSchema>;
export type Template = z.infer<typeof templateSchema>;

/** Status is lower case in this endpoint and upper case in Graph's form: compare without case. */
export function isApproved(template: Template): boolean {
	return template.status.toLowerCase() === 'approved';
}

/**
 * The number's templates, page by page until the last page (or `max`); `name` filters on
 * 360dialog's side. Both list shapes are read: 360dialog's `waba_templates` with `total` (paged
 * by offset) and Meta's `data` with `paging` (paged by the `after` cursor). Entries that are not
 * templates are skipped.
 */
export async function listTemplates(
	context: Dialog360Context,
	options: { name?: string; max?: number; timeoutMs?: number } = {},
): Promise<Template[]> {
	const templates: Template[] = [];
	const max = options.max ?? Infinity;
	let position: IDataObject | undefined = { offset: 0 };
	while (position && templates.length < max) {
		const qs: IDataObject = { limit: PAGE_SIZE, ...position, sort: 'id' };
		if (options.name) qs.filters = JSON.stringify({ 'business_templates.name': options.name });
		const answer = await callDialog360(context, 'GET', '/v1/configs/templates', {
			qs,
			timeoutMs: options.timeoutMs,
		});
		const parsed = pageSchema.safeParse(answer);
		if (!parsed.success) {
			throw new NodeApiError(
				context.getNode(),
				{ body: JSON.stringify(answer ?? null).slice(0, 300) },
				{
					message: '360dialog answered GET /v1/configs/templates with an unexpected body',
					description:
						'Expected {"total": number, "waba_templates": [...]} or {"data": [...], "paging": {...}}.',
				},
			);
		}
		const page = readPage(parsed.data, Number(position.offset ?? 0));
		for (const entry of page.entries) {
			const template = templateSchema.safeParse(entry);
			if (template.success) templates.push(template.data);
		}
		position = page.next;
	}
	return templates.slice(0, max);
}

/** One template in one language, or undefined (with the language empty: the first approved one). */
export function findTemplate(
	templates: Template[],
	name: string,
	language: string,
): Template | undefined {
	const approved = templates.filter((template) => template.name === name && isApproved(template));
	return language ? approved.find((template) => template.language === language) : approved[0];
}
