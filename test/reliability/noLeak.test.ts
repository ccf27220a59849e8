// n8n's own logger at its most talkative, with metadata: whatever the nodes or n8n-core log during
// a run is printed (and captured below). Read when n8n-core first asks for its logger.
const loggingBefore = { level: process.env.N8N_LOG_LEVEL, format: process.env.N8N_LOG_FORMAT };
process.env.N8N_LOG_LEVEL = 'debug';
process.env.N8N_LOG_FORMAT = 'json';

import { inspect } from 'node:util';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator, type FaultSpec, type StateInput } from '../../emulator';
import { destinationRows, headerRows } from '../actions/helpers';
import { emulatorCredentials } from '../harness/additionalData';
import { capturingOutput } from '../harness/captureOutput';
import { runAction, type ActionRun } from '../harness/runAction';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import { MAIN_WEBHOOK } from '../trigger/lifecycleHelpers';

/**
 * The API key never leaks: not into output items, errors (however they are printed), the run data
 * n8n stores, the trigger's static data, nor anything written to the console during a run,
 * whether the run succeeds, fails in any of 360dialog's ways, or fails validation.
 */

let emulator: Emulator;
const wrongKey = testApiKey('no-leak-wrong');

beforeAll(async () => {
	emulator = await startEmulator({ apiKey: testApiKey('no-leak') });
});
// A main webhook, without which the trigger's activation stops at its first read.
beforeEach(() => emulator.setState({ phoneNumberWebhook: MAIN_WEBHOOK }));
afterEach(() => emulator.reset());
afterAll(async () => {
	await emulator.close();
	for (const [name, value] of [
		['N8N_LOG_LEVEL', loggingBefore.level],
		['N8N_LOG_FORMAT', loggingBefore.format],
	] as const) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

// ---------------------------------------------------------------------------------------------
// Where a key could show

function everyForm(value: unknown): string[] {
	if (value === undefined) return [];
	const forms = [inspect(value, { depth: 10 })];
	try {
		forms.push(JSON.stringify(value) ?? '');
	} catch (error) {
		forms.push(`not serialisable: ${String(error)}`);
	}
	return forms;
}

function keysIn(label: string, places: Record<string, unknown>, keys: string[]) {
	const found: string[] = [];
	for (const [place, value] of Object.entries(places)) {
		const texts = typeof value === 'string' ? [value] : everyForm(value);
		for (const key of keys) {
			if (texts.some((t) => t.includes(key))) found.push(`${label}: ${place}`);
		}
	}
	return found;
}

function errorPlaces(error: (Error & { description?: unknown }) | undefined) {
	if (!error) return {};
	return {
		'error.message': error.message,
		'error.description': String(error.description ?? ''),
		'JSON.stringify(error)': JSON.stringify(error),
		'inspect(error)': inspect(error, { depth: 10 }),
	};
}

// ---------------------------------------------------------------------------------------------
// Action-node runs

const FOREIGN = {
	name: 'crm',
	url: 'https://crm.example.com/hooks/whatsapp',
	headers: { Authorization: 'Bearer crm-token' },
};
const enabled: StateInput = {
	multiWebhook: { enabled: true, destinations: [FOREIGN] },
	phoneNumberWebhook: { url: 'https://main.example.com/wa' },
	wabaWebhook: { url: 'https://waba.example.com/wa' },
};
const SHORT = { requestTimeout: 1, applyTimeout: 2 };
const getMulti: INodeParameters = { resource: 'multiWebhook', operation: 'get' };
const addErp: INodeParameters = {
	resource: 'multiWebhook',
	operation: 'addDestinations',
	destinations: destinationRows([
		{ name: 'erp', url: 'https://erp.example.com/hook', headers: { 'X-Token': 'erp' } },
	]),
	options: SHORT,
};

interface ActionCase {
	name: string;
	parameters: INodeParameters;
	state?: StateInput;
	faults?: (emulator: Emulator) => FaultSpec[];
	/** Run with another key than the emulator's: a bad key. */
	wrongKey?: boolean;
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** 'error': the node failed; 'items': it output items (some may be Continue On Fail errors). */
	ends: 'error' | 'items';
}

const echoKey = (emulator: Emulator) => `Invalid D360-API-KEY ${emulator.apiKey}`;

const actionCases: ActionCase[] = [
	// Success
	{ name: 'multi-webhook get', parameters: getMulti, state: enabled, ends: 'items' },
	{ name: 'add destinations, waiting', parameters: addErp, state: enabled, ends: 'items' },
	{
		name: 'phone-number webhook set with headers and basic auth',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://new-main.example.com/wa',
			headers: headerRows({ 'X-Secret': 'abc' }),
			basicAuth: true,
			basicAuthUser: 'user',
			basicAuthPassword: 'pass',
			options: SHORT,
		},
		state: enabled,
		ends: 'items',
	},
	{
		name: 'WABA webhook set without waiting',
		parameters: {
			resource: 'wabaWebhook',
			operation: 'set',
			url: 'https://new-waba.example.com/wa',
			waitUntilApplied: false,
		},
		state: enabled,
		ends: 'items',
	},
	// A bad key
	{ name: 'bad key on GET /multi_webhook', parameters: getMulti, wrongKey: true, ends: 'error' },
	{
		name: 'bad key on GET /v1/configs/webhook (meta camelCase 401)',
		parameters: { resource: 'phoneNumberWebhook', operation: 'get' },
		wrongKey: true,
		ends: 'error',
	},
	{
		name: 'bad key on a write',
		parameters: { resource: 'multiWebhook', operation: 'disable' },
		state: enabled,
		wrongKey: true,
		ends: 'error',
	},
	// Each error shape
	{
		name: '{"error": "..."} 401 on PUT',
		parameters: addErp,
		state: enabled,
		faults: () => [
			{
				path: '/multi_webhook',
				method: 'PUT',
				status: 401,
				body: { error: 'Unauthorized' },
				times: 2,
			},
		],
		ends: 'error',
	},
	{
		name: 'meta camelCase 400 rate limit',
		parameters: getMulti,
		faults: () => [
			{
				path: '/multi_webhook',
				status: 400,
				body: {
					meta: {
						success: false,
						httpCode: 400,
						developerMessage: 'You have exceeded the limit of 1 request every 5 seconds',
					},
				},
			},
		],
		ends: 'error',
	},
	{
		name: 'meta snake_case 555 on POST, without waiting',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://new-main.example.com/wa',
			waitUntilApplied: false,
		},
		faults: () => [
			{
				path: '/v1/configs/webhook',
				method: 'POST',
				status: 555,
				body: { meta: { http_code: 555, developer_message: 'Internal server error' } },
			},
		],
		ends: 'error',
	},
	{
		name: 'Meta-style {"error": {"message", "error_data"}}',
		parameters: { resource: 'wabaWebhook', operation: 'get' },
		faults: () => [
			{
				path: '/waba_webhook',
				status: 400,
				body: {
					error: {
						message: '(#100) Invalid parameter',
						code: 100,
						error_data: { details: 'The webhook URL could not be verified' },
					},
				},
			},
		],
		ends: 'error',
	},
	{
		name: 'HTML 502 from a proxy on the read-back',
		parameters: addErp,
		state: enabled,
		faults: () => [{ path: '/multi_webhook', method: 'GET', after: 1, html: true }],
		ends: 'error',
	},
	{
		name: 'a lost answer on PUT, found by the read-back',
		parameters: addErp,
		state: enabled,
		faults: () => [
			{
				path: '/multi_webhook',
				method: 'PUT',
				status: 502,
				body: { error: 'Bad gateway' },
				apply: true,
			},
		],
		ends: 'items',
	},
	{
		name: 'an error body that echoes the key',
		parameters: getMulti,
		faults: (e) => [{ path: '/multi_webhook', status: 400, body: { error: echoKey(e) } }],
		ends: 'error',
	},
	{
		name: 'an error page that echoes the key',
		parameters: { resource: 'phoneNumberWebhook', operation: 'get' },
		faults: (e) => [{ path: '/v1/configs/webhook', status: 403, body: `Forbidden: ${echoKey(e)}` }],
		ends: 'error',
	},
	{
		name: 'a 200 whose body echoes the key',
		parameters: getMulti,
		faults: (e) => [{ path: '/multi_webhook', status: 200, body: echoKey(e) }],
		ends: 'error',
	},
	// Silence
	{
		name: 'a hang on GET',
		parameters: { ...getMulti, options: { requestTimeout: 1 } },
		faults: () => [{ path: '/multi_webhook', hang: true }],
		ends: 'error',
	},
	{
		name: 'a hang on DELETE, without waiting',
		parameters: {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: { __rl: true, mode: 'name', value: 'crm' },
			waitUntilApplied: false,
			options: { requestTimeout: 1 },
		},
		state: enabled,
		faults: () => [{ path: '/multi_webhook/crm', hang: true }],
		ends: 'error',
	},
	// Validation, before any call
	{
		name: 'a URL with "_" in the host',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://my_hook.example.com',
		},
		ends: 'error',
	},
	{
		name: 'duplicate destination names',
		parameters: {
			...addErp,
			destinations: destinationRows([
				{ name: 'erp', url: 'https://erp.example.com/a', headers: {} },
				{ name: 'erp', url: 'https://erp.example.com/b', headers: {} },
			]),
		},
		state: enabled,
		ends: 'error',
	},
	{
		name: 'a header name with "_"',
		parameters: {
			resource: 'wabaWebhook',
			operation: 'set',
			url: 'https://new-waba.example.com/wa',
			headers: headerRows({ X_Token: 'x' }),
		},
		ends: 'error',
	},
	{
		name: 'a Request Timeout of 0',
		parameters: { ...getMulti, options: { requestTimeout: 0 } },
		ends: 'error',
	},
	// Continue On Fail: one item per kind of failure, and one that succeeds
	{
		name: 'Continue On Fail items',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: '={{ $json.url }}',
			waitUntilApplied: false,
			options: { requestTimeout: 1 },
		},
		input: [
			{ url: 'https://ok.example.com/wa' },
			{ url: 'https://bad_host.example.com/wa' },
			{ url: 'https://rejected.example.com/wa' },
			{ url: 'https://echo.example.com/wa' },
			{ url: 'https://silent.example.com/wa' },
		],
		continueOnFail: true,
		faults: (e) => [
			{
				path: '/v1/configs/webhook',
				method: 'POST',
				after: 1,
				times: 2,
				status: 401,
				body: { meta: { httpCode: 401, developerMessage: 'Invalid api_key' } },
			},
			// Armed faults on one path strike in turn: each next one once the one before is spent.
			{ path: '/v1/configs/webhook', method: 'POST', status: 400, body: echoKey(e) },
			{ path: '/v1/configs/webhook', method: 'POST', hang: true },
		],
		ends: 'items',
	},
];

