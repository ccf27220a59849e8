/** The credential's test, as the editor's "Retry" button runs it through n8n's REST API. */
import { stopAllN8n } from '../harness/n8n';
import { startStack, type Stack } from '../harness/stack';

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({ workflows: () => [] });
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

test('the right API key: connection successful', async () => {
	const result = await stack.rest.testCredential(stack.credential);
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	const tests = stack.emulator.requests.filter((call) => call.path === '/v1/configs/webhook');
	expect(tests.at(-1)).toMatchObject({
		method: 'GET',
		headers: { 'd360-api-key': stack.emulator.apiKey },
	});
});

test("a wrong API key: fails with the credential's own message", async () => {
	const { credential } = stack;
	const result = await stack.rest.testCredential({
		...credential,
		data: { ...credential.data, apiKey: 'sk360-revoked-key' },
	});
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^360dialog rejected the API key\./);
});

test('an unreachable base URL: fails without hanging', async () => {
	const { credential } = stack;
	const result = await stack.rest.testCredential({
		...credential,
		data: { ...credential.data, baseUrl: 'http://127.0.0.1:9' },
	});
	expect(result.status).toBe('Error');
});
