import { OPERATION_STARTED } from '../../emulator';
import { HIDDEN_HEADER_VALUE } from '../../nodes/Dialog360/helpers/webhooks/headerValues';
import { triggerDestinationName } from '../../nodes/shared/triggerDestinationName';
import { processInstanceId } from '../harness/instance';
import {
	byName,
	changingCalls,
	destination,
	destinationRows,
	expectAuthenticated,
	expectNoKey,
	fromList,
	headerRows,
	run,
	shownConfig,
	useEmulator,
	withHiddenValues,
} from './helpers';

const emulator = useEmulator();

const crm = destination('crm');
const erp = destination('ERP System');
const Crm = destination('Crm');

function enabledWith(...destinations: Array<ReturnType<typeof destination>>) {
	emulator().setState({ multiWebhook: { enabled: true, destinations } });
	emulator().clearRequests();
}

describe('Multi-Webhook Get', () => {
	const get = { resource: 'multiWebhook', operation: 'get' };
	const unmarked = (listed: ReturnType<typeof destination>) => ({
		...withHiddenValues(listed),
		made_by_n8n_trigger: false,
	});

	it('outputs the configuration with header names, their values hidden', async () => {
		enabledWith(crm, erp);

		const result = await run(emulator(), get);

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { enabled: true, destinations: [unmarked(crm), unmarked(erp)] },
				pairedItem: { item: 0 },
			},
		]);
		expect(result.items[0].json.destinations).toEqual([
			expect.objectContaining({ headers: { Authorization: HIDDEN_HEADER_VALUE } }),
			expect.objectContaining({ headers: { Authorization: HIDDEN_HEADER_VALUE } }),
		]);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(crm.headers.Authorization);
		expect(emulator().requests).toHaveLength(1);
		const [request] = emulator().requests;
		expect(request).toMatchObject({ method: 'GET', path: '/multi_webhook', rawBody: '' });
		expectAuthenticated(request, emulator().apiKey);
		expectNoKey(result, emulator().apiKey);
	});

	it('outputs the header values with Include Header Values', async () => {
		enabledWith(crm, erp);

		const result = await run(emulator(), { ...get, options: { includeHeaderValues: true } });

		expect(result.items[0].json).toEqual({
			enabled: true,
			destinations: [
				{ ...crm, made_by_n8n_trigger: false },
				{ ...erp, made_by_n8n_trigger: false },
			],
		});
	});

	it('marks the destinations a 360dialog Trigger made, with the workflow that holds each', async () => {
		const url = 'https://n8n.example.com/webhook/abc/webhook';
		const ids = { workflowId: 'Wf7kQ2mZ9xY3pL1a', nodeId: 'node-1', webhookUrl: url };
		const here = triggerDestinationName({ ...ids, instanceId: processInstanceId() });
		const elsewhere = triggerDestinationName({ ...ids, instanceId: 'another-n8n' });
		const secret = { 'X-N8n-360dialog-Secret': 'f'.repeat(48) };
		emulator().setState({
			multiWebhook: {
				enabled: true,
				destinations: [
					crm,
					{ name: here, url, headers: secret },
					{ name: elsewhere, url, headers: secret },
				],
			},
		});

		const result = await run(emulator(), get);
		expect(result.items[0].json.destinations).toEqual([
			unmarked(crm),
			{
				name: here,
				url,
				headers: { 'X-N8n-360dialog-Secret': HIDDEN_HEADER_VALUE },
				made_by_n8n_trigger: true,
				n8n_workflow_id: 'Wf7kQ2mZ9xY3pL1a',
				made_by_this_n8n: true,
			},
			expect.objectContaining({
				name: elsewhere,
				made_by_n8n_trigger: true,
				n8n_workflow_id: 'Wf7kQ2mZ9xY3pL1a',
				made_by_this_n8n: false,
			}),
		]);
	});

	it('turns the 409 of a number that never enabled multi-webhook into "disabled, nothing configured"', async () => {
		const result = await run(emulator(), get);

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ enabled: false, destinations: [] });
	});
});

