import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type Emulator } from '../../emulator';
import { call, destination } from './helpers';

describe('emulator: asynchronous changes', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ applyDelayMs: 300 });
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	it('GET still shows the old state right after a change, and the new one after settle', async () => {
		const started = Date.now();
		const post = await call(emulator, 'POST', '/multi_webhook', {
			body: { enabled: true, destinations: [destination('a')] },
		});
		expect(post.status).toBe(200);
		expect((await call(emulator, 'GET', '/multi_webhook')).status).toBe(409);
		expect(emulator.multiWebhook().enabled).toBe(false);

		await emulator.settle();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		const after = await call(emulator, 'GET', '/multi_webhook');
		expect(after.body).toEqual({ enabled: true, destinations: [destination('a')] });

		await call(emulator, 'DELETE', '/multi_webhook/a');
		expect((await call(emulator, 'GET', '/multi_webhook')).body).toEqual({
			enabled: true,
			destinations: [destination('a')],
		});
		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toEqual([]);
	});

	it('validates against the projected state: pending adds count', async () => {
		await call(emulator, 'POST', '/multi_webhook', {
			body: { enabled: true, destinations: [destination('a'), destination('b')] },
		});
		// Enabled only in the projection, yet PUT is accepted and POST-with-destinations refused.
		const put = await call(emulator, 'PUT', '/multi_webhook', {
			body: { destinations: [destination('c')] },
		});
		expect(put.status).toBe(200);
		const repost = await call(emulator, 'POST', '/multi_webhook', {
			body: { enabled: true, destinations: [destination('x')] },
		});
		expect(repost.status).toBe(400);
		const duplicate = await call(emulator, 'PUT', '/multi_webhook', {
			body: { destinations: [destination('c')] },
		});
		expect(duplicate.body).toEqual({ error: "Webhook name 'c' already exists" });
		const fourth = await call(emulator, 'PUT', '/multi_webhook', {
			body: { destinations: [destination('d')] },
		});
		expect(fourth.body).toEqual({ error: 'Maximum of 3 webhooks per phone number reached' });
		const patchPending = await call(emulator, 'PATCH', '/multi_webhook', {
			body: { name: 'c', url: 'https://c2.example.com', headers: {} },
		});
		expect(patchPending.status).toBe(200);
		expect(emulator.multiWebhook().destinations).toEqual([]);

		await emulator.settle();
		expect(emulator.multiWebhook().destinations).toEqual([
			destination('a'),
			destination('b'),
			{ name: 'c', url: 'https://c2.example.com', headers: {} },
		]);
	});

	it('sees a pending delete and a pending disable', async () => {
		emulator.setState({ multiWebhook: { enabled: true, destinations: [destination('a')] } });
		expect((await call(emulator, 'DELETE', '/multi_webhook/a')).status).toBe(200);
		expect((await call(emulator, 'DELETE', '/multi_webhook/a')).status).toBe(404);
		expect(
			(await call(emulator, 'POST', '/multi_webhook', { body: { enabled: false } })).status,
		).toBe(200);
		const put = await call(emulator, 'PUT', '/multi_webhook', {
			body: { destinations: [destination('b')] },
		});
		expect(put.status).toBe(400);
		expect(emulator.multiWebhook()).toMatchObject({
			enabled: true,
			destinations: [destination('a')],
		});
		await emulator.settle();
		expect(emulator.multiWebhook()).toMatchObject({ enabled: false, destinations: [] });
	});

	it('applies in FIFO order even when a later change gets a shorter delay', async () => {
		emulator.setState({ multiWebhook: { enabled: true, destinations: [] } });
		emulator.setApplyDelay(5_000);
		await call(emulator, 'PUT', '/multi_webhook', {
			body: { destinations: [destination('slow')] },
		});
		emulator.setApplyDelay(0);
		await call(emulator, 'PUT', '/multi_webhook', {
			body: { destinations: [destination('fast')] },
		});
		await sleep(50);
		expect(emulator.multiWebhook().destinations.map((d) => d.name)).toEqual(['slow', 'fast']);
	});

	it('with delay 0 applies on the next tick, without settle', async () => {
		emulator.setApplyDelay(0);
		await call(emulator, 'POST', '/multi_webhook', { body: { enabled: true } });
		await sleep(20);
		expect(emulator.multiWebhook()).toMatchObject({ enabled: true, everEnabled: true });
	});

	it('reset drops pending changes and restores the configured delay', async () => {
		emulator.setApplyDelay(0);
		emulator.reset();
		await call(emulator, 'POST', '/multi_webhook', { body: { enabled: true } });
		emulator.reset();
		await sleep(350);
		expect(emulator.multiWebhook().everEnabled).toBe(false);
		await emulator.settle();
	});

	it('delays WABA changes by wabaApplyDelayMs, independently', async () => {
		const waba = await startEmulator({ applyDelayMs: 0, wabaApplyDelayMs: 150 });
		try {
			await call(waba, 'POST', '/waba_webhook', {
				body: { url: 'https://waba.example.com', override_all: false },
			});
			await call(waba, 'POST', '/multi_webhook', { body: { enabled: true } });
			await sleep(30);
			expect(waba.multiWebhook().enabled).toBe(true);
			expect(waba.wabaWebhook()).toBeNull();
			expect((await call(waba, 'GET', '/waba_webhook')).body).toMatchObject({ url: '' });
			await waba.settle();
			expect(waba.wabaWebhook()).toEqual({ url: 'https://waba.example.com' });
		} finally {
			await waba.close();
		}
	});

	describe("validateAgainst: 'applied' (writes checked against the applied state alone)", () => {
		let applied: Emulator;

		beforeAll(async () => {
			applied = await startEmulator({ applyDelayMs: 300, validateAgainst: 'applied' });
		});
		afterAll(() => applied.close());
		beforeEach(() => applied.reset());

		it('accepts a PATCH of a destination whose DELETE is pending; the PATCH then lands on nothing', async () => {
			applied.setState({ multiWebhook: { enabled: true, destinations: [destination('a')] } });
			expect((await call(applied, 'DELETE', '/multi_webhook/a')).status).toBe(200);
			const patch = await call(applied, 'PATCH', '/multi_webhook', {
				body: { name: 'a', url: 'https://a2.example.com', headers: {} },
			});
			expect(patch.status).toBe(200);
			// And a second DELETE of it is accepted too: the first has not applied yet.
			expect((await call(applied, 'DELETE', '/multi_webhook/a')).status).toBe(200);
			await applied.settle();
			expect(applied.multiWebhook().destinations).toEqual([]);
		});

		it('refuses a PUT of a name whose DELETE is pending, and accepts it once the DELETE applied', async () => {
			applied.setState({ multiWebhook: { enabled: true, destinations: [destination('a')] } });
			await call(applied, 'DELETE', '/multi_webhook/a');
			const early = await call(applied, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('a')] },
			});
			expect(early.body).toEqual({ error: "Webhook name 'a' already exists" });
			await applied.settle();
			const later = await call(applied, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('a')] },
			});
			expect(later.status).toBe(200);
			await applied.settle();
			expect(applied.multiWebhook().destinations).toEqual([destination('a')]);
		});

		it('does not see pending adds: two PUTs of one name are both accepted and add it once', async () => {
			applied.setState({ multiWebhook: { enabled: true, destinations: [] } });
			for (const url of ['https://first.example.com', 'https://second.example.com']) {
				const put = await call(applied, 'PUT', '/multi_webhook', {
					body: { destinations: [{ name: 'a', url, headers: {} }] },
				});
				expect(put.status).toBe(200);
			}
			await applied.settle();
			expect(applied.multiWebhook().destinations).toEqual([
				{ name: 'a', url: 'https://first.example.com', headers: {} },
			]);
		});

		it('refuses a PUT while the enabling POST is still pending', async () => {
			await call(applied, 'POST', '/multi_webhook', { body: { enabled: true } });
			const put = await call(applied, 'PUT', '/multi_webhook', {
				body: { destinations: [destination('a')] },
			});
			expect(put.status).toBe(400);
			await applied.settle();
			expect(applied.multiWebhook()).toMatchObject({ enabled: true, destinations: [] });
		});
	});
});
