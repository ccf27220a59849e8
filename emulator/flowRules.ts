import type { Refusal } from './messageRules';
import { isPlainObject } from './webhookRules';

/**
 * The interactive kinds beyond buttons, lists and CTA URLs, checked as Meta documents them:
 * `location_request_message` (body and a send_location action only) and `flow` (a WhatsApp Flow:
 * version 3, a flow id or name, a CTA, navigate with a first screen or data_exchange). Whether a
 * flow id exists, and whether a draft may be sent in published mode, is Meta's to say and is not
 * emulated (UNVERIFIED which error it gives).
 */

type Body = Record<string, unknown>;

const invalid = (details: string): Refusal => ({ code: 100, details });
const length = (text: string) => [...text].length;

function checkString(value: unknown, field: string, max: number): Refusal | undefined {
	if (typeof value !== 'string' || value === '') {
		return invalid(`Param ${field} is required and must be a non-empty string`);
	}
	return length(value) > max
		? invalid(`Param ${field} must be at most ${max} characters long`)
		: undefined;
}

/** 360dialog's page allows a body of 4096; Meta's of 1024 (UNVERIFIED which one WhatsApp applies). */
export const LOCATION_REQUEST_BODY_MAX = 4096;
/** Meta: the Flow button's text, at most 30 characters. */
export const FLOW_CTA_MAX = 30;

export function checkLocationRequest(interactive: Body): Refusal | undefined {
	const { body, action } = interactive;
	if (interactive.header !== undefined || interactive.footer !== undefined) {
		return invalid('A location_request_message has a body only: no header, no footer');
	}
	if (!isPlainObject(body)) return invalid('Param interactive.body is required');
	if (!isPlainObject(action) || action.name !== 'send_location') {
		return invalid('Param interactive.action must be {"name": "send_location"}');
	}
	return checkString(body.text, 'interactive.body.text', LOCATION_REQUEST_BODY_MAX);
}

export function checkFlowAction(action: Body): Refusal | undefined {
	const parameters = action.parameters;
	if (action.name !== 'flow' || !isPlainObject(parameters)) {
		return invalid('Param interactive.action must be {"name": "flow", "parameters": {...}}');
	}
	const field = 'interactive.action.parameters';
	if (parameters.flow_message_version !== '3') {
		return invalid(`Param ${field}.flow_message_version must be "3"`);
	}
	if ((parameters.flow_id === undefined) === (parameters.flow_name === undefined)) {
		return invalid(`Param ${field} needs exactly one of flow_id and flow_name`);
	}
	const idOrName = parameters.flow_id ?? parameters.flow_name;
	if (typeof idOrName !== 'string' || idOrName === '') {
		return invalid(`Param ${field}.flow_id or flow_name must be a non-empty string`);
	}
	const ctaProblem = checkString(parameters.flow_cta, `${field}.flow_cta`, FLOW_CTA_MAX);
	if (ctaProblem) return ctaProblem;
	if (parameters.flow_token !== undefined && typeof parameters.flow_token !== 'string') {
		return invalid(`Param ${field}.flow_token must be a string`);
	}
	if (
		parameters.mode !== undefined &&
		parameters.mode !== 'draft' &&
		parameters.mode !== 'published'
	) {
		return invalid(`Param ${field}.mode must be draft or published`);
	}
	return checkFlowNavigation(parameters, field);
}

function checkFlowNavigation(parameters: Body, field: string): Refusal | undefined {
	const flowAction = parameters.flow_action ?? 'navigate';
	const payload = parameters.flow_action_payload;
	if (flowAction === 'data_exchange') {
		return payload === undefined
			? undefined
			: invalid(`Param ${field}.flow_action_payload must be omitted for data_exchange`);
	}
	if (flowAction !== 'navigate') {
		return invalid(`Param ${field}.flow_action must be navigate or data_exchange`);
	}
	if (!isPlainObject(payload) || typeof payload.screen !== 'string' || payload.screen === '') {
		return invalid(`Param ${field}.flow_action_payload.screen is required for navigate`);
	}
	if (
		payload.data !== undefined &&
		(!isPlainObject(payload.data) || Object.keys(payload.data).length === 0)
	) {
		return invalid(`Param ${field}.flow_action_payload.data must be a non-empty object`);
	}
	return undefined;
}
