import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../calls/options';
import { whatsAppDigits } from '../messages/recipient';
import { invalidParameter } from '../parameters/invalidParameter';

/*
 * Meta's Block Users API, which 360dialog serves on /block_users (360dialog's API reference,
 * "Block Users"; Meta's "Block users" page): POST blocks and DELETE unblocks up to 1,000 users a
 * request, answering per user. Only users who wrote in the last 24 hours can be blocked, and the
 * blocklist holds 64,000: both are WhatsApp's to check, per user, so they come back as failed users.
 */

/** Meta: "Each request can include a maximum of 1,000 users." */
export const BLOCK_REQUEST_MAX = 1000;

const userResultSchema = z.looseObject({
	input: z.string().optional(),
	wa_id: z.string().optional(),
	errors: z
		.array(
			z.looseObject({
				code: z.number().optional(),
				message: z.string().optional(),
				error_data: z.looseObject({ details: z.string().optional() }).optional(),
			}),
		)
		.optional(),
});
type UserResult = z.infer<typeof userResultSchema>;

const changeAnswerSchema = z.object({
	block_users: z.object({
		added_users: z.array(userResultSchema).optional(),
		removed_users: z.array(userResultSchema).optional(),
		failed_users: z.array(userResultSchema).optional(),
	}),
});

/** A partial failure is a 400 whose body still lists each user's result. */
const hasPerUserResults = (body: unknown) =>
	(changeAnswerSchema.safeParse(body).data?.block_users.failed_users?.length ?? 0) > 0;

/**
 * The Users parameter: phone numbers or WhatsApp IDs, as a list from an expression or as text
 * separated by commas, semicolons or new lines; each checked, repeats dropped.
 */
export function readUsers(context: IExecuteFunctions, itemIndex: number): string[] {
	const scope = { node: context.getNode(), itemIndex };
	const value = context.getNodeParameter('users', itemIndex, '') as unknown;
	const entries = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,;\n]/))
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) {
		throw invalidParameter(
			scope,
			'Users is empty',
			'Enter at least one phone number with its country code, or a WhatsApp ID (the "from" of a message the trigger received).',
		);
	}
	const users = entries.map((entry) => {
		const digits = whatsAppDigits(entry);
		if (digits === undefined) {
			throw invalidParameter(
				scope,
				`Invalid user "${entry}" in Users`,
				'Enter phone numbers with their country code, such as +49 176 1234567, or WhatsApp IDs, separated by commas.',
			);
		}
		return digits;
	});
	const unique = [...new Set(users)];
	if (unique.length > BLOCK_REQUEST_MAX) {
		throw invalidParameter(
			scope,
			`${unique.length} users: WhatsApp takes at most ${BLOCK_REQUEST_MAX} per request`,
			`Split the list: use several input items of up to ${BLOCK_REQUEST_MAX} users each.`,
		);
	}
	return unique;
}

function userItem(user: UserResult, status: string): IDataObject {
	const item: IDataObject = { user: user.input, wa_id: user.wa_id, status };
	const [error] = user.errors ?? [];
	if (error)
		item.error = { code: error.code, message: error.message, details: error.error_data?.details };
	return item;
}

/** Blocks or unblocks the users of one input item: one output item per user, failed ones marked. */
export async function changeBlocklist(
	context: IExecuteFunctions,
	itemIndex: number,
	change: 'block' | 'unblock',
): Promise<IDataObject[]> {
	const users = readUsers(context, itemIndex);
	const { requestTimeoutMs } = readOptions(context, itemIndex);
	const answer = await callDialog360(
		context,
		change === 'block' ? 'POST' : 'DELETE',
		'/block_users',
		{
			body: { messaging_product: 'whatsapp', block_users: users.map((user) => ({ user })) },
			timeoutMs: requestTimeoutMs,
			isResultDespiteError: hasPerUserResults,
		},
	);
	const parsed = changeAnswerSchema.safeParse(answer);
	if (!parsed.success) {
		throw new NodeApiError(
			context.getNode(),
			{ body: JSON.stringify(answer ?? null).slice(0, 300) },
			{
				message: `360dialog answered ${change === 'block' ? 'POST' : 'DELETE'} /block_users without per-user results`,
				description:
					'Expected {"block_users": {"added_users" or "removed_users": [...], "failed_users"?: [...]}}. Check the blocklist with Blocked User → Get Many.',
			},
		);
	}
	const {
		added_users: added = [],
		removed_users: removed = [],
		failed_users: failed = [],
	} = parsed.data.block_users;
	const done = change === 'block' ? added : removed;
	return [
		...done.map((user) => userItem(user, change === 'block' ? 'blocked' : 'unblocked')),
		...failed.map((user) => userItem(user, 'failed')),
	];
}
