import type { ApiContext, ApiRequest } from './apiContext';
import { errorResponse, ok, type ApiResponse } from './apiResponses';
import { checkTemplateCreate } from './templateCreateRules';
import type { TemplateComponent } from './types';
import { isPlainObject } from './webhookRules';

const NAME_FILTER = 'business_templates.name';

function fail(message: string): ApiResponse {
	return errorResponse('meta', 400, message);
}

function wholeNumber(raw: string | null, fallback: number, min: number): number | undefined {
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	return Number.isInteger(value) && value >= min ? value : undefined;
}

/**
 * GET /v1/configs/templates?limit&offset&sort&filters: one page of the number's templates, with
 * `total` for paging. A page holds at most `templatePageSize`, whatever `limit` asks (the
 * emulator's way to make clients page). Only the name filter is documented; other keys are ignored.
 */
export function getTemplates(ctx: ApiContext, request: ApiRequest): ApiResponse {
	const params = new URLSearchParams(request.query ?? '');
	const limit = wholeNumber(params.get('limit'), 1000, 1);
	const offset = wholeNumber(params.get('offset'), 0, 0);
	if (limit === undefined) return fail('limit must be a whole number of at least 1');
	if (offset === undefined) return fail('offset must be a whole number of at least 0');
	let filters: Record<string, unknown> = {};
	const rawFilters = params.get('filters');
	if (rawFilters) {
		try {
			const parsed: unknown = JSON.parse(rawFilters);
			if (!isPlainObject(parsed)) throw new TypeError('not an object');
			filters = parsed;
		} catch {
			return fail(
				'filters must be a JSON object, such as {"business_templates.name": "order_update"}',
			);
		}
	}
	const name = filters[NAME_FILTER];
	const matching = ctx.messaging
		.templates()
		.filter((template) => name === undefined || template.name === name);
	const page = matching.slice(offset, offset + Math.min(limit, ctx.templatePageSize));
	return ok({
		count: page.length,
		total: matching.length,
		limit,
		offset,
		sort: [params.get('sort') || 'id'],
		filters,
		waba_templates: structuredClone(page),
	});
}

/**
 * POST /v1/configs/templates: checks the new template as WhatsApp does and keeps it as `pending`
 * (WhatsApp reviews it; a control call approves it). The answer is the stored template: its exact
 * shape is UNVERIFIED (360dialog's page shows the request only).
 */
export function postTemplate(ctx: ApiContext, body: Record<string, unknown>): ApiResponse {
	const problem = checkTemplateCreate(ctx.messaging.templates(), body);
	if (problem) return fail(problem);
	const [created] = ctx.messaging.registerTemplates([
		{
			name: body.name as string,
			language: body.language as string,
			category: body.category as string,
			status: 'pending',
			components: body.components as TemplateComponent[],
		},
	]);
	return ok(created);
}

/**
 * DELETE /v1/configs/templates/{name}: every language of the name (UNVERIFIED: client code and an
 * older 360dialog page); `?hsm_id=` deletes one template, as Meta's Graph API does (UNVERIFIED on
 * 360dialog's path). 404 when nothing matches.
 */
export function deleteTemplate(ctx: ApiContext, request: ApiRequest): ApiResponse {
	const name = decodeURIComponent(request.path.slice(TEMPLATE_PATH_PREFIX.length));
	const id = new URLSearchParams(request.query ?? '').get('hsm_id') ?? undefined;
	const removed = ctx.messaging.removeTemplates(name, id);
	if (removed === 0) {
		return errorResponse(
			'meta',
			404,
			`Template ${name}${id === undefined ? '' : ` with id ${id}`} does not exist`,
		);
	}
	return ok({ success: true });
}

export const TEMPLATE_PATH_PREFIX = '/v1/configs/templates/';
