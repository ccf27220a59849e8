import { HIDDEN_HEADER_VALUE } from '../../nodes/Dialog360/helpers/webhooks/headerValues';
import {
	changingCalls,
	expectAuthenticated,
	expectNoKey,
	headerRows,
	run,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

const url = 'https://app.example.com/webhooks/whatsapp';

describe('WABA Webhook Get', () => {
	it("outputs the WABA webhook with the WABA's numbers", async () => {
		emulator().setState({ wabaWebhook: { url, headers: { Authorization: 'Basic dXNlcjpwYXNz' } } });

		const result = await run(emulator(), { resource: 'wabaWebhook', operation: 'get' });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			url,
			headers: { Authorization: HIDDEN_HEADER_VALUE },
			waba_id: expect.anything(),
			numbers_on_this_waba: expect.any(Array),
		});
		const [request] = emulator().requests;
		expect(request).toMatchObject({ method: 'GET', path: '/waba_webhook', rawBody: '' });
		expectAuthenticated(request, emulator().apiKey);
		expectNoKey(result, emulator().apiKey);
	});
});

describe('WABA Webhook Set', () => {
	it('sends override_all false by default and waits until the URL shows', async () => {
		emulator().setApplyDelay(300);

		const result = await run(emulator(), {
			resource: 'wabaWebhook',
			operation: 'set',
			url,
			headers: headerRows({ Authorization: 'Basic dXNlcjpwYXNz' }),
		});

		expect(result.error).toBeUndefined();
		const [post, ...reads] = emulator().requests;
		expect(post).toMatchObject({ method: 'POST', path: '/waba_webhook' });
		expect(post.body).toEqual({
			url,
			headers: { Authorization: 'Basic dXNlcjpwYXNz' },
			override_all: false,
		});
		expectAuthenticated(post, emulator().apiKey);
		expect(reads.length).toBeGreaterThanOrEqual(2);
		expect(reads.every(({ method, path }) => method === 'GET' && path === '/waba_webhook')).toBe(
			true,
		);
		expect(result.items[0].json).toMatchObject({
			url,
			headers: { Authorization: HIDDEN_HEADER_VALUE },
		});
		expect(emulator().wabaWebhook()).toEqual({
			url,
			headers: { Authorization: 'Basic dXNlcjpwYXNz' },
		});
		expect(emulator().phoneNumberWebhook()).toBeNull();
	});

	it("sends override_all true and outputs 360dialog's answer when not waiting", async () => {
		const result = await run(emulator(), {
			resource: 'wabaWebhook',
			operation: 'set',
			url,
			overrideAll: true,
			waitUntilApplied: false,
		});

		expect(result.error).toBeUndefined();
		expect(changingCalls(emulator())[0].body).toEqual({ url, override_all: true });
		expect(result.items[0].json).toEqual({
			message: expect.stringMatching(/^Webhook will be set for waba_id: /),
		});
		await emulator().settle();
		expect(emulator().phoneNumberWebhook()).toEqual({ url });
	});
});

describe('WABA Webhook Set: a change of headers alone', () => {
	it('is not taken as applied while the old headers still show', async () => {
		emulator().setState({ wabaWebhook: { url, headers: { 'X-Token': 'old' } } });
		emulator().setApplyDelay(1200);

		const result = await run(emulator(), {
			resource: 'wabaWebhook',
			operation: 'set',
			url,
			headers: headerRows({ 'X-Token': 'new' }),
			options: { includeHeaderValues: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ url, headers: { 'X-Token': 'new' } });
		const reads = emulator().requests.filter(({ method }) => method === 'GET');
		expect(reads.length).toBeGreaterThanOrEqual(2);
	});
});
