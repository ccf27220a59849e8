import type { INodeParameters } from 'n8n-workflow';

import { expectAuthenticated, expectNoKey, run, useEmulator } from '../actions/helpers';
import { fileItem } from './helpers';

// Business Profile → Get and Update over real HTTP against the emulator, which keeps the profile
// and serves the Resumable Upload API a profile photo goes through.

const emulator = useEmulator();
const profile = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'businessProfile',
	operation,
	...parameters,
});
const profileCalls = () =>
	emulator().requests.filter((request) => request.path === '/whatsapp_business_profile');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]);

describe('Business Profile: Update and Get', () => {
	it('updates only the given fields and outputs the profile as WhatsApp now shows it', async () => {
		const result = await run(
			emulator(),
			profile('update', {
				updateFields: {
					about: 'Fresh bread every morning',
					email: 'hello@bakery.example',
					vertical: 'GROCERY',
					websites: 'https://bakery.example, https://shop.bakery.example',
				},
			}),
		);

		expect(result.error).toBeUndefined();
		const post = profileCalls().find((request) => request.method === 'POST')!;
		expectAuthenticated(post, emulator().apiKey);
		expect(post.body).toEqual({
			messaging_product: 'whatsapp',
			about: 'Fresh bread every morning',
			email: 'hello@bakery.example',
			vertical: 'GROCERY',
			websites: ['https://bakery.example', 'https://shop.bakery.example'],
		});
		expect(result.items).toEqual([
			{
				json: {
					updated: ['about', 'email', 'vertical', 'websites'],
					profile: {
						messaging_product: 'whatsapp',
						about: 'Fresh bread every morning',
						email: 'hello@bakery.example',
						vertical: 'GROCERY',
						websites: ['https://bakery.example', 'https://shop.bakery.example'],
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoKey(result, emulator().apiKey);

		const read = await run(emulator(), profile('get'));
		expect(read.items[0].json).toEqual(result.items[0].json.profile);
		const get = profileCalls().at(-1)!;
		expect(new URLSearchParams(get.query).get('fields')).toBe(
			'about,address,description,email,profile_picture_url,websites,vertical',
		);
	});

	it('a profile photo from binary data: upload session, bytes, then the handle in the update', async () => {
		const result = await run(
			emulator(),
			profile('update', { updateFields: { profilePhotoBinaryField: 'photo' } }),
			{ items: [fileItem(PNG, 'image/png', 'logo.png', 'photo')] },
		);

		expect(result.error).toBeUndefined();
		const [session, bytes, update] = emulator().requests.filter((r) => r.method === 'POST');
		expect([session.path, new URLSearchParams(session.query).get('file_length')]).toEqual([
			'/uploads',
			String(PNG.length),
		]);
		expect(new URLSearchParams(session.query).get('file_type')).toBe('image/png');
		expect(bytes.path).toMatch(/^\/upload:/);
		expect(bytes.headers.file_offset).toBe('0');
		// The bytes go as image/png, so only the key header is checked here; the emulator refuses
		// bytes whose length is not the session's file_length.
		expect(bytes.headers['d360-api-key']).toBe(emulator().apiKey);
		expect(update.body).toEqual({
			messaging_product: 'whatsapp',
			profile_picture_handle: expect.any(String),
		});
		expect(result.items[0].json).toMatchObject({
			updated: ['profile_photo'],
			profile: { profile_picture_url: expect.stringContaining('https://') },
		});
	});

	it.each<[string, INodeParameters, string | RegExp]>([
		['no field', {}, 'Nothing to update'],
		[
			'an about text over 139 characters',
			{ about: 'x'.repeat(140) },
			'About is too long: 140 characters, at most 139',
		],
		[
			'a description over 512 characters',
			{ description: 'x'.repeat(513) },
			/^Description is too long: 513/,
		],
		['an invalid email', { email: 'hello at bakery' }, 'Invalid Email "hello at bakery"'],
		[
			'three websites',
			{ websites: 'https://a.example, https://b.example, https://c.example' },
			'3 Websites: a profile has at most 2',
		],
		[
			'a website that is not http(s)',
			{ websites: 'bakery.example' },
			'Invalid website "bakery.example" in Websites',
		],
		['an unknown industry', { vertical: 'BAKERY' }, 'Invalid Industry "BAKERY"'],
	])('refuses %s before any call', async (_, updateFields, message) => {
		const result = await run(emulator(), profile('update', { updateFields }));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toEqual(
			typeof message === 'string' ? message : expect.stringMatching(message),
		);
		expect(emulator().requests).toEqual([]);
	});

	it('refuses a photo that is not JPEG or PNG before any upload', async () => {
		const result = await run(
			emulator(),
			profile('update', { updateFields: { profilePhotoBinaryField: 'data' } }),
			{ items: [fileItem(Buffer.from('GIF89a'), 'image/gif', 'logo.gif')] },
		);
		expect(result.error?.message).toMatch(
			/is image\/gif: WhatsApp takes a JPEG or PNG profile photo/,
		);
		expect(emulator().requests).toEqual([]);
	});

	it("360dialog's refusal as a NodeApiError with its message", async () => {
		// A refusal the node cannot foresee: 360dialog's answer in Meta's envelope (the fault's default).
		emulator().injectFault({ path: '/whatsapp_business_profile', method: 'POST', status: 400 });
		const result = await run(emulator(), profile('update', { updateFields: { about: 'Hi' } }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.description).toMatch(
			/360dialog says: "\(#100\) Invalid parameter: Bad Request"/,
		);
	});

	it.each(['get', 'update'])('%s refuses On-Premise hosting before any call', async (operation) => {
		const result = await run(emulator(), profile(operation, { updateFields: { about: 'Hi' } }), {
			hosting: 'onPremise',
		});
		expect(result.error?.message).toMatch(/The Business Profile resource needs a Cloud API number/);
		expect(result.error?.description).toMatch(/\/v1\/settings\/business\/profile/);
		expect(emulator().requests).toEqual([]);
	});
});
