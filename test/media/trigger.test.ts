import type { INodeParameters } from 'n8n-workflow';

import {
	ATTACHMENTS_PATH,
	sampleMediaNotification,
	sampleTextNotification,
	type MediaDownloadBehaviour,
} from '../../emulator';
import {
	bytesOf,
	fileBytes,
	mediaCalls,
	mediaMessage,
	mediaOf,
	messageIdOf,
	onlyMessage,
	sha256,
	startMediaTrigger,
	MB,
	type MediaTrigger,
} from './helpers';

/**
 * The trigger's Download Media option, through n8n-core: webhook() answers 360dialog's fan-out,
 * then the execution runs the trigger's execute(), which fetches each file from the emulator over
 * HTTP and hands it to the workflow as binary data.
 */

const DOWNLOAD = { downloadMedia: true };

function parameters(downloadOptions: INodeParameters = {}): INodeParameters {
	return { ...DOWNLOAD, downloadOptions };
}

describe('Download Media on: each file becomes binary data with its bytes, MIME type and name', () => {
	let stack: MediaTrigger;
	beforeAll(async () => {
		stack = await startMediaTrigger(parameters());
	});
	afterAll(async () => await stack.close());
	beforeEach(() => stack.emulator.clearRequests());

	it('an image: named after the message, the look-up then the file through the API host with the key', async () => {
		const bytes = fileBytes('image/jpeg', 2 * MB);
		const { notification, messageId, stored } = mediaMessage(stack.emulator, {
			type: 'image',
			mimeType: 'image/jpeg',
			caption: 'Foto vom Schaden',
			bytes,
		});

		const item = onlyMessage(await stack.deliver(notification));

		const binary = item.binary!.data;
		expect(sha256(bytesOf(binary))).toBe(sha256(bytes));
		expect(binary).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: `${messageId}.jpg`,
			fileExtension: 'jpg',
			fileType: 'image',
			bytes: bytes.length,
			fileSize: '2.1 MB',
		});
		expect(item.json).toMatchObject({
			type: 'image',
			message_id: messageId,
			media: { id: stored.id, mime_type: 'image/jpeg', caption: 'Foto vom Schaden' },
		});
		expect(mediaOf(item).download_error).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0, input: 0 });
		expect(mediaCalls(stack.emulator)).toEqual([`GET /${stored.id}`, `GET ${ATTACHMENTS_PATH}`]);
		const [lookUp, download] = stack.emulator.requests.filter((r) =>
			mediaCalls(stack.emulator).includes(`${r.method} ${r.path}`),
		);
		expect(download.query).toMatch(new RegExp(`^mid=${stored.id}&ext=\\d+&hash=`));
		for (const call of [lookUp, download]) {
			expect(call.headers['d360-api-key']).toBe(stack.emulator.apiKey);
		}
	});

	it('a voice note: audio/ogg with codecs, named .ogg', async () => {
		const bytes = fileBytes('audio/ogg', 48_000);
		const { notification, messageId } = mediaMessage(stack.emulator, {
			type: 'audio',
			mimeType: 'audio/ogg; codecs=opus',
			voice: true,
			bytes,
		});

		const item = onlyMessage(await stack.deliver(notification));

		expect(sha256(bytesOf(item.binary!.data))).toBe(sha256(bytes));
		expect(item.binary!.data).toMatchObject({
			mimeType: 'audio/ogg; codecs=opus',
			fileName: `${messageId}.ogg`,
			bytes: 48_000,
		});
	});

	it("a PDF: the document's own name; one with slashes in it stays one file name", async () => {
		const bytes = fileBytes('application/pdf', 300_000);
		const invoice = mediaMessage(stack.emulator, {
			type: 'document',
			mimeType: 'application/pdf',
			fileName: 'Rechnung 2025-07.pdf',
			bytes,
		});
		const slashed = mediaMessage(stack.emulator, {
			type: 'document',
			mimeType: 'application/pdf',
			fileName: '../Q1/Q2 report.pdf',
			bytes,
		});

		const item = onlyMessage(await stack.deliver(invoice.notification));
		const other = onlyMessage(await stack.deliver(slashed.notification));

		expect(sha256(bytesOf(item.binary!.data))).toBe(sha256(bytes));
		expect(item.binary!.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'Rechnung 2025-07.pdf',
			fileExtension: 'pdf',
		});
		expect(other.binary!.data.fileName).toBe('.._Q1_Q2 report.pdf');
	});

	it('a sticker and a video too; a text message in the same notification is left as it is', async () => {
		const sticker = mediaMessage(stack.emulator, {
			type: 'sticker',
			mimeType: 'image/webp',
			bytes: fileBytes('image/webp', 20_000),
		});
		const video = mediaMessage(stack.emulator, {
			type: 'video',
			mimeType: 'video/mp4',
			bytes: fileBytes('video/mp4', 100_000),
		});
		const text = sampleTextNotification();
		const notification = sticker.notification;
		notification.entry[0].changes[0].value.messages.push(
			video.notification.entry[0].changes[0].value.messages[0],
			text.entry[0].changes[0].value.messages[0],
		);

		const execution = await stack.deliver(notification);

		const [messages] = execution.outputs;
		expect(messages.map((m) => m.json.type)).toEqual(['sticker', 'video', 'text']);
		expect(messages.map((m) => m.binary?.data?.fileName)).toEqual([
			`${sticker.messageId}.webp`,
			`${messageIdOf(video.notification)}.mp4`,
			undefined,
		]);
		expect(messages.map((m) => m.pairedItem)).toEqual([
			{ item: 0, input: 0 },
			{ item: 1, input: 0 },
			{ item: 2, input: 0 },
		]);
		// One file at a time, in the order of the messages.
		expect(mediaCalls(stack.emulator)).toEqual([
			`GET /${sticker.stored.id}`,
			`GET ${ATTACHMENTS_PATH}`,
			`GET /${video.stored.id}`,
			`GET ${ATTACHMENTS_PATH}`,
		]);
	});
});

