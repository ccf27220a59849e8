import type { ApiContext, ApiRequest } from './apiContext';
import { graphError, ok, type ApiResponse } from './apiResponses';
import { BLOCK_REQUEST_MAX, BLOCKLIST_MAX, type BlockedUser } from './blockList';
import { recipientWaId } from './messageRules';
import { isPlainObject } from './webhookRules';

/*
 * /block_users, as 360dialog's API reference ("Block Users") and Meta's page describe it: POST
 * blocks and DELETE unblocks a list ({"messaging_product", "block_users": [{"user"}]}), answering
 * per user (`added_users` or `removed_users`, and `failed_users` with their errors); GET lists
 * ({"data": [{"block_users": [...]}], "paging"}). When some users fail, the answer is a 400 that
 * carries both the error and the per-user lists (360dialog's BlockUsersErrorResponse). The codes
 * 139100-139102 are Meta's Block Users codes as client code uses them: UNVERIFIED.
 */

interface FailedUser extends BlockedUser {
	errors: Array<{ message: string; code: number; error_data: { details: string } }>;
}

const NOT_ENGAGED = 139102;
const LIST_FULL = 139101;
const SOME_FAILED = 139100;

function failedUser(user: BlockedUser, code: number, details: string): FailedUser {
	const message = code === NOT_ENGAGED ? 'Re-engagement check failed' : 'Blocklist limit reached';
	return { ...user, errors: [{ message, code, error_data: { details } }] };
}

type Action = 'block' | 'unblock';

function readUsers(body: Record<string, unknown>): string[] | ApiResponse {
	if (body.messaging_product !== 'whatsapp') {
		return graphError(400, 100, 'Param messaging_product is required and must be "whatsapp"');
	}
	const { block_users: users } = body;
	if (!Array.isArray(users) || users.length === 0) {
		return graphError(400, 100, 'Param block_users must be a non-empty array of {"user"}');
	}
	if (users.length > BLOCK_REQUEST_MAX) {
		return graphError(400, 100, `Param block_users holds at most ${BLOCK_REQUEST_MAX} users`);
	}
	const inputs = users.map((user) => (isPlainObject(user) ? user.user : undefined));
	const bad = inputs.findIndex((input) => typeof input !== 'string' || input === '');
	if (bad !== -1) return graphError(400, 100, `Param block_users[${bad}].user is required`);
	return inputs as string[];
}

function change(ctx: ApiContext, action: Action, body: Record<string, unknown>): ApiResponse {
	const inputs = readUsers(body);
	if (!Array.isArray(inputs)) return inputs;
	const { blocked } = ctx.messaging;
	const done: BlockedUser[] = [];
	const failed: FailedUser[] = [];
	for (const input of inputs) {
		const user = { input, wa_id: recipientWaId(input) ?? input };
		if (action === 'unblock') {
			blocked.remove(user.wa_id);
			done.push(user);
		} else if (!ctx.messaging.isWindowOpen(user.wa_id)) {
			failed.push(
				failedUser(user, NOT_ENGAGED, 'The user has not messaged this number in the last 24 hours'),
			);
		} else if (!blocked.has(user.wa_id) && blocked.size >= BLOCKLIST_MAX) {
			failed.push(
				failedUser(user, LIST_FULL, `The blocklist holds at most ${BLOCKLIST_MAX} users`),
			);
		} else {
			blocked.add(user);
			done.push(user);
		}
	}
	const lists = {
		[action === 'block' ? 'added_users' : 'removed_users']: done,
		...(failed.length > 0 ? { failed_users: failed } : {}),
	};
	const answer = { messaging_product: 'whatsapp', block_users: lists };
	if (failed.length === 0) return ok(answer);
	const error = graphError(400, SOME_FAILED, 'Failed to block/unblock users');
	return { status: 400, body: { ...answer, ...(error.body as Record<string, unknown>) } };
}

export const postBlockUsers = (ctx: ApiContext, body: Record<string, unknown>) =>
	change(ctx, 'block', body);

export const deleteBlockUsers = (ctx: ApiContext, body: Record<string, unknown>) =>
	change(ctx, 'unblock', body);

/** GET /block_users?limit&after: a page of the blocklist, Graph-style cursors (an offset here). */
export function getBlockUsers(ctx: ApiContext, request: ApiRequest): ApiResponse {
	const params = new URLSearchParams(request.query ?? '');
	const limit = Number(params.get('limit') ?? 100);
	if (!Number.isInteger(limit) || limit < 1) {
		return graphError(400, 100, 'Param limit must be a whole number of at least 1');
	}
	const after = params.get('after');
	const start = after === null ? 0 : Number(Buffer.from(after, 'base64url').toString('utf8'));
	if (!Number.isInteger(start) || start < 0)
		return graphError(400, 100, 'Param after is not a cursor');
	const all = ctx.messaging.blocked.list();
	const page = all.slice(start, start + Math.min(limit, ctx.templatePageSize));
	const cursor = (index: number) => Buffer.from(String(index)).toString('base64url');
	const end = start + page.length;
	return ok({
		data: [{ block_users: page }],
		paging: {
			cursors: { before: cursor(start), after: cursor(end) },
			...(end < all.length ? { next: `/block_users?limit=${limit}&after=${cursor(end)}` } : {}),
		},
	});
}