describe('Multi-Webhook Enable', () => {
	it('enables without destinations and waits until 360dialog shows it', async () => {
		const result = await run(emulator(), { resource: 'multiWebhook', operation: 'enable' });

		expect(result.error).toBeUndefined();
		const [post, ...reads] = emulator().requests;
		expect(post).toMatchObject({ method: 'POST', path: '/multi_webhook', body: { enabled: true } });
		expectAuthenticated(post, emulator().apiKey);
		expect(reads.map(({ method, path }) => `${method} ${path}`)).toContain('GET /multi_webhook');
		expect(result.items[0].json).toEqual({ enabled: true, destinations: [] });
		expect(emulator().multiWebhook()).toMatchObject({ enabled: true, destinations: [] });
	});

	it('enables with first destinations: reads what exists, then sends them', async () => {
		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows([crm, Crm]),
		});

		expect(result.error).toBeUndefined();
		const calls = emulator().requests.map(({ method, path }) => `${method} ${path}`);
		expect(calls.slice(0, 2)).toEqual(['GET /multi_webhook', 'POST /multi_webhook']);
		const post = emulator().requests[1];
		expect(post.body).toEqual({ enabled: true, destinations: [crm, Crm] });
		expect(post.headers['content-type']).toMatch(/^application\/json/);
		expect(result.items[0].json).toEqual(shownConfig(true, [crm, Crm]));
		expect(emulator().multiWebhook().destinations).toEqual([crm, Crm]);
	});

	it('takes destinations as JSON, as an expression would give them', async () => {
		const result = await run(
			emulator(),
			{
				resource: 'multiWebhook',
				operation: 'enable',
				specifyDestinations: 'json',
				destinationsJson: '={{ $json.destinations }}',
			},
			{ input: [{ destinations: [erp] }] },
		);

		expect(result.error).toBeUndefined();
		expect(changingCalls(emulator())[0].body).toEqual({ enabled: true, destinations: [erp] });
		expect(emulator().multiWebhook().destinations).toEqual([erp]);
	});

	it("outputs 360dialog's answer when not waiting", async () => {
		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'enable',
			waitUntilApplied: false,
		});

		expect(result.items[0].json).toEqual({ message: OPERATION_STARTED });
		expect(emulator().requests.map(({ method }) => method)).toEqual(['POST']);
		await emulator().settle();
		expect(emulator().multiWebhook().enabled).toBe(true);
	});
});

describe('Multi-Webhook Disable', () => {
	it('disables and outputs the applied configuration', async () => {
		enabledWith(crm);

		const result = await run(emulator(), { resource: 'multiWebhook', operation: 'disable' });

		expect(result.error).toBeUndefined();
		expect(emulator().requests[0]).toMatchObject({
			method: 'POST',
			path: '/multi_webhook',
			body: { enabled: false },
		});
		expectAuthenticated(emulator().requests[0], emulator().apiKey);
		expect(result.items[0].json).toEqual(shownConfig(false, [crm]));
		expect(emulator().multiWebhook().enabled).toBe(false);
	});

	it("outputs 360dialog's answer when not waiting", async () => {
		enabledWith(crm);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'disable',
			waitUntilApplied: false,
		});

		expect(result.items[0].json).toEqual({ message: OPERATION_STARTED });
		expect(emulator().requests).toHaveLength(1);
	});
});

