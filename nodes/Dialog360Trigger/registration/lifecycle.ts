import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, failureKind } from '../../shared/failures';

import { blockerError, stillRemovingError } from './blockers';
import { ourName } from './identity';
import {
	afterStep,
	decide,
	sameStep,
	showsStep,
	type MainWebhookChoice,
	type PendingDelete,
	type Step,
	type Target,
} from './plan';
import { assertDeliverableUrl } from './publicUrl';
import { resendDelete, retireDestination } from './removal';
import {
	NO_PENDING_DELETE,
	readRegistration,
	saveObservation,
	takeObservation,
	updateRegistration,
	type View,
} from './state';
import { pollView, readView } from './view';
import { isWrite, sendStep } from './writes';

/**
 * Enough for the longest path (a removal sent again and waited for, enable, add) with room for a
 * write decided again after a refusal or a fault.
 */
const MAX_STEPS = 6;

function targetOf(context: IHookFunctions): Target {
	const url = assertDeliverableUrl(context.getNode(), context.getNodeWebhookUrl('default'));
	const seconds = context.getNodeParameter('options.apiTimeout', 10) as number;
	return {
		name: ourName(context, url),
		url,
		timeoutMs: Math.max(1, seconds) * 1000,
		mainWebhook: context.getNodeParameter('mainWebhook', 'requireOne') as MainWebhookChoice,
	};
}

const pendingDeleteOf =
	(context: IHookFunctions) =>
	(name: string): PendingDelete | undefined => {
		const registration = readRegistration(context.getWorkflowStaticData('node'), name);
		if (registration?.deletingSince === undefined) return undefined;
		return {
			answered: registration.deleteAnswered === true,
			ageMs: Date.now() - registration.deletingSince,
		};
	};

function stepOf(context: IHookFunctions, view: View, target: Target): Step {
	return decide(view, target, pendingDeleteOf(context));
}

/**
 * A DELETE of ours was answered but the name still shows: wait until it is gone, so that no
 * write of ours can land before it (whatever order 360dialog applies queued changes in).
 */
async function awaitRemoval(
	context: IHookFunctions,
	target: Target,
	view: View,
	name: string,
): Promise<View> {
	const staticData = context.getWorkflowStaticData('node');
	const gone = (v: View) => !v.multiWebhook?.destinations.some((d) => d.name === name);
	const { view: latest, met } = await pollView(context, target, view, gone);
	if (met) {
		updateRegistration(staticData, name, NO_PENDING_DELETE);
		return latest;
	}
	const since = readRegistration(staticData, name)?.deletingSince ?? Date.now();
	throw stillRemovingError(context.getNode(), name, Date.now() - since);
}

/**
 * The steps that settle a DELETE of ours before anything is written: wait for an answered one,
 * send an unanswered one again (create() only: checkExists() leaves writes to it), or forget one
 * that never applied. The view to decide on next, or undefined for another kind of step.
 */
async function settleRemoval(
	context: IHookFunctions,
	target: Target,
	view: View,
	step: Step,
	mayWrite: boolean,
): Promise<View | undefined> {
	switch (step.kind) {
		case 'awaitRemoval':
			return await awaitRemoval(context, target, view, step.name);
		case 'resendRemoval':
			if (!mayWrite) return undefined;
			await resendDelete(context, step.name, target.timeoutMs);
			return view;
		case 'reclaim':
			updateRegistration(context.getWorkflowStaticData('node'), step.name, NO_PENDING_DELETE);
			return view;
		default:
			return undefined;
	}
}

/** What is in place is ours: note it, so that deactivation removes it. */
function notePlace(context: IHookFunctions, view: View, target: Target) {
	const staticData = context.getWorkflowStaticData('node');
	if (view.main.ours) {
		updateRegistration(staticData, target.name, { active: true, via: 'main' });
		return;
	}
	const mine = view.multiWebhook?.destinations.find((d) => d.ours && d.name === target.name);
	if (mine) updateRegistration(staticData, mine.name, { active: true, via: 'destination' });
}

/** True when this node receives already (as a destination or the main webhook) at our URL. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const target = targetOf(this);
	let view = await readView(this, target);
	for (;;) {
		const step = stepOf(this, view, target);
		const settled = await settleRemoval(this, target, view, step, false);
		if (settled) {
			view = settled;
			continue;
		}
		if (step.kind === 'blocked') throw blockerError(this.getNode(), step.blocker);
		if (step.kind === 'inPlace') {
			notePlace(this, view, target);
			return true;
		}
		saveObservation(this.getWorkflowStaticData('node'), view);
		return false;
	}
}

/**
 * Makes this node receive: one write in the usual case. A refused write (a view that was already
 * stale) is decided again once 360dialog shows something else; a fault counts only if the write
 * then shows. Leaves nothing half made: what it may have made is in the static data for delete().
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	const target = targetOf(this);
	let view = takeObservation(this.getWorkflowStaticData('node')) ?? (await readView(this, target));
	for (let round = 0; round < MAX_STEPS; round++) {
		const step = stepOf(this, view, target);
		const settled = await settleRemoval(this, target, view, step, true);
		if (settled) {
			view = settled;
			continue;
		}
		if (step.kind === 'blocked') throw blockerError(this.getNode(), step.blocker);
		if (step.kind === 'inPlace' || !isWrite(step)) {
			notePlace(this, view, target);
			return true;
		}
		if (step.kind === 'setMain') await retireDestination(this, target);
		try {
			await sendStep(this, step, target);
		} catch (error) {
			const kind = failureKind(error);
			if (kind === 'fatal') throw asNodeError(this.getNode(), error);
			const changed =
				kind === 'refused'
					? (v: View) => !sameStep(stepOf(this, v, target), step)
					: (v: View) => showsStep(v, step, target);
			const { view: latest, met } = await pollView(this, target, view, changed);
			if (!met) {
				// The refusal stands: say so in 360dialog's words, or name the blocker it meant.
				const now = stepOf(this, latest, target);
				if (now.kind === 'blocked') throw blockerError(this.getNode(), now.blocker);
				throw asNodeError(this.getNode(), error);
			}
			view = latest;
			continue;
		}
		view = afterStep(view, step, target);
	}
	throw new NodeOperationError(
		this.getNode(),
		"360dialog kept showing a configuration that changed under this trigger's activation",
		{
			description:
				"Another workflow or tool may be changing this number's webhooks at the same time. Activate again in a minute.",
		},
	);
}