describe("360dialog's 200 leaves before any download starts", () => {
	let stack: MediaTrigger;
	beforeAll(async () => {
		stack = await startMediaTrigger(parameters());
	});
	afterAll(async () => await stack.close());

	it('a download that takes 1.5 s: the delivery is answered at once, the file arrives later', async () => {
		const bytes = fileBytes('image/jpeg', 500_000);
		const { notification, stored } = mediaMessage(
			stack.emulator,
			{ type: 'image', mimeType: 'image/jpeg', bytes },
			{ delayMs: 1500 },
		);
		stack.emulator.clearRequests();

		const results = await stack.emulator.deliver(notification);
		await stack.trigger.idle();

		const ours = results.find((r) => r.target !== 'phone_number')!;
		expect(ours.status).toBe(200);
		expect(ours.ms).toBeLessThan(1000);
		const [execution] = stack.trigger.executions.slice(-1);
		const lookUp = stack.emulator.requests.find((r) => r.path === `/${stored.id}`)!;
		expect(lookUp.at).toBeGreaterThanOrEqual(execution.answeredAt);
		expect(execution.startedAt).toBeGreaterThanOrEqual(execution.answeredAt);
		expect(execution.finishedAt - execution.answeredAt).toBeGreaterThanOrEqual(1400);
		expect(sha256(bytesOf(onlyMessage(execution).binary!.data))).toBe(sha256(bytes));
	});
});

