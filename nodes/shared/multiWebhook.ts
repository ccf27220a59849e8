import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { readApiFailure, withoutKey } from './apiErrors';
import { CREDENTIAL_TYPE, type Dialog360Credentials } from './hosting';
import { callDialog360, type Dialog360Context } from './transport';

const destinationSchema = z.object({
	name: z.string(),
	url: z.string(),
	headers: z
		.record(z.string(), z.string())
		.nullish()
		.transform((headers) => headers ?? {}),
});

const configSchema = z.object({
	enabled: z.boolean().default(false),
	destinations: z
		.array(destinationSchema)
		.nullish()
		.transform((list) => list ?? []),
});

export type MultiWebhookDestination = z.infer<typeof destinationSchema>;
export type MultiWebhookConfig = z.infer<typeof configSchema>;

/**
 * GET /multi_webhook. A number that never enabled multi-webhook may answer 409 (the contract
 * leaves it open), which means the same as "disabled, nothing configured".
 */
export async function readMultiWebhook(
	this: Dialog360Context,
	timeoutMs?: number,
): Promise<MultiWebhookConfig> {
	try {
		const body = await callDialog360.call(this, 'GET', '/multi_webhook', { timeoutMs });
		const parsed = configSchema.safeParse(body);
		if (!parsed.success) {
			const { apiKey } = await this.getCredentials<Dialog360Credentials>(CREDENTIAL_TYPE);
			throw new NodeApiError(
				this.getNode(),
				{ body: withoutKey(JSON.stringify(body) ?? '', apiKey).slice(0, 500) },
				{
					message: '360dialog answered GET /multi_webhook with an unexpected body',
					description: 'Expected {"enabled": boolean, "destinations": [...]}.',
				},
			);
		}
		return parsed.data;
	} catch (error) {
		if (readApiFailure(error).status === 409) return { enabled: false, destinations: [] };
		// Already a NodeApiError from the transport; n8n hands the same instance back.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}
