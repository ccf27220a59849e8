import type { INodeParameters } from 'n8n-workflow';

import type { FaultSpec } from '../../emulator';
import { testApiKey } from '../harness/testKeys';
import { byName, destination, expectNoKey, run, useEmulator } from './helpers';

const emulator = useEmulator();

const getMultiWebhook: INodeParameters = { resource: 'multiWebhook', operation: 'get' };
const getPhoneWebhook: INodeParameters = { resource: 'phoneNumberWebhook', operation: 'get' };

describe("360dialog errors, in 360dialog's own words", () => {
	it('a wrong key on a multi-webhook endpoint: {"error": "Unauthorized"}', async () => {
		const wrongKey = testApiKey('errors-wrong-key');

		const result = await run(emulator(), getMultiWebhook, { apiKey: wrongKey });

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('360dialog rejected the API key (401: Unauthorized)');
		expect(result.error?.description).toMatch(/360dialog Hub/);
		expect(result.error?.httpCode).toBe('401');
		expectNoKey(result, wrongKey);
		expectNoKey(result, emulator().apiKey);
	});

	it('a wrong key on the phone number webhook: meta camelCase 401', async () => {
		const wrongKey = testApiKey('errors-wrong-key');

		const result = await run(emulator(), getPhoneWebhook, { apiKey: wrongKey });

		expect(result.error?.message).toBe(
			'360dialog rejected the API key (401: Invalid api_key or token expired)',
		);
		expectNoKey(result, wrongKey);
	});

	const faults: Array<{
		shape: string;
		fault: FaultSpec;
		parameters: INodeParameters;
		message: RegExp;
		description: RegExp;
		httpCode: string | null;
	}> = [
		{
			shape: 'meta snake_case 555',
			fault: {
				path: '/v1/configs/webhook',
				status: 555,
				body: {
					meta: { success: false, http_code: 555, developer_message: 'Internal server error' },
				},
			},
			parameters: getPhoneWebhook,
			message: /^360dialog refused GET \/v1\/configs\/webhook \(555: Internal server error\)$/,
			description: /fault on 360dialog's side/,
			httpCode: '555',
		},
		{
			shape: 'Meta-style {"error": {"message", ...}}',
			fault: {
				path: '/waba_webhook',
				status: 400,
				body: {
					error: {
						message: '(#100) Invalid parameter',
						type: 'OAuthException',
						code: 100,
						error_data: { details: 'The webhook URL could not be verified' },
						fbtrace_id: 'AbCdEf',
					},
				},
			},
			parameters: { resource: 'wabaWebhook', operation: 'get' },
			message: /\(#100\) Invalid parameter: The webhook URL could not be verified/,
			description: /360dialog says: "\(#100\) Invalid parameter/,
			httpCode: '400',
		},
		{
			shape: 'rate limit 400',
			fault: {
				path: '/multi_webhook',
				status: 400,
				body: {
					meta: {
						httpCode: 400,
						developerMessage:
							'You have exceeded the limit of 1 request every 5 seconds. Try again later.',
						success: false,
					},
				},
			},
			parameters: getMultiWebhook,
			message: /rate limiting.*You have exceeded the limit of 1 request every 5 seconds/,
			description: /Slow down/,
			httpCode: '400',
		},
		{
			shape: 'an HTML 502 page from a proxy',
			fault: { path: '/multi_webhook', html: true, status: 502 },
			parameters: getMultiWebhook,
			message: /^360dialog's gateway failed on GET \/multi_webhook \(502\)$/,
			description: /HTML error page \(502 Bad Gateway\)/,
			httpCode: '502',
		},
		{
			shape: 'a JSON 401 on a changing call',
			// n8n-core sends a request that got 401 once more, so the fault must answer both.
			fault: {
				path: '/multi_webhook',
				method: 'POST',
				times: 2,
				status: 401,
				body: { error: 'Unauthorized' },
			},
			parameters: { resource: 'multiWebhook', operation: 'disable' },
			message: /^360dialog rejected the API key \(401: Unauthorized\)$/,
			description: /360dialog Hub/,
			httpCode: '401',
		},
	];

	it.each(faults)('$shape', async ({ fault, parameters, message, description, httpCode }) => {
		emulator().injectFault(fault);

		const result = await run(emulator(), parameters);

		expect(result.items).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(description);
		expect(result.error?.httpCode).toBe(httpCode);
		expectNoKey(result, emulator().apiKey);
	});

	it('a request that hangs ends after the Request Timeout', async () => {
		emulator().injectFault({ path: '/multi_webhook', method: 'PUT', hang: true });
		emulator().setState({ multiWebhook: { enabled: true, destinations: [] } });

		const started = Date.now();
		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: { destination: [{ name: 'a', url: 'https://a.example.com' }] },
			// The PUT may still land, so Wait Until Applied looks for it before failing.
			options: { requestTimeout: 1, applyTimeout: 2 },
		});

		expect(Date.now() - started).toBeLessThan(8000);
		expect(result.error?.message).toBe('360dialog did not answer PUT /multi_webhook in time');
		expect(result.error?.description).toMatch(/may still apply the change/);
		expect(result.error?.description).toMatch(/check with the Multi-Webhook Get operation/);
		expectNoKey(result, emulator().apiKey);
	});

	it('a write whose answer was lost but which did apply is found by Wait Until Applied', async () => {
		emulator().injectFault({
			path: '/multi_webhook',
			method: 'PUT',
			status: 502,
			html: true,
			apply: true,
		});
		emulator().setState({ multiWebhook: { enabled: true, destinations: [] } });

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: { destination: [{ name: 'a', url: 'https://a.example.com' }] },
			options: { applyTimeout: 2 },
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ enabled: true, destinations: [{ name: 'a' }] });
	});

	it('without Wait Until Applied, a 5xx on a write says the change may still be applied', async () => {
		emulator().injectFault({
			path: '/multi_webhook',
			method: 'PUT',
			status: 500,
			body: { error: 'Internal error' },
		});
		emulator().setState({ multiWebhook: { enabled: true, destinations: [] } });

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: { destination: [{ name: 'a', url: 'https://a.example.com' }] },
			waitUntilApplied: false,
		});

		expect(result.error?.message).toBe(
			'360dialog refused PUT /multi_webhook (500: Internal error)',
		);
		expect(result.error?.description).toMatch(/The change may still be applied/);
	});
});

