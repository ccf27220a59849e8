import { createHash } from 'node:crypto';
import { request } from 'undici';

import {
	ATTACHMENTS_PATH,
	LOOKASIDE_ORIGIN,
	startEmulator,
	type Emulator,
	type MediaInfo,
} from '../../emulator';
import { testApiKey } from '../harness/testKeys';
import { call } from './helpers';

/** The emulator's media store over HTTP: look-up, download through the API host, delete, control. */

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ apiKey: testApiKey('emulator-media') });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const PDF = Buffer.from('%PDF-1.7\n% an invoice\n');

/** GET of a path (with its query) on the emulator, as bytes. */
async function fetchBytes(path: string, key: string | null = emulator.apiKey) {
	const response = await request(`${emulator.url}${path}`, {
		headers: key === null ? {} : { 'D360-API-KEY': key },
	});
	const bytes = Buffer.from(await response.body.arrayBuffer());
	return { status: response.statusCode, headers: response.headers, bytes };
}

/** The download path a look-up hands out: the URL's path and query, for the API host. */
async function downloadPath(id: string): Promise<string> {
	const { body } = await call(emulator, 'GET', `/${id}`);
	const url = new URL((body as { url: string }).url);
	return `${url.pathname}${url.search}`;
}

async function control(path: string, body: unknown) {
	const response = await request(`${emulator.url}/_emulator${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.statusCode,
		body: (await response.body.json()) as MediaInfo & { error?: string },
	};
}

describe('GET /{media-id}', () => {
	it("answers the file's metadata and a lookaside URL, as 360dialog passes Meta's on", async () => {
		const stored = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });
		const reply = await call(emulator, 'GET', `/${stored.id}`);

		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			messaging_product: 'whatsapp',
			url: expect.stringMatching(
				new RegExp(`^${LOOKASIDE_ORIGIN}${ATTACHMENTS_PATH}\\?mid=${stored.id}&ext=\\d+&hash=`),
			),
			mime_type: 'application/pdf',
			sha256: sha256(PDF),
			file_size: PDF.length,
			id: stored.id,
		});
	});

	it("answers an id it does not hold with Meta's Graph error (400, code 100)", async () => {
		const reply = await call(emulator, 'GET', '/1234567890123456');
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({
			error: {
				code: 100,
				error_data: {
					details: expect.stringMatching(
						/^Unsupported get request\. Object with ID '1234567890123456' does not exist/,
					),
				},
			},
		});
	});

	it('needs the key; paths that are not digits are no media ids', async () => {
		const stored = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });
		expect((await call(emulator, 'GET', `/${stored.id}`, { key: null })).status).toBe(401);
		expect((await call(emulator, 'GET', '/12ab')).status).toBe(404);
	});
});

describe('the download: the URL path and query on the API host, with the key', () => {
	it('sends the bytes with their MIME type', async () => {
		const stored = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });
		const file = await fetchBytes(await downloadPath(stored.id));

		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('application/pdf');
		expect(file.headers['content-length']).toBe(String(PDF.length));
		expect(file.bytes.equals(PDF)).toBe(true);
	});

	it('refuses without the key (401), with a changed URL (404), after the file was deleted (404)', async () => {
		const stored = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });
		const path = await downloadPath(stored.id);
		const other = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });

		expect((await fetchBytes(path, null)).status).toBe(401);
		const forged = await fetchBytes(path.replace(`mid=${stored.id}`, `mid=${other.id}`));
		expect(forged.status).toBe(404);
		expect(JSON.parse(forged.bytes.toString()).error.error_data.details).toBe(
			'The media URL is not valid',
		);
		await call(emulator, 'DELETE', `/${stored.id}`);
		const gone = await fetchBytes(path);
		expect(gone.status).toBe(404);
		expect(JSON.parse(gone.bytes.toString()).error.error_data.details).toBe(
			`Media ${stored.id} was deleted`,
		);
	});

	it('a URL past its lifetime (set by a control call) answers 404 "URL signature expired"', async () => {
		const stored = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });
		expect(await control('/media-url-lifetime', { ms: 0 })).toEqual({
			status: 200,
			body: { ok: true },
		});
		const path = await downloadPath(stored.id);
		await new Promise((resolve) => setTimeout(resolve, 5));

		const expired = await fetchBytes(path);
		expect(expired.status).toBe(404);
		expect(JSON.parse(expired.bytes.toString()).error.error_data.details).toBe(
			'URL signature expired',
		);
		emulator.reset();
		const fresh = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });
		expect((await fetchBytes(await downloadPath(fresh.id))).status).toBe(200);
	});

	it('a slow file: headers at once, the body spread over the delay', async () => {
		const bytes = Buffer.alloc(100_000, 7);
		const stored = emulator.seedMedia({ bytes, mimeType: 'image/jpeg', delayMs: 600 });
		const path = await downloadPath(stored.id);

		const started = Date.now();
		const response = await request(`${emulator.url}${path}`, {
			headers: { 'D360-API-KEY': emulator.apiKey },
		});
		const headersAfter = Date.now() - started;
		const received = Buffer.from(await response.body.arrayBuffer());

		expect(headersAfter).toBeLessThan(300);
		expect(Date.now() - started).toBeGreaterThanOrEqual(550);
		expect(received.equals(bytes)).toBe(true);
	});

	it("a failing file answers its status and body (default: Meta's envelope)", async () => {
		const plain = emulator.seedMedia({
			bytes: PDF,
			mimeType: 'application/pdf',
			fail: { status: 404 },
		});
		const custom = emulator.seedMedia({
			bytes: PDF,
			mimeType: 'application/pdf',
			fail: { status: 503, body: { meta: { developerMessage: 'Maintenance' } } },
		});

		const notFound = await fetchBytes(await downloadPath(plain.id));
		const down = await fetchBytes(await downloadPath(custom.id));

		expect(notFound.status).toBe(404);
		expect(JSON.parse(notFound.bytes.toString())).toMatchObject({ error: { code: 100 } });
		expect(down.status).toBe(503);
		expect(JSON.parse(down.bytes.toString())).toEqual({
			meta: { developerMessage: 'Maintenance' },
		});
	});
});

describe('DELETE /{media-id}', () => {
	it('deletes a file once; then the id is unknown', async () => {
		const stored = emulator.seedMedia({ bytes: PDF, mimeType: 'application/pdf' });
		expect(await call(emulator, 'DELETE', `/${stored.id}`)).toMatchObject({
			status: 200,
			body: { success: true },
		});
		expect(emulator.media()).toEqual([]);
		const again = await call(emulator, 'DELETE', `/${stored.id}`);
		expect(again.status).toBe(400);
		expect(again.body).toMatchObject({
			error: { error_data: { details: expect.stringMatching(/^Unsupported delete request/) } },
		});
	});
});

describe('seeding media: files a customer sent, under a chosen id', () => {
	it('takes base64 or a size (random bytes), an id, a name, and answers what it stored', async () => {
		const seeded = await control('/media', {
			id: '1037543291543636',
			mime_type: 'application/pdf',
			file_name: 'invoice.pdf',
			base64: PDF.toString('base64'),
		});
		const sized = await control('/media', { mime_type: 'image/jpeg', size: 2048 });

		const expected: MediaInfo = {
			id: '1037543291543636',
			mimeType: 'application/pdf',
			fileSize: PDF.length,
			sha256: sha256(PDF),
			fileName: 'invoice.pdf',
			uploadedAt: expect.any(Number),
		};
		expect(seeded).toEqual({ status: 200, body: expected });
		expect(sized.body).toMatchObject({ mimeType: 'image/jpeg', fileSize: 2048 });
		expect(emulator.media()).toEqual([expected, sized.body]);
		const file = await fetchBytes(await downloadPath('1037543291543636'));
		expect(file.bytes.equals(PDF)).toBe(true);
	});

	it('a seeded file skips the upload rules: empty, or bigger than WhatsApp takes', async () => {
		const empty = emulator.seedMedia({ bytes: Buffer.alloc(0), mimeType: 'text/plain' });
		const file = await fetchBytes(await downloadPath(empty.id));
		expect([file.status, file.bytes.length]).toEqual([200, 0]);
	});

	it('replaces the file under an id seeded again', async () => {
		emulator.seedMedia({ id: '42', bytes: PDF, mimeType: 'application/pdf' });
		emulator.seedMedia({ id: '42', bytes: Buffer.from('new'), mimeType: 'text/plain' });
		expect(emulator.media()).toEqual([expect.objectContaining({ id: '42', fileSize: 3 })]);
	});

	it.each([
		[{ size: 10 }, 'mime_type is required, e.g. "image/jpeg"'],
		[{ mime_type: 'image/jpeg' }, 'Give the file as "base64", or "size" (random bytes)'],
		[
			{ mime_type: 'image/jpeg', size: 1, id: 'abc' },
			'A media id is digits only, like "1037543291543636"',
		],
		[{ mime_type: 'image/jpeg', size: 1, delay_ms: -1 }, 'delay_ms must be a number >= 0'],
		[
			{ mime_type: 'image/jpeg', size: 1, fail: { status: 200 } },
			'fail.status must be an HTTP error status (400-599)',
		],
	])('refuses %j', async (body, error) => {
		expect(await control('/media', body)).toEqual({ status: 400, body: { error } });
	});

	it('seeds a slow or failing download through the control call too', async () => {
		const slow = await control('/media', { mime_type: 'image/jpeg', size: 10, delay_ms: 300 });
		const failing = await control('/media', {
			mime_type: 'image/jpeg',
			size: 10,
			fail: { status: 500 },
		});
		const started = Date.now();
		expect((await fetchBytes(await downloadPath(slow.body.id))).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect((await fetchBytes(await downloadPath(failing.body.id))).status).toBe(500);
	});
});
