import { request } from 'undici';

import { startEmulator, type Emulator } from '../../emulator';
import { call } from './helpers';

// The emulator's rules for templates, Flows, location requests, blocked users and the business
// profile, called directly: the nodes check most of these before any call, so only a direct
// client reaches them.

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const WA_ID = '4917612345678';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(async () => {
	// Statuses still on their way from the last test must not land in this one.
	await emulator.settle();
	emulator.reset();
	emulator.setWindow(WA_ID, true);
});

const send = (interactive: Json) =>
	call(emulator, 'POST', '/messages', {
		body: { messaging_product: 'whatsapp', to: WA_ID, type: 'interactive', interactive },
	});
const details = (body: unknown) => (body as Json).error.error_data.details as string;

describe('POST /messages: location requests and Flows', () => {
	it('a location request with a footer is refused; with body and send_location it is sent', async () => {
		const refused = await send({
			type: 'location_request_message',
			body: { text: 'Where?' },
			footer: { text: 'x' },
			action: { name: 'send_location' },
		});
		expect([refused.status, details(refused.body)]).toEqual([
			400,
			'A location_request_message has a body only: no header, no footer',
		]);
		const sent = await send({
			type: 'location_request_message',
			body: { text: 'Where?' },
			action: { name: 'send_location' },
		});
		expect(sent.status).toBe(200);
	});

	const flow = (parameters: Json) => ({
		type: 'flow',
		body: { text: 'Book' },
		action: {
			name: 'flow',
			parameters: { flow_message_version: '3', flow_id: '1', flow_cta: 'Book', ...parameters },
		},
	});

	it.each([
		[{ flow_name: 'booking' }, 'needs exactly one of flow_id and flow_name'],
		[
			{ flow_action: 'data_exchange', flow_action_payload: { screen: 'A' } },
			'must be omitted for data_exchange',
		],
		[{ flow_action: 'navigate' }, 'flow_action_payload.screen is required for navigate'],
		[{ flow_action_payload: { screen: 'A', data: {} } }, 'data must be a non-empty object'],
		[
			{ flow_cta: 'x'.repeat(31), flow_action: 'data_exchange' },
			'flow_cta must be at most 30 characters',
		],
		[{ mode: 'test', flow_action: 'data_exchange' }, 'mode must be draft or published'],
	])('a Flow with %j is refused', async (parameters, why) => {
		const answer = await send(flow(parameters));
		expect(answer.status).toBe(400);
		expect(details(answer.body)).toContain(why);
	});
});

describe('templates: create and delete', () => {
	const create = (body: Json) => call(emulator, 'POST', '/v1/configs/templates', { body });
	const base = { name: 'note', category: 'UTILITY', language: 'en_US' };

	it('a body variable without an example is refused; with one the template is pending', async () => {
		const refused = await create({ ...base, components: [{ type: 'BODY', text: 'Hi {{1}}' }] });
		expect(refused.status).toBe(400);
		expect((refused.body as Json).meta.developerMessage).toMatch(/example\.body_text/);
		const created = await create({
			...base,
			components: [{ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Ana']] } }],
		});
		expect(created.status).toBe(200);
		expect(emulator.templates()).toEqual([
			expect.objectContaining({ name: 'note', status: 'pending' }),
		]);
	});

	it('deleting a name nobody has is a 404', async () => {
		const answer = await call(emulator, 'DELETE', '/v1/configs/templates/nothing_here');
		expect(answer.status).toBe(404);
	});
});

describe('/block_users', () => {
	it("a partial failure is a 400 that still lists every user's result", async () => {
		const answer = await call(emulator, 'POST', '/block_users', {
			body: {
				messaging_product: 'whatsapp',
				block_users: [{ user: WA_ID }, { user: '4915100000000' }],
			},
		});
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({
			messaging_product: 'whatsapp',
			block_users: {
				added_users: [{ input: WA_ID, wa_id: WA_ID }],
				failed_users: [{ input: '4915100000000', errors: [{ code: 139102 }] }],
			},
			error: { code: 139100 },
		});
	});

	it('more than 1000 users in one request are refused', async () => {
		const users = Array.from({ length: 1001 }, (_, index) => ({
			user: `4915${String(index).padStart(9, '0')}`,
		}));
		const answer = await call(emulator, 'POST', '/block_users', {
			body: { messaging_product: 'whatsapp', block_users: users },
		});
		expect([answer.status, details(answer.body)]).toEqual([
			400,
			'Param block_users holds at most 1000 users',
		]);
	});
});

describe('business profile and the Resumable Upload API', () => {
	it('an upload with fewer bytes than the session said is refused; a handle of a PNG sets the photo', async () => {
		const session = await call(emulator, 'POST', '/uploads?file_length=4&file_type=image/png');
		const id = (session.body as Json).id as string;
		const upload = (bytes: Buffer) =>
			request(`${emulator.url}/${id}`, {
				method: 'POST',
				headers: { 'D360-API-KEY': emulator.apiKey, file_offset: '0', 'content-type': 'image/png' },
				body: bytes,
			}).then(async (response) => ({
				status: response.statusCode,
				body: (await response.body.json()) as Json,
			}));
		expect((await upload(Buffer.from([1, 2, 3]))).status).toBe(400);
		const done = await upload(Buffer.from([1, 2, 3, 4]));
		expect(done.status).toBe(200);

		const unknown = await call(emulator, 'POST', '/whatsapp_business_profile', {
			body: { messaging_product: 'whatsapp', profile_picture_handle: 'not-a-handle' },
		});
		expect(details(unknown.body)).toBe(
			'Param profile_picture_handle is not the handle of an upload',
		);
		const set = await call(emulator, 'POST', '/whatsapp_business_profile', {
			body: { messaging_product: 'whatsapp', profile_picture_handle: done.body.h },
		});
		expect(set.status).toBe(200);
		const profile = await call(
			emulator,
			'GET',
			'/whatsapp_business_profile?fields=profile_picture_url',
		);
		expect((profile.body as Json).data[0].profile_picture_url).toMatch(/^https:\/\//);
	});
});
