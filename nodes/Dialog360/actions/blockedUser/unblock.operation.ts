import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { changeBlocklist } from '../../helpers/blockedUsers/blocklist';
import { readOptionsProperty } from '../common/apply.description';
import { usersProperty } from './users.description';

const properties: INodeProperties[] = [usersProperty, readOptionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['blockedUser'], operation: ['unblock'] } },
	properties,
);

/** One output item per user: status "unblocked", or "failed" with WhatsApp's error. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await changeBlocklist(this, itemIndex, 'unblock');
}
