import type { IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isRateLimit, readApiFailure } from '../../shared/apiErrors';
import {
	readMultiWebhook,
	type MultiWebhookConfig,
	type MultiWebhookDestination,
} from '../../shared/multiWebhook';
import { callDialog360 } from '../../shared/transport';
import { MAX_DESTINATIONS } from '../../shared/webhookRules';
import { destinationName, newSecret, VERIFICATION_HEADER } from './identity';
import { assertDeliverableUrl } from './publicUrl';
import {
	forgetRegistration,
	readRegistration,
	saveObservation,
	saveRegistration,
	takeObservation,
	type Observation,
} from './state';

type Write = 'post' | 'put' | 'patch';

interface Target {
	name: string;
	url: string;
	timeoutMs: number;
}

function targetOf(context: IHookFunctions): Target {
	const url = assertDeliverableUrl(context.getNode(), context.getNodeWebhookUrl('default'));
	const seconds = context.getNodeParameter('options.apiTimeout', 10) as number;
	return {
		name: destinationName(context.getWorkflow().id ?? '', context.getNode().id, url),
		url,
		timeoutMs: Math.max(1, seconds) * 1000,
	};
}

function observe(config: MultiWebhookConfig): Observation {
	return {
		enabled: config.enabled,
		destinations: config.destinations.map(({ name, url }) => ({ name, url })),
		at: Date.now(),
	};
}

/** True only when our name, our URL and our secret are all there; a stale copy of ours is repaired. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const target = targetOf(this);
	const staticData = this.getWorkflowStaticData('node');
	const config = await readMultiWebhook.call(this, target.timeoutMs);
	const ours = config.destinations.find((destination) => destination.name === target.name);
	const secret = readRegistration(staticData, target.name)?.secret;
	if (config.enabled && ours && ours.url === target.url && secret && secretOf(ours) === secret) {
		return true;
	}
	if (config.enabled && ours) {
		// Our name with another URL (N8N_WEBHOOK_URL moved) or a secret we no longer hold: update in place.
		const outcome = await write.call(this, 'patch', target);
		if (outcome.done) return true;
		if (!outcome.retryable) throw outcome.error;
		// Refused: the GET was stale and ours is already on its way out. create() adds it anew.
		config.destinations = config.destinations.filter((destination) => destination !== ours);
	}
	saveObservation(staticData, observe(config));
	return false;
}

/** Adds our destination, turning multi-webhook on when it is off, and leaves nothing half made. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const target = targetOf(this);
	const staticData = this.getWorkflowStaticData('node');
	const observation =
		takeObservation(staticData) ?? observe(await readMultiWebhook.call(this, target.timeoutMs));
	const others = observation.destinations.filter((destination) => destination.name !== target.name);
	if (observation.enabled && others.length >= MAX_DESTINATIONS) {
		throw limitReached(this, others);
	}
	const hasOurs = others.length !== observation.destinations.length;
	// The first write follows what we saw; the others cover a view that was already stale.
	const plan: Write[] = hasOurs
		? ['patch', 'put', 'post']
		: observation.enabled
			? ['put', 'patch', 'post']
			: ['post', 'put', 'patch'];
	let firstRefusal: unknown;
	for (const kind of plan) {
		const outcome = await write.call(this, kind, target);
		if (outcome.done) return true;
		if (!outcome.retryable) throw outcome.error;
		firstRefusal ??= outcome.error;
	}
	// Every write was refused. The usual cause is that others took the last free places meanwhile.
	const now = await readMultiWebhook.call(this, target.timeoutMs);
	const present = now.destinations.filter((destination) => destination.name !== target.name);
	if (now.enabled && present.length >= MAX_DESTINATIONS) throw limitReached(this, present);
	throw new NodeApiError(this.getNode(), firstRefusal as JsonObject);
}

type WriteOutcome = { done: true } | { done: false; retryable: boolean; error: unknown };

/**
 * Sends one write and says whether our destination is now in place. A plain refusal (4xx) made
 * nothing and may be retried with another kind of write; a fault (5xx, gateway page, timeout) may
 * still land, so it counts only if the destination shows up with our secret.
 */