describe('Multi-Webhook Add Destinations', () => {
	it('reads the existing destinations, then appends the new ones with PUT', async () => {
		enabledWith(crm);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([erp, Crm]),
		});

		expect(result.error).toBeUndefined();
		const [read, put] = emulator().requests;
		expect(read).toMatchObject({ method: 'GET', path: '/multi_webhook' });
		expect(put).toMatchObject({ method: 'PUT', path: '/multi_webhook' });
		expect(put.body).toEqual({ destinations: [erp, Crm] });
		expectAuthenticated(put, emulator().apiKey);
		expect(result.items[0].json).toEqual(shownConfig(true, [crm, erp, Crm]));
		expect(emulator().multiWebhook().destinations).toEqual([crm, erp, Crm]);
	});

	it('sends a destination without headers with an empty header set', async () => {
		enabledWith();

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: { destination: [{ name: 'bare', url: 'https://bare.example.com/hook' }] },
			waitUntilApplied: false,
		});

		expect(result.items[0].json).toEqual({ message: OPERATION_STARTED });
		expect(changingCalls(emulator())[0].body).toEqual({
			destinations: [{ name: 'bare', url: 'https://bare.example.com/hook', headers: {} }],
		});
	});

	it("waits through 360dialog's delay and outputs the configuration once applied", async () => {
		enabledWith(crm);
		emulator().setApplyDelay(300);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([erp]),
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(shownConfig(true, [crm, erp]));
		const readsAfterPut = emulator()
			.requests.slice(2)
			.filter(({ method }) => method === 'GET');
		expect(readsAfterPut.length).toBeGreaterThanOrEqual(2);
		expect(emulator().multiWebhook().destinations).toEqual([crm, erp]);
	});

	it('fails clearly when the change does not show within the Apply Timeout', async () => {
		enabledWith(crm);
		emulator().setApplyDelay(5000);

		const started = Date.now();
		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([erp]),
			options: { applyTimeout: 1 },
		});

		expect(Date.now() - started).toBeLessThan(4000);
		expect(result.items).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('360dialog accepted the change, but it is not visible yet');
		expect(result.error?.description).toContain('GET /multi_webhook');
		expect(result.error?.description).toContain('"ERP System"');
		expect(result.error?.description).toContain('Multi-Webhook Get');
		expect(result.error?.description).toContain('Apply Timeout (Seconds)');
		expect(changingCalls(emulator())).toHaveLength(1);
		expect(emulator().multiWebhook().destinations).toEqual([crm]);
		expectNoKey(result, emulator().apiKey);
	});

	it('keeps waiting while 360dialog rate limits the reads', async () => {
		enabledWith(crm);
		emulator().injectFault({
			path: '/multi_webhook',
			method: 'GET',
			times: 1,
			status: 400,
			body: {
				meta: {
					success: false,
					httpCode: 400,
					developerMessage: 'You have exceeded the limit of 1 request every 5 seconds.',
				},
			},
		});

		const result = await run(emulator(), { resource: 'multiWebhook', operation: 'disable' });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(shownConfig(false, [crm]));
		expect(emulator().requests.filter(({ method }) => method === 'GET')).toHaveLength(2);
	});

	it('says the change was accepted when reading it back fails', async () => {
		enabledWith(crm);
		emulator().injectFault({ path: '/multi_webhook', method: 'GET', status: 500 });

		const result = await run(emulator(), { resource: 'multiWebhook', operation: 'disable' });

		expect(result.error?.message).toMatch(/360dialog refused GET \/multi_webhook \(500/);
		expect(result.error?.description).toMatch(
			/^360dialog accepted the change, but reading it back/,
		);
		expect(result.error?.httpCode).toBe('500');
	});
});

describe('Multi-Webhook Update Destination', () => {
	it('sends name, URL and headers with PATCH and waits for them to show', async () => {
		enabledWith(crm, erp);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: fromList('ERP System'),
			url: 'https://erp.example.com/v2/hook',
			headers: headerRows({ 'X-Secret': 's3cr3t' }),
		});

		expect(result.error).toBeUndefined();
		const [patch] = emulator().requests;
		expect(patch).toMatchObject({ method: 'PATCH', path: '/multi_webhook' });
		expect(patch.body).toEqual({
			name: 'ERP System',
			url: 'https://erp.example.com/v2/hook',
			headers: { 'X-Secret': 's3cr3t' },
		});
		expectAuthenticated(patch, emulator().apiKey);
		const updated = {
			name: 'ERP System',
			url: 'https://erp.example.com/v2/hook',
			headers: { 'X-Secret': 's3cr3t' },
		};
		expect(result.items[0].json).toEqual(shownConfig(true, [crm, updated]));
		expect(emulator().multiWebhook().destinations).toEqual([crm, updated]);
	});

	it('outputs the applied header values only with Include Header Values', async () => {
		enabledWith(crm);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: byName('crm'),
			url: 'https://crm.example.com/v2',
			headers: headerRows({ Authorization: 'Bearer rotated' }),
			options: { includeHeaderValues: true },
		});

		expect(result.items[0].json).toEqual({
			enabled: true,
			destinations: [
				{
					name: 'crm',
					url: 'https://crm.example.com/v2',
					headers: { Authorization: 'Bearer rotated' },
				},
			],
		});
	});

	it('takes headers as JSON and the name from an expression', async () => {
		enabledWith(crm);

		const result = await run(
			emulator(),
			{
				resource: 'multiWebhook',
				operation: 'updateDestination',
				destinationName: byName('={{ $json.name }}'),
				url: 'https://crm.example.com/new',
				specifyHeaders: 'json',
				headersJson: '{"Authorization": "Bearer new", "X-Retry": 3}',
				waitUntilApplied: false,
			},
			{ input: [{ name: 'crm' }] },
		);

		expect(result.items[0].json).toEqual({ message: OPERATION_STARTED });
		expect(changingCalls(emulator())[0].body).toEqual({
			name: 'crm',
			url: 'https://crm.example.com/new',
			headers: { Authorization: 'Bearer new', 'X-Retry': '3' },
		});
	});

	it("passes on 360dialog's answer when the name does not match exactly", async () => {
		enabledWith(crm);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: byName('CRM'),
			url: 'https://crm.example.com/new',
		});

		expect(result.error?.message).toContain("Webhook 'CRM' not found");
		expect(result.error?.httpCode).toBe('404');
		expect(emulator().multiWebhook().destinations).toEqual([crm]);
	});
});

