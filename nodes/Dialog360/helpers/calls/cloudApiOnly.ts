import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials } from '../../../shared/transport';

/**
 * Resources that speak the Cloud API's endpoints (contract §0: On-Premise differs), each with
 * what differs on On-Premise.
 */
const CLOUD_API_RESOURCES: Record<string, { label: string; onPremise: string }> = {
	message: { label: 'Message', onPremise: 'which sends messages and media differently' },
	media: { label: 'Media', onPremise: 'which sends messages and media differently' },
	blockedUser: { label: 'Blocked User', onPremise: 'which has no Block Users API' },
	businessProfile: {
		label: 'Business Profile',
		onPremise:
			'whose profile lives at /v1/settings/business/profile, not /whatsapp_business_profile',
	},
};

/**
 * The error each item of a Cloud-API-only resource gets when the credential's hosting is
 * On-Premise (undefined otherwise). The hosting is read once per run, before any call.
 */
export async function onPremiseRefusal(
	context: IExecuteFunctions,
	resource: string,
): Promise<((itemIndex: number) => NodeOperationError) | undefined> {
	const cloudOnly = CLOUD_API_RESOURCES[resource];
	if (!cloudOnly) return undefined;
	const { hosting } = await readCredentials(context);
	if (hosting !== 'onPremise') return undefined;
	return (itemIndex) =>
		new NodeOperationError(
			context.getNode(),
			`The ${cloudOnly.label} resource needs a Cloud API number, and the credential's hosting is On-Premise`,
			{
				description: `Meta has sunset the On-Premise API (October 2025), ${cloudOnly.onPremise}. Move the number to the Cloud API in the 360dialog Hub, then set Hosting to Cloud API in the 360dialog API credential.`,
				itemIndex,
			},
		);
}
