/**
 * The 360dialog action node in a real n8n 2.41.1: a manual run of one workflow that performs every
 * operation against the emulator, which applies changes a second later as 360dialog does.
 */
import { HIDDEN_HEADER_VALUE } from '../nodes/Dialog360/helpers/webhooks/headerValues';
import { startStack, type Stack } from '../harness/stack';
import { stopAllN8n, type ExecutionDetails } from '../harness/n8n';
import {
	ACTION_WORKFLOW_ID,
	actionWorkflow,
	MANUAL_TRIGGER,
	STEPS,
} from '../harness/workflows/actionWorkflow';

let stack: Stack;
let execution: ExecutionDetails;

beforeAll(async () => {
	stack = await startStack({ workflows: ({ credential }) => [actionWorkflow(credential)] });
	// Changes show up only later, so that Wait Until Applied really has to wait.
	stack.emulator.setApplyDelay(1000);
	execution = await stack.rest.runManually(ACTION_WORKFLOW_ID, MANUAL_TRIGGER);
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

/** The items a node put out in this execution. */
function output(step: keyof typeof STEPS): unknown[] {
	const runs = execution.runData[STEPS[step]];
	expect(runs).toHaveLength(1);
	expect(runs[0].error).toBeUndefined();
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

const crm = {
	name: 'crm',
	url: 'https://crm.example.com/hook',
	headers: { Authorization: 'Bearer s3cr3t' },
};
const erp = { name: 'erp', url: 'https://erp.example.com/whatsapp', headers: { 'X-Token': 'abc' } };
const erpUpdated = {
	...erp,
	url: 'https://erp.example.com/v2/whatsapp',
	headers: { 'X-Token': 'def' },
};
const caseSensitive = { name: 'WEBhook', url: 'https://hooks.example.com/case', headers: {} };
const phoneWebhook = {
	url: 'https://app.example.com/whatsapp',
	headers: {
		'X-Secret': 'abc123',
		Authorization: `Basic ${Buffer.from('bot:pa55').toString('base64')}`,
	},
};
const wabaWebhook = { url: 'https://waba.example.com/hook', headers: { 'X-Waba': '1' } };
const wabaInfo = { waba_id: 102290129340398, numbers_on_this_waba: ['4915112345678'] };

/** As the node outputs webhooks unless Include Header Values is on: names, no values. */
function hidden<T extends { headers: Record<string, string> }>(webhook: T): T {
	const names = Object.keys(webhook.headers);
	return {
		...webhook,
		headers: Object.fromEntries(names.map((name) => [name, HIDDEN_HEADER_VALUE])),
	};
}
/** Multi-Webhook Get also says which destinations a 360dialog Trigger made: none here. */
const listed = (destination: { name: string; url: string; headers: Record<string, string> }) => ({
	...hidden(destination),
	made_by_n8n_trigger: false,
});

test('the manual run succeeds through every node, waiting for each change to apply', () => {
	expect(execution).toMatchObject({ status: 'success', mode: 'manual' });
	// Six changes apply a second after they were accepted (the phone number's at once).
	const ms = Date.parse(execution.stoppedAt ?? '') - Date.parse(execution.startedAt ?? '');
	expect(ms).toBeGreaterThanOrEqual(5000);
	expect(execution.error).toBeUndefined();
	expect(Object.keys(execution.runData).sort()).toEqual(
		[MANUAL_TRIGGER, ...Object.values(STEPS)].sort(),
	);
});

test('multi-webhook: enable, add, get, update, delete, disable', () => {
	expect(output('enable')).toEqual([{ enabled: true, destinations: [hidden(crm)] }]);
	expect(output('add')).toEqual([
		{ enabled: true, destinations: [crm, erp, caseSensitive].map(hidden) },
	]);
	expect(output('get')).toEqual([
		{ enabled: true, destinations: [crm, erp, caseSensitive].map(listed) },
	]);
	// With Include Header Values.
	expect(output('update')).toEqual([
		{ enabled: true, destinations: [crm, erpUpdated, caseSensitive] },
	]);
	expect(output('remove')).toEqual([
		{ enabled: true, destinations: [crm, erpUpdated].map(hidden) },
	]);
	expect(output('disable')).toEqual([
		{ enabled: false, destinations: [crm, erpUpdated].map(hidden) },
	]);
});

test('phone number webhook: get, then set with JSON headers and basic auth (its value hidden)', () => {
	expect(output('phoneGet')).toEqual([{ url: '', headers: {} }]);
	expect(output('phoneSet')).toEqual([hidden(phoneWebhook)]);
	expect(JSON.stringify(execution.runData)).not.toContain(phoneWebhook.headers.Authorization);
});

test('WABA webhook: get, then set', () => {
	expect(output('wabaGet')).toEqual([{ url: '', headers: {}, ...wabaInfo }]);
	expect(output('wabaSet')).toEqual([{ ...hidden(wabaWebhook), ...wabaInfo }]);
});

test("the emulator's state is what the operations made it", async () => {
	await stack.emulator.settle();
	expect(stack.emulator.multiWebhook()).toEqual({
		enabled: false,
		everEnabled: true,
		destinations: [crm, erpUpdated],
	});
	expect(stack.emulator.phoneNumberWebhook()).toEqual(phoneWebhook);
	expect(stack.emulator.wabaWebhook()).toEqual(wabaWebhook);
});

test('every call carried the API key and the writes went out once each', () => {
	const { requests, apiKey } = stack.emulator;
	for (const call of requests) expect(call.headers['d360-api-key']).toBe(apiKey);
	const writes = requests
		.filter((call) => call.method !== 'GET')
		.map((call) => `${call.method} ${call.path}`);
	expect(writes).toEqual([
		'POST /multi_webhook',
		'PUT /multi_webhook',
		'PATCH /multi_webhook',
		'DELETE /multi_webhook/WEBhook',
		'POST /multi_webhook',
		'POST /v1/configs/webhook',
		'POST /waba_webhook',
	]);
});
