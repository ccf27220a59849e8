import { z } from 'zod/v4';

import { asNodeError, readApiFailure } from '../failures';
import { callDialog360, type Dialog360Context } from '../transport';
import { headersSchema, showsTarget, unexpectedBody } from './webhook';

const READ_CALL = 'GET /multi_webhook';

const destinationSchema = z.object({ name: z.string(), url: z.string(), headers: headersSchema });

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
 * GET /multi_webhook as read. `conflict`: 360dialog answered 409, which the contract leaves open
 * (most likely a number that never enabled multi-webhook). It reads as "disabled, nothing
 * listed", but confirms nothing: a Disable or a Delete is not seen applied by it.
 */
export interface MultiWebhookReading {
	config: MultiWebhookConfig;
	conflict: boolean;
}

export async function readMultiWebhookReading(
	context: Dialog360Context,
	timeoutMs?: number,
): Promise<MultiWebhookReading> {
	let body: unknown;
	try {
		body = await callDialog360(context, 'GET', '/multi_webhook', { timeoutMs });
	} catch (error) {
		if (readApiFailure(error).status === 409) {
			return { config: { enabled: false, destinations: [] }, conflict: true };
		}
		throw asNodeError(context.getNode(), error);
	}
	const parsed = configSchema.safeParse(body);
	if (!parsed.success) {
		throw await unexpectedBody(
			context,
			READ_CALL,
			body,
			'{"enabled": boolean, "destinations": [...]}',
		);
	}
	return { config: parsed.data, conflict: false };
}

/** The configuration, a 409 read as "disabled, nothing listed" (see MultiWebhookReading). */
export async function readMultiWebhook(
	context: Dialog360Context,
	timeoutMs?: number,
): Promise<MultiWebhookConfig> {
	return (await readMultiWebhookReading(context, timeoutMs)).config;
}

/** Every expected destination is listed with its URL and exactly its headers. */
export function showsDestinations(
	config: MultiWebhookConfig,
	expected: MultiWebhookDestination[],
): boolean {
	return expected.every((destination) =>
		config.destinations.some(
			(shown) => shown.name === destination.name && showsTarget(shown, destination),
		),
	);
}

/** 360dialog answered with a configuration, and the name is not in it. */
export function showsNoDestination({ config, conflict }: MultiWebhookReading, name: string) {
	return !conflict && !config.destinations.some((shown) => shown.name === name);
}

/** 360dialog answered with a configuration, and it is disabled. */
export function showsDisabled({ config, conflict }: MultiWebhookReading) {
	return !conflict && !config.enabled;
}