async function runCase(c: ActionCase): Promise<{ result: ActionRun; output: string }> {
	if (c.state) emulator.setState(c.state);
	for (const fault of c.faults?.(emulator) ?? []) emulator.injectFault(fault);
	const { value: result, output } = await capturingOutput(
		async () =>
			await runAction({
				parameters: c.parameters,
				credentials: emulatorCredentials(emulator.url, c.wrongKey ? wrongKey : emulator.apiKey),
				input: c.input,
				continueOnFail: c.continueOnFail,
			}),
	);
	await emulator.settle();
	return { result, output };
}

describe('the action node', () => {
	test.each(actionCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const { result, output } = await runCase(c);

		if (c.ends === 'error') {
			expect(result.error).toBeDefined();
			expect(result.items).toEqual([]);
		} else {
			expect(result.error).toBeUndefined();
			expect(result.items.length).toBe(c.input?.length ?? 1);
		}
		// Something was sent, except for validation errors: the key was in play.
		const keys = [emulator.apiKey, wrongKey];
		const found = keysIn(
			c.name,
			{
				'output items': result.items,
				...errorPlaces(result.error),
				'JSON.stringify(run)': JSON.stringify(result.run),
				'inspect(run)': inspect(result.run, { depth: 10 }),
				console: output,
			},
			keys,
		);
		expect(found).toEqual([]);
	});

	test('the Continue On Fail items carry each failure, and the echo is redacted', async () => {
		const c = actionCases.find(({ name }) => name === 'Continue On Fail items')!;
		const { result } = await runCase(c);
		const json = result.items.map(({ json }) => json);
		expect(json[0]).toEqual({ url: 'https://ok.example.com/wa' });
		expect(json[1].error).toMatch(/Invalid Webhook URL/);
		expect(json[2].error).toMatch(/rejected the API key \(401: Invalid api_key\)/);
		expect(json[3].error).toMatch(
			/refused POST \/v1\/configs\/webhook \(400: Invalid D360-API-KEY/,
		);
		expect(json[4].error).toMatch(/did not answer POST \/v1\/configs\/webhook in time/);
	});

	test.each([
		['an error body that echoes the key', /Invalid D360-API-KEY \[redacted\]/],
		['an error page that echoes the key', /Invalid D360-API-KEY \[redacted\]/],
	])('%s: the message still says what 360dialog said, without the key', async (name, says) => {
		const { result } = await runCase(actionCases.find((c) => c.name === name)!);
		expect(result.error?.message).toMatch(says);
	});

	test('n8n logs at debug level are captured, so the console check sees what n8n prints', async () => {
		const { output } = await runCase(actionCases[0]);
		expect(output).toMatch(/"level":"debug"/);
	});
});

