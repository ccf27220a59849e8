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
	name: z.string(),
	language: z.string(),
	status: z.string().default(''),
	category: z.string().default(''),
	components: z.array(componentSchema).default([]),
});

const pageSchema = z.object({
	total: z.number().optional(),
	waba_templates: z.array(z.unknown()),
});

export type TemplateComponent = z.infer<typeof componentSchema>;
export type Template = z.infer<typeof templateSchema>;

/** Status is lower case in this endpoint and upper case in Graph's form: compare without case. */
export function isApproved(template: Template): boolean {
	return template.status.toLowerCase() === 'approved';
}

/**
 * The number's templates, page by page until `total` (or `max`) is reached; `name` filters on
 * 360dialog's side. Entries that are not templates are skipped.
 */
export async function listTemplates(
	context: Dialog360Context,
	options: { name?: string; max?: number; timeoutMs?: number } = {},
): Promise<Template[]> {
	const templates: Template[] = [];
	const max = options.max ?? Infinity;
	for (let offset = 0; templates.length < max; ) {
		const qs: IDataObject = { limit: PAGE_SIZE, offset, sort: 'id' };
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
					description: 'Expected {"total": number, "waba_templates": [...]}.',
				},
			);
		}
		const page = parsed.data;
		for (const entry of page.waba_templates) {
			const parsed = templateSchema.safeParse(entry);
			if (parsed.success) templates.push(parsed.data);
		}
		offset += page.waba_templates.length;
		if (page.waba_templates.length === 0 || offset >= (page.total ?? offset)) break;
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
