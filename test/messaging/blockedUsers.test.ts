import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import { expectAuthenticated, expectNoKey, run, useEmulator } from '../actions/helpers';
import { testApiKey } from '../harness/testKeys';
import { CUSTOMER, customerWrites } from './helpers';

// Blocked User → Block, Unblock and Get Many over real HTTP against the emulator, which keeps the
// blocklist with Meta's rules (only users who wrote in the last 24 hours can be blocked).

const emulator = useEmulator();
const OTHER = '4915199999999';
const SILENT = '4915188888888';

const blockedUser = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'blockedUser',
	operation,
	...parameters,
});
const blockCalls = () => emulator().requests.filter((request) => request.path === '/block_users');

beforeEach(async () => {
	await customerWrites(emulator());
	emulator().setWindow(OTHER, true);
});

describe('Blocked User: Block', () => {
	it('blocks a list of users: one item per user, paired with the input item', async () => {
		const result = await run(
			emulator(),
			blockedUser('block', { users: `+49 176 12345678, ${OTHER}` }),
		);

		expect(result.error).toBeUndefined();
		const [call] = blockCalls();
		expectAuthenticated(call, emulator().apiKey);
		expect([call.method, call.body]).toEqual([
			'POST',
			{ messaging_product: 'whatsapp', block_users: [{ user: CUSTOMER }, { user: OTHER }] },
		]);
		expect(result.items).toEqual([
			{ json: { user: CUSTOMER, wa_id: CUSTOMER, status: 'blocked' }, pairedItem: { item: 0 } },
			{ json: { user: OTHER, wa_id: OTHER, status: 'blocked' }, pairedItem: { item: 0 } },
		]);
		expectNoKey(result, emulator().apiKey);
	});

	it("a user who has not written in 24 hours: WhatsApp's per-user refusal in that user's item, the others blocked", async () => {
		const result = await run(emulator(), blockedUser('block', { users: `${CUSTOMER}\n${SILENT}` }));

		expect(result.error).toBeUndefined();
		expect(result.items.map(({ json }) => json)).toEqual([
			{ user: CUSTOMER, wa_id: CUSTOMER, status: 'blocked' },
			{
				user: SILENT,
				wa_id: SILENT,
				status: 'failed',
				error: {
					code: 139102,
					message: 'Re-engagement check failed',
					details: 'The user has not messaged this number in the last 24 hours',
				},
			},
		]);
	});

	it('takes a list from an expression and drops repeats', async () => {
		const result = await run(emulator(), blockedUser('block', { users: '={{ $json.spammers }}' }), {
			input: [{ spammers: [CUSTOMER, `+${CUSTOMER}`, OTHER] }],
		});
		expect(result.error).toBeUndefined();
		expect(blockCalls()[0].body).toMatchObject({
			block_users: [{ user: CUSTOMER }, { user: OTHER }],
		});
	});

	it.each<[string, string, string | RegExp]>([
		['an entry that is no phone number', `${CUSTOMER}, Lena`, 'Invalid user "Lena" in Users'],
		['only separators', ' , ; ', 'Users is empty'],
		[
			'more than 1000 users',
			Array.from({ length: 1001 }, (_, index) => `49151${String(index).padStart(7, '0')}`).join(
				',',
			),
			'1001 users: WhatsApp takes at most 1000 per request',
		],
	])('refuses %s before any call', async (_, users, message) => {
		const result = await run(emulator(), blockedUser('block', { users }));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toEqual(message);
		expect(blockCalls()).toEqual([]);
	});

	it('refuses On-Premise hosting before any call', async () => {
		const result = await run(emulator(), blockedUser('block', { users: CUSTOMER }), {
			hosting: 'onPremise',
		});
		expect(result.error?.message).toMatch(/The Blocked User resource needs a Cloud API number/);
		expect(blockCalls()).toEqual([]);
	});

	it('a refused request (bad key): a NodeApiError that says what to do, without the key', async () => {
		const result = await run(emulator(), blockedUser('block', { users: CUSTOMER }), {
			apiKey: 'wrong-key-123',
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/API key/);
		expect(result.error?.httpCode).toBe('401');
		expectNoKey(result, 'wrong-key-123');
	});
});

describe('Blocked User: Unblock and Get Many', () => {
	beforeEach(async () => {
		await run(emulator(), blockedUser('block', { users: `${CUSTOMER}, ${OTHER}` }));
		emulator().clearRequests();
	});

	it('lists the blocked users, one item each', async () => {
		const result = await run(emulator(), blockedUser('getMany', { returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items.map(({ json }) => json)).toEqual([
			{ wa_id: CUSTOMER, user: CUSTOMER },
			{ wa_id: OTHER, user: OTHER },
		]);
	});

	it('unblocks with DELETE: the user is gone from the list', async () => {
		const result = await run(emulator(), blockedUser('unblock', { users: CUSTOMER }));
		expect(result.error).toBeUndefined();
		expect(result.items.map(({ json }) => json)).toEqual([
			{ user: CUSTOMER, wa_id: CUSTOMER, status: 'unblocked' },
		]);
		expect(blockCalls()[0]).toMatchObject({
			method: 'DELETE',
			body: { block_users: [{ user: CUSTOMER }] },
		});
		const list = await run(emulator(), blockedUser('getMany', { returnAll: true }));
		expect(list.items.map(({ json }) => json.wa_id)).toEqual([OTHER]);
	});
});

describe('Blocked User: Get Many pages', () => {
	// An emulator whose pages hold 2 entries (templatePageSize caps its blocklist pages too).
	let small: Emulator;
	beforeAll(async () => {
		small = await startEmulator({ apiKey: testApiKey('actions'), templatePageSize: 2 });
	});
	afterAll(async () => {
		await small.close();
	});

	it('follows the after cursor until the last page, and stops at the limit', async () => {
		const many = Array.from({ length: 5 }, (_, index) => `49151000000${index}`);
		for (const user of many) small.setWindow(user, true);
		await run(small, blockedUser('block', { users: many.join(',') }));
		small.clearRequests();

		const all = await run(small, blockedUser('getMany', { returnAll: true }));
		expect(all.items.map(({ json }) => json.wa_id)).toEqual(many);
		const pages = small.requests.filter((request) => request.path === '/block_users');
		expect(pages).toHaveLength(3);
		expect(new URLSearchParams(pages[1].query).get('after')).toEqual(expect.any(String));

		const limited = await run(small, blockedUser('getMany', { limit: 3 }));
		expect(limited.items.map(({ json }) => json.wa_id)).toEqual(many.slice(0, 3));
	});
});
