/**
 * The trigger on every n8n version it supports: each n8n API that not every version has
 * (nodes/shared/n8nCompat.ts) is exercised both ways, with the method present (n8n 2.x, this
 * n8n-core) and missing (n8n 1.123.x), over real HTTP against the emulator.
 */
import { request } from 'undici';
import type { IWebhookFunctions } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import { startSink, type Sink } from '../../harness/sink';
import { PUBLIC_HOST } from '../../harness/publicHost';
import { calledUrlMatcher } from '../../nodes/shared/n8nCompat';
import { emulatorCredentials } from '../harness/additionalData';
import { testApiKey } from '../harness/testKeys';
import { TriggerHarness } from '../harness/triggerHarness';
import { loadPayload } from '../fixtures/samples';
import { VERIFICATION_HEADER, ourName, storedSecret } from './lifecycleHelpers';

let main: Sink;
let emulator: Emulator | undefined;
let trigger: TriggerHarness | undefined;

beforeAll(async () => {
	main = await startSink();
});
afterAll(async () => await main.close());
afterEach(async () => {
	await trigger?.close();
	await emulator?.close();
});

async function start(webhookContextOf: '2.x' | '1.x') {
	const harness = new TriggerHarness({
		credentials: { apiKey: '', hosting: 'custom', baseUrl: '' },
		webhookContextOf,
	});
	trigger = harness;
	const port = await harness.listen();
	emulator = await startEmulator({
		apiKey: testApiKey('n8n-versions'),
		hostMap: { [PUBLIC_HOST]: port },
	});
	emulator.setState({ phoneNumberWebhook: { url: `http://127.0.0.1:${main.port}/main` } });
	harness.setCredentials(emulatorCredentials(emulator.url, emulator.apiKey));
	return { harness, emulator };
}

describe.each(['2.x', '1.x'] as const)("n8n %s's webhook context", (version) => {
	test('production and test URL each receive, each with its own secret', async () => {
		const { harness, emulator: api } = await start(version);
		await harness.activate('production');
		await harness.activate('test');
		await api.settle();
		const destinations = api.multiWebhook().destinations;
		expect(destinations.map((d) => [d.name, d.url])).toEqual([
			[ourName(harness, 'production'), harness.webhookUrl('production')],
			[ourName(harness, 'test'), harness.webhookUrl('test')],
		]);

		const results = await api.deliver(loadPayload('cloud/text.json'));
		expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
		await harness.idle();
		expect(harness.executions.map((e) => e.mode).sort()).toEqual(['production', 'test']);
	});

	test("one URL's secret opens only that URL: 401 on the other, and nothing starts", async () => {
		const { harness, emulator: api } = await start(version);
		await harness.activate('production');
		await harness.activate('test');
		await api.settle();
		const post = async (mode: 'production' | 'test', secret: string) =>
			await request(harness.localWebhookUrl(mode), {
				method: 'POST',
				headers: { 'content-type': 'application/json', [VERIFICATION_HEADER]: secret },
				body: JSON.stringify(loadPayload('cloud/text.json')),
			});
		const crossed = await Promise.all([
			post('production', storedSecret(harness, 'test')!),
			post('test', storedSecret(harness, 'production')!),
		]);
		expect(crossed.map((r) => r.statusCode)).toEqual([401, 401]);
		await Promise.all(crossed.map(async (r) => await r.body.dump()));
		const own = await post('test', storedSecret(harness, 'test')!);
		await own.body.dump();
		expect(own.statusCode).toBe(200);
		await harness.idle();
		expect(harness.executions.map((e) => e.mode)).toEqual(['test']);
	});

	test('after the test registration is removed, its URL answers 401 and production still receives', async () => {
		const { harness, emulator: api } = await start(version);
		await harness.activate('production');
		await harness.activate('test');
		await api.settle();
		await harness.deactivate('test');
		await api.settle();
		expect(api.multiWebhook().destinations.map((d) => d.name)).toEqual([
			ourName(harness, 'production'),
		]);
		const results = await api.deliver(loadPayload('cloud/text.json'));
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		await harness.idle();
		expect(harness.executions.map((e) => e.mode)).toEqual(['production']);
	});
});

describe('without getWebhookResourceUrl (n8n 1.x), the request path decides', () => {
	// n8n's own request object, as a 1.x webhook context hands it over: only the path matters here.
	const contextFor = (originalUrl: string) =>
		({ getRequestObject: () => ({ originalUrl }) }) as unknown as IWebhookFunctions;
	const id = 'c0ffee00-1234-4abc-8def-000000000360';

	test.each([
		['production', `/webhook/${id}/webhook`, `https://n8n.example.com/webhook/${id}/webhook`, true],
		[
			'test',
			`/webhook-test/${id}/webhook`,
			`https://n8n.example.com/webhook-test/${id}/webhook`,
			true,
		],
		[
			'test, behind a proxy path prefix',
			`/webhook-test/${id}/webhook?x=1`,
			`https://example.com/n8n/webhook-test/${id}/webhook`,
			true,
		],
		[
			'test request, production URL',
			`/webhook-test/${id}/webhook`,
			`https://n8n.example.com/webhook/${id}/webhook`,
			false,
		],
		[
			'production request, test URL',
			`/webhook/${id}/webhook`,
			`https://n8n.example.com/webhook-test/${id}/webhook`,
			false,
		],
		[
			'another node',
			`/webhook/${id}/webhook`,
			`https://n8n.example.com/webhook/other/webhook`,
			false,
		],
		['the root path', '/', `https://n8n.example.com/webhook/${id}/webhook`, false],
	])('%s', (_case, requestPath, registeredUrl, matches) => {
		expect(calledUrlMatcher(contextFor(requestPath))(registeredUrl)).toBe(matches);
	});
});