// ---------------------------------------------------------------------------------------------
// Trigger lifecycles

interface LifecycleCase {
	name: string;
	parameters?: INodeParameters;
	state?: (trigger: TriggerHarness) => StateInput;
	wrongKey?: boolean;
	faults?: (emulator: Emulator, trigger: TriggerHarness) => FaultSpec[];
	steps: Array<'activate' | 'deactivate'>;
	/** Whether the last step fails. */
	fails: boolean;
}

const lifecycleCases: LifecycleCase[] = [
	{
		name: 'activate and deactivate on a fresh number',
		steps: ['activate', 'deactivate'],
		fails: false,
	},
	{
		name: 'activate with multi-webhook enabled',
		state: () => enabled,
		steps: ['activate'],
		fails: false,
	},
	{ name: 'a bad key', wrongKey: true, steps: ['activate'], fails: true },
	{
		name: 'no main webhook (Require One)',
		state: () => ({ phoneNumberWebhook: null }),
		steps: ['activate'],
		fails: true,
	},
	{
		name: 'becoming the main webhook and clearing it again',
		parameters: { mainWebhook: 'useTrigger' },
		state: () => ({ phoneNumberWebhook: null }),
		steps: ['activate', 'deactivate'],
		fails: false,
	},
	{
		name: '555 on PUT (checked for 1 s, then delete())',
		state: () => enabled,
		faults: () => [
			{
				path: '/multi_webhook',
				method: 'PUT',
				status: 555,
				body: { meta: { http_code: 555, developer_message: 'Internal server error' } },
			},
		],
		steps: ['activate'],
		fails: true,
	},
	{
		name: 'HTML 502 on GET',
		faults: () => [{ path: '/multi_webhook', method: 'GET', html: true }],
		steps: ['activate'],
		fails: true,
	},
	{
		name: 'a hang on GET',
		faults: () => [{ path: '/multi_webhook', method: 'GET', hang: true }],
		steps: ['activate'],
		fails: true,
	},
	{
		name: 'a lost answer on POST',
		faults: () => [
			{ path: '/multi_webhook', method: 'POST', status: 500, body: { error: 'x' }, apply: true },
		],
		steps: ['activate'],
		fails: false,
	},
	{
		name: 'an error that echoes the key on PUT',
		state: () => enabled,
		faults: (e) => [
			{ path: '/multi_webhook', method: 'PUT', status: 403, body: { error: echoKey(e) } },
		],
		steps: ['activate'],
		fails: true,
	},
	{
		name: 'the destination limit',
		state: () => ({
			multiWebhook: {
				enabled: true,
				destinations: ['a', 'b', 'c'].map((name) => ({
					name,
					url: `https://${name}.example.com/hook`,
					headers: {},
				})),
			},
		}),
		steps: ['activate'],
		fails: true,
	},
	{
		name: 'a 401 on DELETE at deactivation',
		faults: () => [
			{
				path: '/multi_webhook',
				method: 'DELETE',
				status: 401,
				body: { error: 'Unauthorized' },
				times: 2,
			},
		],
		steps: ['activate', 'deactivate'],
		fails: true,
	},
];

