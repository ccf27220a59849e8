import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { changeBlocklist } from '../../helpers/blockedUsers/blocklist';
import { readOptionsProperty } from '../common/apply.description';
import { usersProperty } from './users.description';

const properties: INodeProperties[] = [
	{
		...usersProperty,
		description: `${usersProperty.description}. WhatsApp blocks only users who wrote to the number in the last 24 hours; the others come out with status "failed" and WhatsApp's error.`,
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['blockedUser'], operation: ['block'] } },
	properties,
);

/** One output item per user: status "blocked", or "failed" with WhatsApp's error. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await changeBlocklist(this, itemIndex, 'block');
}