describe('Download Media off (the default)', () => {
	let stack: MediaTrigger;
	beforeAll(async () => {
		stack = await startMediaTrigger({});
	});
	afterAll(async () => await stack.close());

	it('makes no media call and hands over the items as webhook() built them, paired', async () => {
		const { notification, stored } = mediaMessage(stack.emulator, {
			type: 'image',
			mimeType: 'image/jpeg',
			bytes: fileBytes('image/jpeg', 1000),
		});
		stack.emulator.clearRequests();

		const item = onlyMessage(await stack.deliver(notification));

		expect(item.binary).toBeUndefined();
		expect(item.json.media).toEqual({
			id: stored.id,
			mime_type: 'image/jpeg',
			sha256: stored.sha256,
		});
		expect(item.pairedItem).toEqual({ item: 0, input: 0 });
		expect(mediaCalls(stack.emulator)).toEqual([]);
	});
});

describe('Media Types: only the chosen types are downloaded', () => {
	let stack: MediaTrigger;
	beforeAll(async () => {
		stack = await startMediaTrigger(parameters({ mediaTypes: ['audio'] }));
	});
	afterAll(async () => await stack.close());

	it('a voice note is, an image is not (and gets no download_error)', async () => {
		const voice = mediaMessage(stack.emulator, {
			type: 'audio',
			mimeType: 'audio/ogg; codecs=opus',
			voice: true,
			bytes: fileBytes('audio/ogg', 5000),
		});
		const image = mediaMessage(stack.emulator, {
			type: 'image',
			mimeType: 'image/jpeg',
			bytes: fileBytes('image/jpeg', 5000),
		});
		stack.emulator.clearRequests();

		const heard = onlyMessage(await stack.deliver(voice.notification));
		const seen = onlyMessage(await stack.deliver(image.notification));

		expect(heard.binary?.data).toBeDefined();
		expect(seen.binary).toBeUndefined();
		expect(mediaOf(seen).download_error).toBeUndefined();
		expect(mediaCalls(stack.emulator)).toEqual([
			`GET /${voice.stored.id}`,
			`GET ${ATTACHMENTS_PATH}`,
		]);
	});
});

describe('sizes against Max Size (1 MB here)', () => {
	let stack: MediaTrigger;
	beforeAll(async () => {
		stack = await startMediaTrigger(parameters({ maxSize: 1 }));
	});
	afterAll(async () => await stack.close());
	beforeEach(() => stack.emulator.clearRequests());

	it('0 bytes: an empty file, with the sha256 of nothing', async () => {
		const { notification } = mediaMessage(stack.emulator, {
			type: 'document',
			mimeType: 'text/plain',
			fileName: 'empty.txt',
			bytes: Buffer.alloc(0),
		});
		const item = onlyMessage(await stack.deliver(notification));
		expect(item.binary!.data).toMatchObject({ fileName: 'empty.txt', bytes: 0 });
		expect(bytesOf(item.binary!.data)).toHaveLength(0);
	});

	it('exactly Max Size: downloaded', async () => {
		const bytes = fileBytes('application/pdf', MB);
		const { notification } = mediaMessage(stack.emulator, {
			type: 'document',
			mimeType: 'application/pdf',
			fileName: 'exact.pdf',
			bytes,
		});
		const item = onlyMessage(await stack.deliver(notification));
		expect(sha256(bytesOf(item.binary!.data))).toBe(sha256(bytes));
		expect(item.binary!.data.bytes).toBe(MB);
	});

	it("one byte over: not downloaded at all (360dialog's file_size says so), the message still comes", async () => {
		const { notification, stored } = mediaMessage(stack.emulator, {
			type: 'document',
			mimeType: 'application/pdf',
			fileName: 'over.pdf',
			bytes: fileBytes('application/pdf', MB + 1),
		});
		const item = onlyMessage(await stack.deliver(notification));
		expect(item.binary).toBeUndefined();
		expect(mediaOf(item)).toMatchObject({ id: stored.id, filename: 'over.pdf' });
		expect(mediaOf(item).download_error).toEqual({
			reason: 'too_big',
			message: 'The media file is bigger than Max Size: 1048577 bytes, Max Size is 1048576 bytes',
			description: expect.stringContaining('Raise Max Size'),
		});
		expect(mediaCalls(stack.emulator)).toEqual([`GET /${stored.id}`]);
	});

	it('one byte over while file_size said less: the transfer stops at Max Size', async () => {
		const bytes = fileBytes('application/pdf', MB + 1);
		const { notification, stored } = mediaMessage(stack.emulator, {
			type: 'document',
			mimeType: 'application/pdf',
			fileName: 'liar.pdf',
			bytes,
		});
		await lyingLookUp(stack, stored.id, { file_size: 1000 });

		const item = onlyMessage(await stack.deliver(notification));

		expect(item.binary).toBeUndefined();
		expect(mediaOf(item).download_error).toMatchObject({
			reason: 'too_big',
			message: expect.stringMatching(
				/^The media file is bigger than Max Size: \d+ bytes, Max Size is 1048576 bytes$/,
			),
		});
		expect(mediaCalls(stack.emulator)).toEqual([`GET /${stored.id}`, `GET ${ATTACHMENTS_PATH}`]);
	});
});

