import type { IHookFunctions } from 'n8n-workflow';

import { asNodeError, isFault, readApiFailure } from '../../shared/failures';
import { readMultiWebhook } from '../../shared/webhooks/multiWebhook';
import { readSingleWebhook } from '../../shared/webhooks/singleWebhook';
import { callDialog360 } from '../../shared/transport';
import { samePath } from '../../shared/urlPath';
import { ourName, secretIn } from './identity';
import type { Target } from './plan';
import { readAgainUntil } from './readAgain';
import { removalUnansweredError } from './blockers';
import {
	isActive,
	NO_PENDING_DELETE,
	readRegistration,
	updateRegistration,
	type Registration,
} from './state';

function timeoutOf(context: IHookFunctions): number {
	const seconds = context.getNodeParameter('options.apiTimeout', 10) as number;
	return Math.max(1, seconds) * 1000;
}

/** Asks again until the probe says yes, for at most the timeout. */
async function within(context: IHookFunctions, timeoutMs: number, probe: () => Promise<boolean>) {
	const polled = await readAgainUntil(context, 'the configuration', {
		read: probe,
		until: (yes) => yes,
		timeoutMs,
	});
	return polled.met;
}

async function goneWithin(context: IHookFunctions, name: string, timeoutMs: number) {
	return await within(context, timeoutMs, async () => {
		const config = await readMultiWebhook(context, timeoutMs);
		return config.destinations.every((destination) => destination.name !== name);
	});
}

/** What a DELETE of our destination told: answered 200, nothing left to remove, or no answer. */
type DeleteOutcome =
	| { kind: 'accepted' }
	| { kind: 'gone' }
	| { kind: 'unanswered'; error: unknown };

/**
 * Sends one DELETE for the name and notes what 360dialog answered: a 200 with its time as
 * answered; a fault (time-out, 5xx) as unanswered, unless a read then shows the name gone. A
 * refusal is thrown. `notFound` is what a 404 means to the caller.
 */
async function sendDelete(
	context: IHookFunctions,
	name: string,
	timeoutMs: number,
	notFound: 'accepted' | 'gone',
): Promise<DeleteOutcome> {
	const staticData = context.getWorkflowStaticData('node');
	const pending = (answered: boolean) =>
		updateRegistration(staticData, name, {
			deletingSince: Date.now(),
			deleteAnswered: answered ? true : undefined,
		});
	try {
		await callDialog360(context, 'DELETE', `/multi_webhook/${encodeURIComponent(name)}`, {
			timeoutMs,
		});
		pending(true);
		return { kind: 'accepted' };
	} catch (error) {
		const failure = readApiFailure(error);
		if (failure.status === 404 && notFound === 'accepted') {
			pending(true);
			return { kind: 'accepted' };
		}
		// 404: already gone. 400 on a disabled multi-webhook: nothing is delivered to it either.
		if (
			failure.status === 404 ||
			(failure.status === 400 && /not enabled/i.test(failure.apiMessage ?? ''))
		) {
			updateRegistration(staticData, name, NO_PENDING_DELETE);
			context.logger.debug(`360dialog Trigger: destination ${name} was already gone`, {
				status: failure.status,
			});
			return { kind: 'gone' };
		}
		if (!isFault(failure)) throw asNodeError(context.getNode(), error);
		// The DELETE may have landed with its answer lost: the read says.
		if (await goneWithin(context, name, timeoutMs)) {
			updateRegistration(staticData, name, NO_PENDING_DELETE);
			return { kind: 'gone' };
		}
		// Not "accepted": no answer came, so it may apply later or never.
		pending(false);
		return { kind: 'unanswered', error };
	}
}

/**
 * DELETE of one destination of ours: one call. Gone already counts as success. Once a DELETE was
 * sent, until a read shows the name gone, activation neither trusts a read that still lists it
 * nor writes the name again, and deactivation sends no second one.
 */
