import type { INodeParameters } from 'n8n-workflow';

import { ATTACHMENTS_PATH } from '../../emulator';
import { expectAuthenticated, expectNoKey, run, useEmulator } from '../actions/helpers';
import { CUSTOMER } from '../messaging/helpers';
import { bytesOf, fileBytes, mediaCalls, MB, sha256 } from './helpers';

/** The action node's Media resource: Get, Download and Delete over HTTP against the emulator. */

const emulator = useEmulator();

const media = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'media',
	operation,
	...parameters,
});

const seedPdf = (size = 40_000, extra: { delayMs?: number; fail?: { status: number } } = {}) => {
	const bytes = fileBytes('application/pdf', size);
	const stored = emulator().seedMedia({ bytes, mimeType: 'application/pdf', ...extra });
	return { bytes, stored };
};

describe('Media: Get', () => {
	it("outputs the file's URL, MIME type, size and sha256", async () => {
		const { bytes, stored } = seedPdf();
		const result = await run(emulator(), media('get', { mediaId: stored.id }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					id: stored.id,
					url: expect.stringMatching(/^https:\/\/lookaside\.fbsbx\.com\/whatsapp_business\//),
					mime_type: 'application/pdf',
					sha256: sha256(bytes),
					file_size: bytes.length,
				},
				pairedItem: { item: 0 },
			},
		]);
		expectAuthenticated(emulator().requests[0], emulator().apiKey);
	});

	it("an unknown media ID fails with 360dialog's message", async () => {
		const result = await run(emulator(), media('get', { mediaId: '1234567890123456' }));
		expect(result.error?.message).toMatch(
			/^360dialog refused GET \/1234567890123456 \(400: \(#100\) Invalid parameter: Unsupported get request/,
		);
		expectNoKey(result, emulator().apiKey);
	});

	it.each([
		// Empty only once evaluated: n8n itself refuses an empty required field.
		['={{ $json.media?.id ?? "" }}', 'Media ID is empty'],
		['wamid.abc', 'Invalid Media ID "wamid.abc"'],
		['../multi_webhook', 'Invalid Media ID "../multi_webhook"'],
	])('refuses the media ID %j before any call', async (mediaId, message) => {
		const result = await run(emulator(), media('get', { mediaId }));
		expect(result.error?.message).toBe(message);
		expect(emulator().requests).toEqual([]);
	});
});

describe('Media: Download', () => {
	it('outputs the file as binary data in the chosen field, with its ID, type, size, name and sha256', async () => {
		const { bytes, stored } = seedPdf(300_000);
		const result = await run(
			emulator(),
			media('download', { mediaId: stored.id, binaryPropertyName: 'invoice' }),
		);

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toEqual({
			id: stored.id,
			mime_type: 'application/pdf',
			file_size: bytes.length,
			file_name: `${stored.id}.pdf`,
			sha256: sha256(bytes),
		});
		expect(Object.keys(item.binary ?? {})).toEqual(['invoice']);
		expect(item.binary!.invoice).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${stored.id}.pdf`,
			bytes: bytes.length,
		});
		expect(bytesOf(item.binary!.invoice).equals(bytes)).toBe(true);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(mediaCalls(emulator())).toEqual([`GET /${stored.id}`, `GET ${ATTACHMENTS_PATH}`]);
		for (const call of emulator().requests) expectAuthenticated(call, emulator().apiKey);
	});

	it('names the file as told, one download per input item', async () => {
		const first = seedPdf(100);
		const second = seedPdf(200);
		const result = await run(
			emulator(),
			media('download', { mediaId: '={{ $json.id }}', fileName: '={{ $json.name }}' }),
			{
				input: [
					{ id: first.stored.id, name: 'Rechnung.pdf' },
					{ id: second.stored.id, name: 'Lieferschein.pdf' },
				],
			},
		);

		expect(result.items.map((item) => item.binary?.data?.fileName)).toEqual([
			'Rechnung.pdf',
			'Lieferschein.pdf',
		]);
		expect(result.items.map((item) => bytesOf(item.binary!.data).length)).toEqual([100, 200]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	describe('sizes against Max Size (1 MB here)', () => {
		const download = (mediaId: string) =>
			run(emulator(), media('download', { mediaId, options: { maxSize: 1 } }));

		it('0 bytes: an empty file', async () => {
			const { stored } = seedPdf(0);
			const result = await download(stored.id);
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ file_size: 0, sha256: sha256(Buffer.alloc(0)) });
			expect(bytesOf(result.items[0].binary!.data)).toHaveLength(0);
		});

		it('exactly Max Size: downloaded', async () => {
			const { bytes, stored } = seedPdf(MB);
			const result = await download(stored.id);
			expect(result.error).toBeUndefined();
			expect(bytesOf(result.items[0].binary!.data).equals(bytes)).toBe(true);
		});

		it('one byte over: fails before the download, saying how to go on', async () => {
			const { stored } = seedPdf(MB + 1);
			const result = await download(stored.id);
			expect(result.error?.message).toBe(
				'The media file is bigger than Max Size: 1048577 bytes, Max Size is 1048576 bytes',
			);
			expect(result.error?.description).toMatch(/^Raise Max Size/);
			expect(mediaCalls(emulator())).toEqual([`GET /${stored.id}`]);
		});
	});

	describe('failures are errors (with Continue On Fail: error items with the status)', () => {
		it('the file answers 404: not asked for again', async () => {
			const { stored } = seedPdf(100, { fail: { status: 404 } });
			const result = await run(emulator(), media('download', { mediaId: stored.id }));
			expect(result.error?.message).toBe(
				'360dialog refused GET /whatsapp_business/attachments/ (404: (#100) Invalid parameter: Download failed)',
			);
			expect(result.error?.description).toMatch(/files customers send are kept 7 days/);
			expect(mediaCalls(emulator())).toHaveLength(2);
			expectNoKey(result, emulator().apiKey);
		});

		it('an expired URL', async () => {
			const { stored } = seedPdf(100);
			emulator().setMediaUrlLifetime(0);
			const result = await run(emulator(), media('download', { mediaId: stored.id }));
			expect(result.error?.message).toMatch(/URL signature expired/);
			expect(result.error?.description).toMatch(/valid for 5 minutes/);
		});

		it('a download slower than Timeout', async () => {
			const { stored } = seedPdf(50_000, { delayMs: 3000 });
			const started = Date.now();
			const result = await run(
				emulator(),
				media('download', { mediaId: stored.id, options: { timeout: 1 } }),
			);
			expect(result.error?.message).toBe('The media file did not arrive within 1 s');
			expect(Date.now() - started).toBeLessThan(2500);
		});

		it('a 360dialog error on the look-up, with Continue On Fail: one error item per failed input', async () => {
			const good = seedPdf(100);
			emulator().injectFault({ path: '/1111111111111111', status: 500 });
			const result = await run(emulator(), media('download', { mediaId: '={{ $json.id }}' }), {
				input: [{ id: '1111111111111111' }, { id: good.stored.id }],
				continueOnFail: true,
			});

			expect(result.error).toBeUndefined();
			expect(result.items[0]).toEqual({
				json: {
					error: expect.stringMatching(/^360dialog refused GET \/1111111111111111 \(500/),
					description: expect.any(String),
					httpCode: '500',
					code: 131000,
				},
				pairedItem: { item: 0 },
			});
			expect(result.items[1].binary?.data).toBeDefined();
		});

		it.each([
			[{ maxSize: -1 }, 'Invalid Max Size (MB) "-1"'],
			[{ timeout: 0 }, 'Invalid Timeout (Seconds) "0"'],
		])('refuses the options %j before any call', async (options, message) => {
			const { stored } = seedPdf(100);
			const result = await run(emulator(), media('download', { mediaId: stored.id, options }));
			expect(result.error?.message).toBe(message);
			expect(emulator().requests).toEqual([]);
		});
	});
});

describe('Media: Delete', () => {
	it('deletes the file: Get then fails', async () => {
		const { stored } = seedPdf();
		const result = await run(emulator(), media('delete', { mediaId: stored.id }));

		expect(result.items).toEqual([
			{ json: { id: stored.id, success: true, raw: { success: true } }, pairedItem: { item: 0 } },
		]);
		expect(emulator().media()).toEqual([]);
		expect(emulator().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`DELETE /${stored.id}`,
		]);
		const after = await run(emulator(), media('get', { mediaId: stored.id }));
		expect(after.error?.message).toMatch(/does not exist/);
	});

	it("an unknown media ID fails with 360dialog's message", async () => {
		const result = await run(emulator(), media('delete', { mediaId: '1234567890123456' }));
		expect(result.error?.message).toMatch(/Unsupported delete request/);
	});
});

describe('a file a customer sent, downloaded and sent back with Send Media', () => {
	it('round-trips the same bytes: the upload 360dialog receives has their sha256', async () => {
		const bytes = fileBytes('image/jpeg', 700_000);
		const sent = emulator().seedMedia({ bytes, mimeType: 'image/jpeg' });
		emulator().setWindow(CUSTOMER, true);

		const downloaded = await run(emulator(), media('download', { mediaId: sent.id }));
		const echoed = await run(
			emulator(),
			{
				resource: 'message',
				operation: 'sendMedia',
				to: CUSTOMER,
				mediaType: 'image',
				source: 'binary',
				caption: 'Your photo',
			},
			{ items: downloaded.items },
		);

		expect(echoed.error).toBeUndefined();
		const uploaded = emulator()
			.media()
			.find((file) => file.id !== sent.id)!;
		expect(uploaded).toMatchObject({ mimeType: 'image/jpeg', sha256: sha256(bytes) });
		expect(emulator().messages()[0].body).toMatchObject({
			type: 'image',
			image: { id: uploaded.id, caption: 'Your photo' },
		});
	});
});