/**
 * Makes the next GET /{id} answer the real metadata (with a URL that works) changed by `change`:
 * a file_size or sha256 that does not match the file.
 */
async function lyingLookUp(stack: MediaTrigger, id: string, change: Record<string, unknown>) {
	const response = await fetch(`${stack.emulator.url}/${id}`, {
		headers: { 'D360-API-KEY': stack.emulator.apiKey },
	});
	const truth = (await response.json()) as Record<string, unknown>;
	stack.emulator.injectFault({
		path: `/${id}`,
		method: 'GET',
		status: 200,
		body: { ...truth, ...change },
	});
	stack.emulator.clearRequests();
}

describe('a download that fails never loses the message: no binary, media.download_error says why', () => {
	let stack: MediaTrigger;
	beforeAll(async () => {
		stack = await startMediaTrigger(parameters({ timeout: 1 }));
	});
	afterAll(async () => await stack.close());
	beforeEach(() => {
		stack.emulator.clearRequests();
		stack.emulator.clearFaults();
		stack.emulator.setMediaUrlLifetime(5 * 60 * 1000);
	});

	/** An image message, its file seeded with the given download behaviour. */
	const image = (seed: MediaDownloadBehaviour = {}, size = 10_000) =>
		mediaMessage(
			stack.emulator,
			{ type: 'image', mimeType: 'image/jpeg', bytes: fileBytes('image/jpeg', size) },
			seed,
		);

	async function failedItem(notification: unknown) {
		const item = onlyMessage(await stack.deliver(notification));
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ event: 'message', type: expect.any(String) });
		expect(JSON.stringify(item)).not.toContain(stack.emulator.apiKey);
		return mediaOf(item).download_error;
	}

	it('a media id 360dialog does not know: not_found with its Graph error, looked up once', async () => {
		const notification = sampleMediaNotification({
			type: 'image',
			id: '4040404040404040',
			mimeType: 'image/jpeg',
			sha256: 'ab',
		});
		expect(await failedItem(notification)).toEqual({
			reason: 'not_found',
			message: expect.stringContaining(
				"Unsupported get request. Object with ID '4040404040404040' does not exist",
			),
			description: expect.stringContaining('files customers send are kept 7 days'),
			status: 400,
			code: 100,
		});
		expect(mediaCalls(stack.emulator)).toEqual(['GET /4040404040404040']);
	});

	it('the file answers 404: not_found, and it is not asked for again', async () => {
		const { notification } = image({ fail: { status: 404 } }, 100);
		expect(await failedItem(notification)).toMatchObject({
			reason: 'not_found',
			status: 404,
			message: expect.stringContaining('404'),
		});
		expect(mediaCalls(stack.emulator)).toHaveLength(2);
	});

	it('the URL expired before the file was fetched: expired', async () => {
		stack.emulator.setMediaUrlLifetime(0);
		expect(await failedItem(image().notification)).toMatchObject({
			reason: 'expired',
			status: 404,
			message: expect.stringContaining('URL signature expired'),
		});
	});

	it('360dialog fails the look-up (500): api_error with its message', async () => {
		const { notification, stored } = image();
		stack.emulator.injectFault({ path: `/${stored.id}`, status: 500 });
		expect(await failedItem(notification)).toMatchObject({
			reason: 'api_error',
			status: 500,
			message: expect.stringContaining('Internal Server Error'),
		});
	});

	it("360dialog's gateway answers the download with an HTML page (502)", async () => {
		const { notification } = image();
		stack.emulator.injectFault({ path: ATTACHMENTS_PATH, html: true, status: 502 });
		expect(await failedItem(notification)).toMatchObject({
			reason: 'api_error',
			status: 502,
			message: expect.stringContaining('gateway'),
		});
	});

	it('a redirect of the download is not followed: the key would go along', async () => {
		const { notification } = image(
			{
				fail: {
					status: 302,
					body: {},
					headers: { location: 'https://cdn.example.com/file?signature=abc' },
				},
			},
			100,
		);
		expect(await failedItem(notification)).toMatchObject({
			reason: 'api_error',
			status: 302,
			message: expect.stringContaining(
				'Redirected to https://cdn.example.com/file: not followed, the key goes to 360dialog only',
			),
		});
		expect(mediaCalls(stack.emulator)).toHaveLength(2);
	});

	it('an error answer that echoes the API key: the key is not in the item', async () => {
		const { notification } = image(
			{
				fail: {
					status: 403,
					body: { meta: { developerMessage: `key ${stack.emulator.apiKey} is blocked` } },
				},
			},
			100,
		);
		expect(await failedItem(notification)).toMatchObject({
			reason: 'api_error',
			status: 403,
			message: expect.stringContaining('key [redacted] is blocked'),
		});
	});

	it('a look-up that never answers: timeout after the Timeout option (1 s)', async () => {
		const { notification, stored } = image();
		stack.emulator.injectFault({ path: `/${stored.id}`, hang: true });
		const started = Date.now();
		expect(await failedItem(notification)).toMatchObject({ reason: 'timeout' });
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('a file that trickles in slower than the Timeout: the transfer stops, timeout', async () => {
		const { notification } = image({ delayMs: 3000 }, 200_000);
		const started = Date.now();
		expect(await failedItem(notification)).toEqual({
			reason: 'timeout',
			message: 'The media file did not arrive within 1 s',
			description: expect.stringContaining('allow more time'),
		});
		expect(Date.now() - started).toBeLessThan(2500);
	});

	it('bytes that do not match the sha256 of the look-up: checksum_mismatch', async () => {
		const { notification, stored } = image();
		await lyingLookUp(stack, stored.id, { sha256: sha256(Buffer.from('another file')) });
		expect(await failedItem(notification)).toMatchObject({
			reason: 'checksum_mismatch',
			message: expect.stringContaining('sha256 differs'),
		});
	});

	it('a media message without a media id: invalid_media_id, nothing asked', async () => {
		const notification = sampleMediaNotification({
			type: 'document',
			id: '',
			mimeType: 'application/pdf',
			sha256: 'ab',
		});
		delete (notification.entry[0].changes[0].value.messages[0].document as { id?: string }).id;
		expect(await failedItem(notification)).toMatchObject({ reason: 'invalid_media_id' });
		expect(mediaCalls(stack.emulator)).toEqual([]);
	});

	it('one failure does not stop the next file of the same notification', async () => {
		const failing = image({ fail: { status: 404 } }, 100);
		const fine = image();
		failing.notification.entry[0].changes[0].value.messages.push(
			fine.notification.entry[0].changes[0].value.messages[0],
		);
		const [messages] = (await stack.deliver(failing.notification)).outputs;
		expect(messages.map((m) => [mediaOf(m).download_error !== undefined, !!m.binary])).toEqual([
			[true, false],
			[false, true],
		]);
	});
});
