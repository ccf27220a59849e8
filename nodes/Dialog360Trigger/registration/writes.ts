import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { callDialog360 } from '../../shared/transport';
import { newSecret, VERIFICATION_HEADER } from './identity';
import type { Step, Target } from './plan';
import { NO_PENDING_DELETE, readRegistration, saveRegistration } from './state';

type WriteStep = Extract<Step, { kind: 'setMain' | 'add' | 'enable' | 'update' }>;

export function isWrite(step: Step): step is WriteStep {
	return ['setMain', 'add', 'enable', 'update'].includes(step.kind);
}

/**
 * Our registration for the name, made if there is none: the secret is minted once and reused by
 * every later write. Saved before the call, so that delete() can clean up whatever it may make.
 */
function register(context: IHookFunctions, name: string, url: string, via: 'destination' | 'main') {
	const staticData = context.getWorkflowStaticData('node');
	const existing = readRegistration(staticData, name);
	return saveRegistration(staticData, name, {
		secret: existing?.secret ?? newSecret(),
		url,
		via,
		active: true,
		// Writing the name as a destination means no DELETE of it is pending (decide() waited);
		// as the main webhook, a DELETE of our destination may still be on its way.
		...(via === 'main'
			? { deletingSince: existing?.deletingSince, deleteAnswered: existing?.deleteAnswered }
			: NO_PENDING_DELETE),
	});
}

const withSecret = (secret: string) => ({ [VERIFICATION_HEADER]: secret });

/** Sends the step's one call. Throws what the transport throws. */
export async function sendStep(context: IHookFunctions, step: WriteStep, target: Target) {
	const timeoutMs = target.timeoutMs;
	const call = async (
		method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
		path: string,
		body?: IDataObject,
	) => await callDialog360(context, method, path, { body, timeoutMs });
	switch (step.kind) {
		case 'setMain': {
			const { secret } = register(context, target.name, target.url, 'main');
			await call('POST', '/v1/configs/webhook', { url: target.url, headers: withSecret(secret) });
			return;
		}
		case 'add': {
			const { secret } = register(context, target.name, target.url, 'destination');
			const destination = { name: target.name, url: target.url, headers: withSecret(secret) };
			if (step.enable) {
				await call('POST', '/multi_webhook', { enabled: true, destinations: [destination] });
			} else {
				await call('PUT', '/multi_webhook', { destinations: [destination] });
			}
			return;
		}
		case 'enable':
			await call('POST', '/multi_webhook', { enabled: true });
			return;
		case 'update': {
			const { secret } = register(context, step.name, target.url, 'destination');
			await call('PATCH', '/multi_webhook', {
				name: step.name,
				url: target.url,
				headers: withSecret(secret),
			});
			return;
		}
	}
}
