import {
	FOREIGN_HOST_ERROR,
	NO_MAIN_WEBHOOK_ERROR,
	startEmulator,
	type Emulator,
} from '../../emulator';
import textNotification from '../fixtures/payloads/cloud/text.json';
import { startSink, type Sink } from '../../harness/sink';
import { call } from './helpers';

describe('emulator: notification fan-out', () => {
	let emulator: Emulator;
	let main: Sink;
	let crm: Sink;
	let n8n: Sink;
	const sinkUrl = (sink: Sink, path = '/hook') => `http://127.0.0.1:${sink.port}${path}`;

	beforeAll(async () => {
		[main, crm, n8n] = await Promise.all([startSink(), startSink(), startSink()]);
		emulator = await startEmulator({ hostMap: { 'n8n.test': n8n.port }, deliveryTimeoutMs: 300 });
	});
	afterAll(async () => {
		await emulator.close();
		await Promise.all([main.close(), crm.close(), n8n.close()]);
	});
	beforeEach(() => {
		emulator.reset();
		for (const sink of [main, crm, n8n]) {
			sink.received.length = 0;
			sink.status = 200;
			sink.delayMs = 0;
		}
	});

	function withDestinations(enabled = true) {
		emulator.setState({
			phoneNumberWebhook: { url: sinkUrl(main, '/main'), headers: { 'X-Main': 'm' } },
			multiWebhook: {
				enabled,
				destinations: [
					{ name: 'crm', url: sinkUrl(crm, '/crm'), headers: { Authorization: 'Bearer crm' } },
					{ name: 'n8n', url: sinkUrl(n8n, '/n8n'), headers: { 'X-Secret': 's3cr3t' } },
				],
			},
		});
	}

	it('posts to the main webhook first, then to every destination with its own headers', async () => {
		withDestinations();
		const results = await emulator.deliver(textNotification);

		expect(results.map((r) => [r.target, r.status])).toEqual([
			['phone_number', 200],
			['crm', 200],
			['n8n', 200],
		]);
		expect(results[1]).toMatchObject({
			url: sinkUrl(crm, '/crm'),
			deliveredTo: sinkUrl(crm, '/crm'),
		});
		expect(results.every((r) => r.ms >= 0 && r.error === undefined)).toBe(true);
		const [toMain] = main.received;
		const [toCrm] = crm.received;
		const [toN8n] = n8n.received;
		expect(toMain.sequence).toBeLessThan(toCrm.sequence);
		expect(toCrm.sequence).toBeLessThan(toN8n.sequence);
		expect(JSON.parse(toN8n.body)).toEqual(textNotification);
		expect(toMain.headers).toMatchObject({ 'x-main': 'm', 'content-type': 'application/json' });
		expect(toCrm.headers.authorization).toBe('Bearer crm');
		expect(toCrm.headers['x-secret']).toBeUndefined();
		expect(toN8n.headers).toMatchObject({
			'x-secret': 's3cr3t',
			'content-type': 'application/json',
		});
		expect(toN8n.path).toBe('/n8n');
	});

	it('delivers nothing to the destinations when the main webhook answers 500', async () => {
		withDestinations();
		main.status = 500;
		const results = await emulator.deliver(textNotification);
		expect(results).toEqual([expect.objectContaining({ target: 'phone_number', status: 500 })]);
		expect(main.received).toHaveLength(1);
		expect(crm.received).toHaveLength(0);
		expect(n8n.received).toHaveLength(0);
	});

	it('counts a main webhook that answers too late as failed', async () => {
		withDestinations();
		main.delayMs = 1_000;
		const results = await emulator.deliver(textNotification);
		expect(results).toHaveLength(1);
		expect(results[0]).toMatchObject({ status: null, error: 'no answer within 300 ms' });
		expect(crm.received).toHaveLength(0);
	});

	it('also needs exactly 200 from the main webhook (a 204 is not enough)', async () => {
		withDestinations();
		main.status = 204;
		expect(await emulator.deliver(textNotification)).toHaveLength(1);
		expect(crm.received).toHaveLength(0);
	});

	it('still delivers to the other destinations when one fails', async () => {
		withDestinations();
		crm.status = 503;
		const results = await emulator.deliver(textNotification);
		expect(results.map((r) => r.status)).toEqual([200, 503, 200]);
		expect(n8n.received).toHaveLength(1);
	});

	it('delivers to no destination while multi-webhook is disabled', async () => {
		withDestinations(false);
		const results = await emulator.deliver(textNotification);
		expect(results.map((r) => r.target)).toEqual(['phone_number']);
		expect(crm.received).toHaveLength(0);
	});

	it('falls back to the WABA webhook; without any main webhook the destinations get nothing', async () => {
		emulator.setState({ wabaWebhook: { url: sinkUrl(main, '/waba') } });
		expect(await emulator.deliver(textNotification)).toEqual([
			expect.objectContaining({ target: 'waba', status: 200 }),
		]);
		expect(main.received[0].path).toBe('/waba');

		emulator.reset();
		emulator.setState({
			multiWebhook: {
				enabled: true,
				destinations: [{ name: 'crm', url: sinkUrl(crm), headers: {} }],
			},
		});
		// 360dialog copies to the destinations only after the main destination answered 200.
		expect(await emulator.deliver(textNotification)).toEqual([
			{ target: 'crm', url: sinkUrl(crm), status: null, error: NO_MAIN_WEBHOOK_ERROR, ms: 0 },
		]);
		expect(crm.received).toHaveLength(0);
	});

	it('rewrites a host-mapped https URL (set through the API) to the loopback port', async () => {
		const url = 'https://n8n.test/webhook/3f1c2b9e/webhook?source=360';
		expect((await call(emulator, 'POST', '/v1/configs/webhook', { body: { url } })).status).toBe(
			200,
		);
		await call(emulator, 'POST', '/multi_webhook', {
			body: {
				enabled: true,
				destinations: [{ name: 'N8N', url: 'https://N8N.test/x', headers: {} }],
			},
		});
		await emulator.settle();

		const results = await emulator.deliver({ hello: 'world' });
		expect(results).toEqual([
			expect.objectContaining({
				target: 'phone_number',
				url,
				deliveredTo: `http://127.0.0.1:${n8n.port}/webhook/3f1c2b9e/webhook?source=360`,
				status: 200,
			}),
			expect.objectContaining({ target: 'N8N', deliveredTo: `http://127.0.0.1:${n8n.port}/x` }),
		]);
		expect(n8n.received.map((r) => r.path)).toEqual(['/webhook/3f1c2b9e/webhook?source=360', '/x']);
		expect(JSON.parse(n8n.received[0].body)).toEqual({ hello: 'world' });
	});

	it('never contacts a host that is neither loopback nor mapped', async () => {
		emulator.setState({
			phoneNumberWebhook: { url: 'https://app.example.com/webhooks/whatsapp' },
			multiWebhook: {
				enabled: true,
				destinations: [{ name: 'crm', url: sinkUrl(crm), headers: {} }],
			},
		});
		const results = await emulator.deliver(textNotification);
		expect(results).toEqual([
			{
				target: 'phone_number',
				url: 'https://app.example.com/webhooks/whatsapp',
				status: null,
				error: FOREIGN_HOST_ERROR,
				ms: 0,
			},
		]);
		expect(FOREIGN_HOST_ERROR).toBe('not delivered: host is neither loopback nor in the host map');

		emulator.setState({
			phoneNumberWebhook: { url: sinkUrl(main, '/main') },
			multiWebhook: {
				enabled: true,
				destinations: [
					{ name: 'far', url: 'http://10.0.0.1/hook', headers: {} },
					{ name: 'local', url: `http://localhost:${crm.port}/local`, headers: {} },
				],
			},
		});
		const second = await emulator.deliver(textNotification);
		expect(second.map((r) => [r.target, r.status, r.error])).toEqual([
			['phone_number', 200, undefined],
			['far', null, FOREIGN_HOST_ERROR],
			['local', 200, undefined],
		]);
		expect(crm.received.map((r) => r.path)).toEqual(['/local']);
	});

	it('adds the caller’s extra headers; each target’s own headers win', async () => {
		withDestinations();
		await emulator.deliver(textNotification, {
			headers: { 'X-Extra': 'yes', authorization: 'from-caller' },
		});
		expect(main.received[0].headers).toMatchObject({
			'x-extra': 'yes',
			authorization: 'from-caller',
		});
		expect(crm.received[0].headers).toMatchObject({
			'x-extra': 'yes',
			authorization: 'Bearer crm',
		});
	});

	it('returns nothing when there is nowhere to deliver', async () => {
		expect(await emulator.deliver(textNotification)).toEqual([]);
	});

	it('takes the ports of a host in turn, as a load balancer before several n8n processes would', async () => {
		const [first, second] = await Promise.all([startSink(), startSink()]);
		const balanced = await startEmulator({
			hostMap: { 'n8n.test': [first.port, second.port] },
			deliveryTimeoutMs: 300,
		});
		try {
			balanced.setState({
				phoneNumberWebhook: { url: sinkUrl(main, '/main') },
				multiWebhook: {
					enabled: true,
					destinations: [{ name: 'n8n', url: 'https://n8n.test/webhook/abc/webhook', headers: {} }],
				},
			});
			for (let i = 0; i < 4; i++) await balanced.deliver({ round: i });

			const rounds = (sink: Sink) => sink.received.map(({ body }) => JSON.parse(body).round);
			expect(rounds(first)).toEqual([0, 2]);
			expect(rounds(second)).toEqual([1, 3]);
			expect(first.received[0].path).toBe('/webhook/abc/webhook');
		} finally {
			await balanced.close();
			await Promise.all([first.close(), second.close()]);
		}
	});
});