describe('the trigger lifecycle', () => {
	test.each(lifecycleCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const trigger = new TriggerHarness({
			credentials: emulatorCredentials(emulator.url, c.wrongKey ? wrongKey : emulator.apiKey),
			parameters: { ...c.parameters, options: { apiTimeout: 1 } },
		});
		if (c.state) emulator.setState(c.state(trigger));
		const found: string[] = [];
		let lastError: unknown;
		for (const [index, step] of c.steps.entries()) {
			if (index === c.steps.length - 1) {
				for (const fault of c.faults?.(emulator, trigger) ?? []) {
					// A DELETE fault names our destination, known once activation made it.
					const ours = emulator.multiWebhook().destinations.at(-1)?.name ?? '';
					const path =
						fault.method === 'DELETE' ? `/multi_webhook/${encodeURIComponent(ours)}` : fault.path;
					emulator.injectFault({ ...fault, path });
				}
			}
			const { value: error, output } = await capturingOutput(async () =>
				step === 'activate'
					? await trigger.activate().then(
							() => undefined,
							(e: unknown) => e,
						)
					: await trigger.deactivate().then(
							() => undefined,
							(e: unknown) => e,
						),
			);
			await emulator.settle();
			lastError = error;
			found.push(
				...keysIn(
					`${step}`,
					{
						...errorPlaces(error as Error | undefined),
						'static data': trigger.staticData,
						console: output,
					},
					[emulator.apiKey, wrongKey],
				),
			);
		}
		expect(lastError !== undefined).toBe(c.fails);
		expect(found).toEqual([]);
	});
});