async function removeDestination(
	context: IHookFunctions,
	name: string,
	registration: Registration,
	timeoutMs: number,
) {
	const staticData = context.getWorkflowStaticData('node');
	const outcome =
		registration.deletingSince === undefined
			? await sendDelete(context, name, timeoutMs, 'gone')
			: undefined;
	updateRegistration(staticData, name, { active: false });
	// Logged, not thrown: n8n saves the static data after delete() only when it returns (1.x and
	// 2.x alike), and the next activation needs this note to send the DELETE again.
	if (outcome?.kind === 'unanswered') {
		const { message, description } = asNodeError(context.getNode(), outcome.error);
		context.logger.warn(
			`360dialog Trigger: 360dialog did not answer the removal of destination ${name}, so it may apply it later or never: ${message}${description ? ` (${description})` : ''}. The next activation sends the removal again and adds the destination anew.`,
			{ workflowId: context.getWorkflow().id, node: context.getNode().name },
		);
	}
}

/**
 * Activation found ours still listed after a DELETE of ours that got no answer: sent again, so
 * that 360dialog answers. Activation then waits for it to show gone, as after any answered
 * DELETE, and adds the destination anew, so that a removal applied late cannot take the new one
 * away. A 404 means a removal of it is queued (or applied): waited for the same way.
 */
export async function resendDelete(context: IHookFunctions, name: string, timeoutMs: number) {
	const outcome = await sendDelete(context, name, timeoutMs, 'accepted');
	if (outcome.kind === 'unanswered') {
		throw removalUnansweredError(
			context.getNode(),
			name,
			asNodeError(context.getNode(), outcome.error),
		);
	}
}

/**
 * The phone-number webhook, set by this trigger as the number's main destination, is cleared
 * only while it is still ours: our URL's path and our secret. A main webhook set by anyone else
 * since is left alone. Two calls (there is no DELETE for it).
 */
async function releaseMain(
	context: IHookFunctions,
	name: string,
	registration: Registration,
	timeoutMs: number,
) {
	const stillOurs = async () => {
		const webhook = await readSingleWebhook(context, '/v1/configs/webhook', timeoutMs);
		return (
			secretIn(webhook.headers) === registration.secret && samePath(webhook.url, registration.url)
		);
	};
	if (await stillOurs()) {
		try {
			// UNVERIFIED: 360dialog documents no removal; an empty URL is the reading (see emulator).
			await callDialog360(context, 'POST', '/v1/configs/webhook', {
				body: { url: '' },
				timeoutMs,
			});
		} catch (error) {
			// A fault may have landed with its answer lost: the read says.
			const cleared =
				isFault(readApiFailure(error)) &&
				(await within(context, timeoutMs, async () => !(await stillOurs())));
			if (!cleared) {
				const apiError = asNodeError(context.getNode(), error);
				apiError.description =
					`${apiError.description ?? ''} The phone number's webhook still points to this workflow: set another one with the 360dialog node (Phone Number Webhook → Set).`.trim();
				throw apiError;
			}
		}
	} else {
		context.logger.debug(
			'360dialog Trigger: the phone-number webhook is no longer ours; left as it is',
		);
	}
	updateRegistration(context.getWorkflowStaticData('node'), name, { active: false });
}

/**
 * Removes what this node registered for the URL: its destination (one DELETE in the usual case)
 * or the main webhook it set. Nothing it did not make is touched: a name without a registration
 * in this workflow's static data is never sent. Multi-webhook stays enabled even when nothing
 * else remains (see README: disabling would need a read first and could cut off a destination
 * another workflow or tool adds meanwhile).
 */
export async function deleteDestination(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default');
	if (!url) return true;
	const name = ourName(this, url);
	const registration = readRegistration(this.getWorkflowStaticData('node'), name);
	if (!isActive(registration)) return true;
	const timeoutMs = timeoutOf(this);
	if (registration.via === 'main') await releaseMain(this, name, registration, timeoutMs);
	else await removeDestination(this, name, registration, timeoutMs);
	return true;
}

/**
 * Before this node becomes the main destination: its destination, if it has one, would get every
 * notification a second time. Best effort; a failure is logged, as it loses nothing.
 */
export async function retireDestination(context: IHookFunctions, target: Target) {
	const registration = readRegistration(context.getWorkflowStaticData('node'), target.name);
	if (!isActive(registration) || registration.via === 'main') return;
	try {
		await removeDestination(context, target.name, registration, target.timeoutMs);
	} catch (error) {
		context.logger.warn(
			`360dialog Trigger: could not remove destination ${target.name} of the workflow that now is the main webhook; notifications may arrive twice until it is deleted`,
			{ error },
		);
	}
}
