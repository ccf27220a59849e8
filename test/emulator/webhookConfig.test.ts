import { startEmulator, type Emulator } from '../../emulator';
import { call } from './helpers';

const metaError = (httpCode: number) => ({
	meta: { success: false, httpCode, developerMessage: expect.any(String) },
});

describe('emulator: /v1/configs/webhook and /waba_webhook', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ wabaApplyDelayMs: 100, applyDelayMs: 0 });
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	describe('phone-number webhook', () => {
		it('reads {"url":""} when none is set', async () => {
			const reply = await call(emulator, 'GET', '/v1/configs/webhook');
			expect(reply).toMatchObject({ status: 200, body: { url: '' } });
		});

		it('sets at once and answers {url}', async () => {
			const body = {
				url: 'https://app.example.com/webhooks/whatsapp',
				headers: { Authorization: 'Bearer s3cr3t' },
			};
			const reply = await call(emulator, 'POST', '/v1/configs/webhook', { body });
			expect(reply).toMatchObject({ status: 200, body: { url: body.url } });
			expect(emulator.phoneNumberWebhook()).toEqual(body);
			expect((await call(emulator, 'GET', '/v1/configs/webhook')).body).toEqual(body);
		});

		it('an empty URL removes it (360dialog documents no removal: the emulator reads it so)', async () => {
			emulator.setState({
				phoneNumberWebhook: { url: 'https://app.example.com/hook', headers: { 'X-A': 'b' } },
			});
			const reply = await call(emulator, 'POST', '/v1/configs/webhook', { body: { url: '' } });
			expect(reply).toMatchObject({ status: 200, body: { url: '' } });
			expect(emulator.phoneNumberWebhook()).toBeNull();
			expect((await call(emulator, 'GET', '/v1/configs/webhook')).body).toEqual({ url: '' });
		});

		it('omits headers when none were given', async () => {
			await call(emulator, 'POST', '/v1/configs/webhook', {
				body: { url: 'https://a.example.com' },
			});
			expect((await call(emulator, 'GET', '/v1/configs/webhook')).body).toEqual({
				url: 'https://a.example.com',
			});
		});

		it.each([
			[{ url: 'https://my_host.example.com' }],
			[{ url: 'https://host.example.com:8443' }],
			[{ url: 'mailto:someone@example.com' }],
			[{ url: 'https://host.example.com', headers: { X_Key: 'v' } }],
			[{}],
		])('refuses %j in the meta error shape', async (body) => {
			const reply = await call(emulator, 'POST', '/v1/configs/webhook', { body });
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual(metaError(400));
			expect(emulator.phoneNumberWebhook()).toBeNull();
		});
	});

	describe('WABA webhook', () => {
		it('reads the WABA id (an integer, as 360dialog types it) and its numbers', async () => {
			const reply = await call(emulator, 'GET', '/waba_webhook');
			expect(reply.status).toBe(200);
			expect(reply.body).toEqual({
				url: '',
				waba_id: 102290129340398,
				numbers_on_this_waba: ['4915112345678'],
			});
		});

		it('sets after the WABA delay; override_all:false leaves the phone-number webhook', async () => {
			await call(emulator, 'POST', '/v1/configs/webhook', {
				body: { url: 'https://own.example.com' },
			});
			const body = {
				url: 'https://app.example.com/waba',
				headers: { Authorization: 'Basic dXNlcjpwYXNz' },
				override_all: false,
			};
			const reply = await call(emulator, 'POST', '/waba_webhook', { body });
			expect(reply).toMatchObject({
				status: 200,
				body: { message: 'Webhook will be set for waba_id: 102290129340398' },
			});
			expect(emulator.wabaWebhook()).toBeNull();
			await emulator.settle();
			expect(emulator.wabaWebhook()).toEqual({ url: body.url, headers: body.headers });
			expect(emulator.phoneNumberWebhook()).toEqual({ url: 'https://own.example.com' });
			expect((await call(emulator, 'GET', '/waba_webhook')).body).toEqual({
				url: body.url,
				headers: body.headers,
				waba_id: 102290129340398,
				numbers_on_this_waba: ['4915112345678'],
			});
		});

		it('override_all:true also replaces the phone-number webhook', async () => {
			await call(emulator, 'POST', '/v1/configs/webhook', {
				body: { url: 'https://own.example.com' },
			});
			await call(emulator, 'POST', '/waba_webhook', {
				body: { url: 'https://waba.example.com', override_all: true },
			});
			await emulator.settle();
			expect(emulator.phoneNumberWebhook()).toEqual({ url: 'https://waba.example.com' });
		});

		it('requires override_all and valid URLs', async () => {
			for (const body of [
				{ url: 'https://waba.example.com' },
				{ url: 'https://waba.example.com', override_all: 'yes' },
				{ url: 'https://waba_hook.example.com', override_all: true },
			]) {
				const reply = await call(emulator, 'POST', '/waba_webhook', { body });
				expect(reply.status).toBe(400);
				expect(reply.body).toEqual(metaError(400));
			}
			await emulator.settle();
			expect(emulator.wabaWebhook()).toBeNull();
		});

		it('uses the configured ids', async () => {
			const other = await startEmulator({ wabaId: 'waba-x', displayPhoneNumber: '111' });
			try {
				const reply = await call(other, 'GET', '/waba_webhook');
				expect(reply.body).toMatchObject({ waba_id: 'waba-x', numbers_on_this_waba: ['111'] });
			} finally {
				await other.close();
			}
		});
	});
});
