import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOptions } from '../../helpers/calls/options';
import { readProfile } from '../../helpers/businessProfile/readProfile';
import { readOptionsProperty } from '../common/apply.description';

const properties: INodeProperties[] = [readOptionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['businessProfile'], operation: ['get'] } },
	properties,
);

/** The profile WhatsApp users see: about, address, description, email, industry, websites, photo URL. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	return await readProfile(this, requestTimeoutMs);
}