describe('Multi-Webhook Delete Destination', () => {
	it('URL-encodes the name in the path and waits until it is gone', async () => {
		const slashed = destination('team a/hooks');
		enabledWith(crm, slashed);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: fromList('team a/hooks'),
		});

		expect(result.error).toBeUndefined();
		const [del] = emulator().requests;
		expect(del).toMatchObject({
			method: 'DELETE',
			path: '/multi_webhook/team%20a%2Fhooks',
			rawBody: '',
		});
		expectAuthenticated(del, emulator().apiKey);
		expect(result.items[0].json).toEqual(shownConfig(true, [crm]));
		expect(emulator().multiWebhook().destinations).toEqual([crm]);
	});

	it("outputs 360dialog's answer when not waiting", async () => {
		enabledWith(erp);

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: byName('ERP System'),
			waitUntilApplied: false,
		});

		expect(result.items[0].json).toEqual({ message: OPERATION_STARTED });
		expect(emulator().requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'DELETE /multi_webhook/ERP%20System',
		]);
	});
});

describe('a 409 read confirms no Disable and no Delete', () => {
	// GET /multi_webhook may answer 409 (the contract leaves it open). It reads as "disabled,
	// nothing listed", which would make a Disable or a Delete look applied whatever happened.
	const everyRead409 = () =>
		emulator().injectFault({
			path: '/multi_webhook',
			method: 'GET',
			status: 409,
			body: { error: 'Conflict' },
			times: 100,
		});

	it('Disable: waits, then says the 409 showed nothing to confirm it by', async () => {
		enabledWith(crm);
		everyRead409();

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'disable',
			options: { applyTimeout: 1.5 },
		});

		expect(result.error?.message).toBe('360dialog accepted the change, but it is not visible yet');
		expect(result.error?.description).toContain('409');
		expect(result.error?.description).toContain('multi-webhook disabled');
		expect(emulator().requests.filter(({ method }) => method === 'GET').length).toBeGreaterThan(1);
	});

	it('Delete Destination: waits, then says the 409 showed nothing to confirm it by', async () => {
		enabledWith(crm);
		everyRead409();

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: fromList('crm'),
			options: { applyTimeout: 1.5 },
		});

		expect(result.error?.message).toBe('360dialog accepted the change, but it is not visible yet');
		expect(result.error?.description).toContain('409');
		expect(emulator().multiWebhook().destinations).toEqual([]);
	});

	it('Disable: a 409 followed by the disabled configuration counts once the configuration shows', async () => {
		enabledWith(crm);
		emulator().injectFault({ path: '/multi_webhook', method: 'GET', status: 409, times: 1 });

		const result = await run(emulator(), { resource: 'multiWebhook', operation: 'disable' });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(shownConfig(false, [crm]));
		expect(emulator().requests.filter(({ method }) => method === 'GET')).toHaveLength(2);
	});
});