async function write(this: IHookFunctions, kind: Write, target: Target): Promise<WriteOutcome> {
	const staticData = this.getWorkflowStaticData('node');
	const secret = newSecret();
	const destination = {
		name: target.name,
		url: target.url,
		headers: { [VERIFICATION_HEADER]: secret },
	};
	// Saved before the call, so that delete() can always clean up whatever the call may have made.
	saveRegistration(staticData, target.name, { secret, url: target.url });
	const [method, body] =
		kind === 'post'
			? (['POST', { enabled: true, destinations: [destination] }] as const)
			: kind === 'put'
				? (['PUT', { destinations: [destination] }] as const)
				: (['PATCH', destination] as const);
	try {
		await callDialog360.call(this, method, '/multi_webhook', { body, timeoutMs: target.timeoutMs });
		return { done: true };
	} catch (error) {
		const failure = readApiFailure(error);
		if (failure.status === 401 || failure.status === 403 || isRateLimit(failure)) {
			return { done: false, retryable: false, error };
		}
		if (failure.status !== undefined && failure.status < 500) {
			return { done: false, retryable: true, error };
		}
		if (await appearsWithin.call(this, target, secret)) return { done: true };
		return { done: false, retryable: false, error };
	}
}

function secretOf(destination: MultiWebhookDestination): string | undefined {
	const key = Object.keys(destination.headers).find(
		(name) => name.toLowerCase() === VERIFICATION_HEADER.toLowerCase(),
	);
	return key === undefined ? undefined : destination.headers[key];
}

/** Polls GET until our destination shows with our secret, for at most the API timeout. */
async function appearsWithin(
	this: IHookFunctions,
	target: Target,
	secret: string,
): Promise<boolean> {
	return await showsWithin.call(this, target.name, target.timeoutMs, (config) => {
		const ours = config.destinations.find((destination) => destination.name === target.name);
		return config.enabled && ours?.url === target.url && secretOf(ours) === secret;
	});
}

/** Polls GET until the configuration passes the check, for at most the API timeout. */
async function showsWithin(
	this: IHookFunctions,
	name: string,
	timeoutMs: number,
	check: (config: MultiWebhookConfig) => boolean,
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	do {
		try {
			if (check(await readMultiWebhook.call(this, timeoutMs))) return true;
		} catch (error) {
			this.logger.debug(`360dialog Trigger: checking for ${name} failed`, { error });
		}
		await sleep(500);
	} while (Date.now() < deadline);
	return false;
}

function limitReached(context: IHookFunctions, present: Observation['destinations']) {
	const listed = present.map(({ name, url }) => `"${name}" (${url})`).join(', ');
	return new NodeOperationError(
		context.getNode(),
		`This phone number already has ${present.length} multi-webhook destinations, 360dialog's limit: ${listed}`,
		{
			description:
				'Free one: remove a destination with the 360dialog node\'s "Delete Destination" operation (Multi-Webhook resource), or deactivate a workflow whose 360dialog Trigger holds one, then activate this workflow again.',
		},
	);
}

/**
 * Removes exactly our destination. Gone already counts as success, and so does a fault (5xx,
 * gateway page, timeout) after which our destination is seen gone. Multi-webhook stays enabled
 * even when nothing else remains (see README: disabling would need a read first and could cut off
 * a destination another workflow or tool adds meanwhile).
 */
export async function deleteDestination(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default');
	const staticData = this.getWorkflowStaticData('node');
	if (!url) return true;
	const name = destinationName(this.getWorkflow().id ?? '', this.getNode().id, url);
	const seconds = this.getNodeParameter('options.apiTimeout', 10) as number;
	const timeoutMs = Math.max(1, seconds) * 1000;
	try {
		await callDialog360.call(this, 'DELETE', `/multi_webhook/${encodeURIComponent(name)}`, {
			timeoutMs,
		});
	} catch (error) {
		const failure = readApiFailure(error);
		// 404: already gone. 400 on a disabled multi-webhook: nothing is delivered to it either.
		// A fault (5xx, gateway page, timeout) may have landed with its answer lost: the read says.
		const isFault =
			failure.status === undefined ? failure.networkCode !== undefined : failure.status >= 500;
		const gone =
			failure.status === 404 ||
			(failure.status === 400 && /not enabled/i.test(failure.apiMessage ?? '')) ||
			(isFault &&
				(await showsWithin.call(this, name, timeoutMs, (config) =>
					config.destinations.every((destination) => destination.name !== name),
				)));
		if (!gone) {
			// Already a NodeApiError from the transport; n8n hands the same instance back.
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		this.logger.debug(`360dialog Trigger: destination ${name} was already gone`, {
			status: failure.status,
		});
	}
	forgetRegistration(staticData, name);
	return true;
}
