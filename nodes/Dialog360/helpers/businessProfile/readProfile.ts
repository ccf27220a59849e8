import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { callDialog360 } from '../../../shared/transport';
import { PROFILE_FIELDS } from './profileFields';

// {"data": [{"messaging_product", "about", ...}]} (360dialog's "Set WhatsApp profile information").
const answerSchema = z.object({ data: z.array(z.looseObject({})).min(1) });

/** GET /whatsapp_business_profile with every field WhatsApp shows. */
export async function readProfile(
	context: IExecuteFunctions,
	timeoutMs: number,
): Promise<IDataObject> {
	const answer = await callDialog360(context, 'GET', '/whatsapp_business_profile', {
		qs: { fields: PROFILE_FIELDS },
		timeoutMs,
	});
	const parsed = answerSchema.safeParse(answer);
	if (!parsed.success) {
		throw new NodeApiError(
			context.getNode(),
			{ body: JSON.stringify(answer ?? null).slice(0, 300) },
			{
				message: '360dialog answered GET /whatsapp_business_profile without a profile',
				description: 'Expected {"data": [{"about", "address", ...}]}.',
			},
		);
	}
	return parsed.data.data[0] as IDataObject;
}
