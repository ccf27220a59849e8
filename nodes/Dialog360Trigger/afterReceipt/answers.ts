import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { answerTapPath } from '../../shared/answers/answerButtonId';
import { allRegistrations, isActive } from '../registration/state';
import type { TriggerOutputs } from './types';

const RESUME_TIMEOUT_MS = 15_000;

interface Outcome extends IDataObject {
	resumed: boolean;
	status?: number;
	reason?: string;
}

/**
 * Where this n8n takes resume requests: the Answers option, else the origin of the URL this
 * trigger registered for production (n8n's public webhook base). Never a host a button names.
 */
function answersBase(context: IExecuteFunctions): string | undefined {
	const configured = String(context.getNodeParameter('options.answersBaseUrl', 0, '') ?? '').trim();
	if (configured) return configured;
	const production = allRegistrations(context.getWorkflowStaticData('node')).find(
		(registration) => isActive(registration) && !registration.url.includes('/webhook-test/'),
	);
	return production ? new URL(production.url).origin : undefined;
}

const NOTHING_WAITS =
	'no execution waits for this answer any more: it was answered, its wait time ran out, or it was stopped';

const REASONS: Record<number, string> = {
	401: 'n8n refused the answer: its signature does not match',
	403: 'n8n refused the answer: the button was sent to another number',
};

async function passOn(
	context: IExecuteFunctions,
	base: string | undefined,
	path: string,
	message: IDataObject,
): Promise<Outcome> {
	if (!base) {
		return {
			resumed: false,
			reason:
				'this trigger has no production registration to find n8n by: set Options → Base URL for Answers',
		};
	}
	const contact = (message.contact ?? {}) as IDataObject;
	try {
		const response = await context.helpers.httpRequest({
			method: 'POST',
			url: new URL(path, base).toString(),
			body: {
				answered_via: 'reply_button',
				wa_id: String(message.from ?? ''),
				...(typeof contact.name === 'string' ? { name: contact.name } : {}),
				...(typeof message.message_id === 'string'
					? { answer_message_id: message.message_id }
					: {}),
				answered_at: String(message.timestamp_iso ?? new Date().toISOString()),
			},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: RESUME_TIMEOUT_MS,
		});
		const { statusCode, body } = response as { statusCode?: number; body?: unknown };
		const status = Number(statusCode);
		// Only the node's own answer says it resumed: for an execution that is over, n8n 2.x
		// answers 200 too, with its "no action required" page.
		if ((body as IDataObject | undefined)?.resumed === true) return { resumed: true };
		return { resumed: false, status, reason: REASONS[status] ?? NOTHING_WAITS };
	} catch (error) {
		const reason = `could not reach n8n at ${base} (${(error as Error).message}): set Options → Base URL for Answers to an address where this n8n takes webhooks`;
		context.logger.warn(
			`360dialog Trigger: a tap on a Send and Wait button was not passed on: ${reason}`,
		);
		return { resumed: false, reason };
	}
}

/**
 * A tap on a reply button of Send and Wait for Response (its id holds n8n's signed resume path,
 * see shared/answers) is passed on to the waiting execution. Such a tap is not emitted as a new
 * message unless Emit Answers is on; one that resumed nothing (answered already, expired) is,
 * with `answer` saying why, so that nothing a customer tapped is lost.
 */
export async function passOnAnswers(
	context: IExecuteFunctions,
	outputs: TriggerOutputs,
): Promise<TriggerOutputs> {
	const [messages, ...others] = outputs;
	const pathOf = (item: INodeExecutionData) => answerTapPath(item.json);
	if (!messages.some((item) => pathOf(item) !== undefined)) return outputs;
	const base = answersBase(context);
	const emitAnswers = context.getNodeParameter('options.emitAnswers', 0, false) as boolean;
	const kept: INodeExecutionData[] = [];
	for (const item of messages) {
		const path = pathOf(item);
		if (path === undefined) {
			kept.push(item);
			continue;
		}
		const answer = await passOn(context, base, path, item.json);
		if (answer.resumed && !emitAnswers) continue;
		kept.push({ ...item, json: { ...item.json, answer } });
	}
	return [kept, ...others];
}
