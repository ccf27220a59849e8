import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials } from '../../../shared/transport';

/** Resources that speak the Cloud API's messaging endpoints (contract §0: On-Premise differs). */
const CLOUD_API_RESOURCES: Record<string, string> = {
	message: 'Message',
	media: 'Media',
	blockedUser: 'Blocked User',
};

/**
 * The error each item of a Cloud-API-only resource gets when the credential's hosting is
 * On-Premise (undefined otherwise). The hosting is read once per run, before any call.
 */
export async function onPremiseRefusal(
	context: IExecuteFunctions,
	resource: string,
): Promise<((itemIndex: number) => NodeOperationError) | undefined> {
	const label = CLOUD_API_RESOURCES[resource];
	if (!label) return undefined;
	const { hosting } = await readCredentials(context);
	if (hosting !== 'onPremise') return undefined;
	return (itemIndex) =>
		new NodeOperationError(
			context.getNode(),
			`The ${label} resource needs a Cloud API number, and the credential's hosting is On-Premise`,
			{
				description:
					'Meta has sunset the On-Premise API (October 2025), which sends messages and media differently. Move the number to the Cloud API in the 360dialog Hub, then set Hosting to Cloud API in the 360dialog API credential.',
				itemIndex,
			},
		);
}
