import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../../helpers/calls/options';
import { readOptionsProperty } from '../common/apply.description';
import { returnAllProperties } from '../common/returnAll.description';

// GET /block_users answers {"data": [{"block_users": [{"input", "wa_id"}]}], "paging": {...}}
// (360dialog's API reference, "Block Users"), paged with Graph's `after` cursor.
const PAGE_SIZE = 100;

const pageSchema = z.object({
	data: z
		.array(
			z.looseObject({
				block_users: z
					.array(z.looseObject({ input: z.string().optional(), wa_id: z.string().optional() }))
					.default([]),
			}),
		)
		.default([]),
	paging: z
		.object({
			next: z.string().optional(),
			cursors: z.object({ after: z.string().optional() }).optional(),
		})
		.optional(),
});

const properties: INodeProperties[] = [...returnAllProperties, readOptionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['blockedUser'], operation: ['getMany'] } },
	properties,
);

/** One output item per blocked user: its WhatsApp ID and the number as it was blocked. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	const users: IDataObject[] = [];
	let after: string | undefined;
	do {
		const answer = await callDialog360(this, 'GET', '/block_users', {
			qs: { limit: Math.min(PAGE_SIZE, limit), ...(after ? { after } : {}) },
			timeoutMs: requestTimeoutMs,
		});
		const parsed = pageSchema.safeParse(answer);
		if (!parsed.success) {
			throw new NodeApiError(
				this.getNode(),
				{ body: JSON.stringify(answer ?? null).slice(0, 300) },
				{
					message: '360dialog answered GET /block_users with an unexpected body',
					description: 'Expected {"data": [{"block_users": [...]}], "paging": {...}}.',
				},
			);
		}
		const page = parsed.data;
		for (const entry of page.data) {
			for (const user of entry.block_users) users.push({ wa_id: user.wa_id, user: user.input });
		}
		const more = page.data.some((entry) => entry.block_users.length > 0) && page.paging?.next;
		after = more ? page.paging?.cursors?.after : undefined;
	} while (after && users.length < limit);
	return users.slice(0, limit);
}