describe('several input items', () => {
	it('makes one call and one output item per input item, paired with it', async () => {
		emulator().setState({
			multiWebhook: {
				enabled: true,
				destinations: [destination('a'), destination('b c'), destination('d')],
			},
		});

		const result = await run(
			emulator(),
			{
				resource: 'multiWebhook',
				operation: 'deleteDestination',
				destinationName: byName('={{ $json.name }}'),
				waitUntilApplied: false,
			},
			{ input: [{ name: 'a' }, { name: 'b c' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(emulator().requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'DELETE /multi_webhook/a',
			'DELETE /multi_webhook/b%20c',
		]);
		await emulator().settle();
		expect(
			emulator()
				.multiWebhook()
				.destinations.map(({ name }) => name),
		).toEqual(['d']);
	});

	it('stops at the failing item without Continue On Fail, naming its index', async () => {
		const result = await run(
			emulator(),
			{
				resource: 'phoneNumberWebhook',
				operation: 'set',
				url: '={{ $json.url }}',
				waitUntilApplied: false,
			},
			{ input: [{ url: 'https://a.example.com/hook' }, { url: 'https://b_c.example.com/hook' }] },
		);

		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('Invalid Webhook URL "https://b_c.example.com/hook"');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(emulator().requests).toHaveLength(1);
	});
});

describe('Continue On Fail', () => {
	it('puts an error item in place of each failed item and goes on', async () => {
		emulator().injectFault({
			path: '/v1/configs/webhook',
			method: 'POST',
			status: 555,
			body: {
				meta: { success: false, http_code: 555, developer_message: 'Internal server error' },
			},
		});

		const result = await run(
			emulator(),
			{
				resource: 'phoneNumberWebhook',
				operation: 'set',
				url: '={{ $json.url }}',
				waitUntilApplied: false,
			},
			{
				input: [
					{ url: 'https://a.example.com/hook' },
					{ url: 'https://b_c.example.com/hook' },
					{ url: 'https://d.example.com/hook' },
				],
				continueOnFail: true,
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map(({ pairedItem }) => pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.items[0].json).toEqual({
			error: '360dialog refused POST /v1/configs/webhook (555: Internal server error)',
			description: expect.stringContaining('360dialog says: "Internal server error"'),
			httpCode: '555',
		});
		expect(result.items[1].json).toEqual({
			error: 'Invalid Webhook URL "https://b_c.example.com/hook"',
			description: expect.stringContaining('contains "_"'),
		});
		expect(result.items[2].json).toEqual({ url: 'https://d.example.com/hook' });
		expect(emulator().requests.map(({ method }) => method)).toEqual(['POST', 'POST']);
		expect(emulator().phoneNumberWebhook()).toEqual({ url: 'https://d.example.com/hook' });
		expectNoKey(result, emulator().apiKey);
	});
});
