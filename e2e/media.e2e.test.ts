/**
 * Media as files in a real n8n with the packed package (2.41.1, binary data in its default
 * filesystem mode; or 1.123.81 with HARNESS_N8N_VERSION, binary data in the execution): an
 * image, a voice note and a PDF delivered through the emulator reach the workflow as binary data
 * with their bytes, MIME types and names, and a later node reads them; a
 * download that fails still delivers the message, with media.download_error; the 200 leaves
 * before a slow download; a file downloaded with the Media resource goes back out with Send Media
 * as the same bytes. And the trigger's execute() stage still hands over a notification without
 * messages in a workflow with n8n's legacy execution order.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { sampleMediaNotification, type MediaInfo, type SampleMedia } from '../emulator';
import { selectedN8nVersion, stopAllN8n, waitFor } from '../harness/n8n';
import { settledExecutionCount, waitForExecutions } from './support/executions';
import { loadPayload } from '../test/fixtures/samples';
import { startStack, type Stack } from '../harness/stack';
import { MAIN_WEBHOOK_PATH } from './support/triggerStack';
import {
	ECHO_NODES,
	ECHO_START,
	ECHO_WORKFLOW_ID,
	echoWorkflow,
	LEGACY_STATUSES_PATH,
	LEGACY_WORKFLOW_ID,
	legacyOrderWorkflow,
	MEDIA_MAX_SIZE_MB,
	MEDIA_PATHS,
	MEDIA_TRIGGER,
	MEDIA_WORKFLOW_ID,
	MESSAGE_ID_HEADER,
	mediaTriggerWorkflow,
} from '../harness/workflows/mediaWorkflows';

const CUSTOMER = '4917612345678';
/** The file the echo workflow downloads (its Media ID is fixed when the workflow is built). */
const ECHO_MEDIA_ID = '1037543291543636';
const MB = 1024 * 1024;

let stack: Stack;
let executions = 0;

beforeAll(async () => {
	stack = await startStack({
		workflows: ({ credential, sink }) => [
			mediaTriggerWorkflow(credential, sink.url),
			echoWorkflow(credential, ECHO_MEDIA_ID, CUSTOMER),
			legacyOrderWorkflow(credential, sink.url),
		],
		publish: [MEDIA_WORKFLOW_ID, LEGACY_WORKFLOW_ID],
		emulatorState: ({ sink }) => ({
			phoneNumberWebhook: { url: `${sink.url}${MAIN_WEBHOOK_PATH}` },
		}),
	});
	await waitFor(
		"the trigger's destination in the emulator",
		() => stack.emulator.multiWebhook().destinations.length === 2,
		{ timeoutMs: 60_000, explain: explainN8n },
	);
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
});

async function explainN8n() {
	return `n8n log:\n${await stack.n8n.logTail()}`;
}

/** The media trigger's webhook id: its destination's URL carries it. */
function mediaWebhookId(): string {
	const workflow = stack.workflows.find((w) => w.id === MEDIA_WORKFLOW_ID);
	return workflow?.nodes.find((n) => n.name === MEDIA_TRIGGER)?.webhookId ?? 'none';
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Sent {
	stored: MediaInfo;
	bytes: Buffer;
	messageId: string;
	/** What the emulator's fan-out reported for the trigger's destination. */
	answer: { status: number | null; ms: number };
}

/** Seeds a file, delivers the message that carries it, and waits for its execution. */
async function send(
	media: Omit<SampleMedia, 'id' | 'sha256'>,
	size: number,
	seed: { delayMs?: number; fail?: { status: number } } = {},
	beforeDelivery?: (stored: MediaInfo) => Promise<void>,
): Promise<Sent> {
	const bytes = randomBytes(size);
	const stored = stack.emulator.seedMedia({
		bytes,
		mimeType: media.mimeType,
		fileName: media.fileName,
		...seed,
	});
	await beforeDelivery?.(stored);
	const notification = sampleMediaNotification({ ...media, id: stored.id, sha256: stored.sha256 });
	const deliveries = await stack.emulator.deliver(notification);
	expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
	const ours = deliveries.find((d) => d.url.includes(mediaWebhookId()))!;
	executions += 1;
	await waitForExecutions(stack.rest, MEDIA_WORKFLOW_ID, executions, explainN8n);
	const messageId = notification.entry[0].changes[0].value.messages[0].id;
	return { stored, bytes, messageId, answer: { status: ours.status, ms: ours.ms } };
}

interface ForwardedMessage {
	message_id: string;
	media: { download_error?: Record<string, unknown> } & Record<string, unknown>;
}

/** The message item the workflow forwarded, and the file its HTTP Request node sent on. */
function forwarded(messageId: string) {
	const message = (stack.sink.bodies(MEDIA_PATHS.messages) as ForwardedMessage[]).find(
		(item) => item.message_id === messageId,
	);
	const file = stack.sink.received.find(
		(r) => r.path === MEDIA_PATHS.files && r.headers[MESSAGE_ID_HEADER] === messageId,
	);
	return { message, file };
}

/**
 * How n8n keeps a downloaded file: 2.x in its filesystem store by default, with the size in bytes;
 * 1.x in the execution itself (binary data mode "default"), with a readable size.
 */
function storedAs(bytes: number) {
	return selectedN8nVersion().startsWith('1.')
		? { fileSize: expect.stringMatching(/^\d+(\.\d+)? [kM]?B$/) }
		: { bytes, id: expect.stringMatching(/^filesystem-v2:/) };
}

/** The binary data the trigger handed to the workflow in its newest execution. */
async function triggerBinary() {
	const { results } = await stack.rest.executions(MEDIA_WORKFLOW_ID);
	const execution = await stack.rest.execution(results[0].id);
	expect(execution.status).toBe('success');
	const [item] = (execution.runData[MEDIA_TRIGGER][0].data?.main?.[0] ?? []) as Array<{
		binary?: Record<string, Record<string, unknown>>;
	}>;
	return item?.binary?.data;
}

describe('Download Media: files reach the workflow as binary data', () => {
	test('an image, named after its message', async () => {
		const image = await send(
			{ type: 'image', mimeType: 'image/jpeg', caption: 'Schaden' },
			400_000,
		);

		const { message, file } = forwarded(image.messageId);
		expect(sha256(file!.raw)).toBe(sha256(image.bytes));
		expect(file!.headers['content-type']).toBe('image/jpeg');
		expect(message).toMatchObject({
			type: 'image',
			media: { id: image.stored.id, mime_type: 'image/jpeg', caption: 'Schaden' },
		});
		expect(message!.media.download_error).toBeUndefined();
		expect(await triggerBinary()).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: `${image.messageId}.jpg`,
			...storedAs(400_000),
		});
	});

	test('a voice note, audio/ogg with its codec', async () => {
		const voice = await send(
			{ type: 'audio', mimeType: 'audio/ogg; codecs=opus', voice: true },
			60_000,
		);

		const { file } = forwarded(voice.messageId);
		expect(sha256(file!.raw)).toBe(sha256(voice.bytes));
		expect(await triggerBinary()).toMatchObject({
			mimeType: 'audio/ogg; codecs=opus',
			fileName: `${voice.messageId}.ogg`,
			...storedAs(60_000),
		});
	});

	test("a PDF, with the document's own name", async () => {
		const pdf = await send(
			{ type: 'document', mimeType: 'application/pdf', fileName: 'Rechnung 2025-07.pdf' },
			700_000,
		);

		const { file } = forwarded(pdf.messageId);
		expect(sha256(file!.raw)).toBe(sha256(pdf.bytes));
		expect(file!.headers['content-type']).toBe('application/pdf');
		expect(await triggerBinary()).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'Rechnung 2025-07.pdf',
			fileExtension: 'pdf',
			...storedAs(700_000),
		});
	});
});

describe('a download that fails still delivers the message, with media.download_error', () => {
	test('the file answers 404', async () => {
		const lost = await send({ type: 'image', mimeType: 'image/jpeg' }, 1000, {
			fail: { status: 404 },
		});

		const { message, file } = forwarded(lost.messageId);
		expect(file).toBeUndefined();
		expect(message).toMatchObject({
			event: 'message',
			type: 'image',
			message_id: lost.messageId,
			media: {
				id: lost.stored.id,
				download_error: { reason: 'not_found', status: 404, message: expect.any(String) },
			},
		});
		expect(await triggerBinary()).toBeUndefined();
	});

	test('more bytes than the look-up said: the transfer stops at Max Size', async () => {
		const liar = await send(
			{ type: 'document', mimeType: 'application/pdf', fileName: 'big.pdf' },
			MEDIA_MAX_SIZE_MB * MB + 1,
			{},
			async (stored) => {
				// The next look-up of this file reports 1000 bytes (with a URL that works).
				const response = await request(`${stack.emulator.url}/${stored.id}`, {
					headers: { 'D360-API-KEY': stack.emulator.apiKey },
				});
				const truth = (await response.body.json()) as Record<string, unknown>;
				stack.emulator.injectFault({
					path: `/${stored.id}`,
					method: 'GET',
					status: 200,
					body: { ...truth, file_size: 1000 },
				});
			},
		);

		const { message, file } = forwarded(liar.messageId);
		expect(file).toBeUndefined();
		expect(message!.media.download_error).toMatchObject({
			reason: 'too_big',
			message: expect.stringContaining(`Max Size is ${MEDIA_MAX_SIZE_MB * MB} bytes`),
		});
	});
});

test("360dialog's 200 leaves before a slow download; the execution takes the download's time", async () => {
	const slow = await send({ type: 'image', mimeType: 'image/jpeg' }, 300_000, { delayMs: 2500 });

	expect(slow.answer.ms).toBeLessThan(1500);
	const { results } = await stack.rest.executions(MEDIA_WORKFLOW_ID);
	const { startedAt, stoppedAt } = results[0];
	expect(Date.parse(stoppedAt ?? '') - Date.parse(startedAt ?? '')).toBeGreaterThanOrEqual(2400);
	expect(sha256(forwarded(slow.messageId).file!.raw)).toBe(sha256(slow.bytes));
});

test('a file downloaded with the Media resource goes back out with Send Media as the same bytes', async () => {
	const bytes = randomBytes(250_000);
	stack.emulator.seedMedia({ id: ECHO_MEDIA_ID, bytes, mimeType: 'image/jpeg' });
	stack.emulator.setWindow(CUSTOMER, true);
	const messagesBefore = stack.emulator.messages().length;
	const filesBefore = new Set(stack.emulator.media().map((file) => file.id));

	const execution = await stack.rest.runManually(ECHO_WORKFLOW_ID, ECHO_START);

	expect(execution.error).toBeUndefined();
	expect(execution.status).toBe('success');
	const [downloaded] = execution.runData[ECHO_NODES.download][0].data?.main?.[0] ?? [];
	expect(downloaded.json).toEqual({
		id: ECHO_MEDIA_ID,
		mime_type: 'image/jpeg',
		file_size: bytes.length,
		file_name: `${ECHO_MEDIA_ID}.jpg`,
		sha256: sha256(bytes),
	});
	const uploads = stack.emulator.media().filter((file) => !filesBefore.has(file.id));
	expect(uploads).toEqual([
		expect.objectContaining({ mimeType: 'image/jpeg', sha256: sha256(bytes) }),
	]);
	const [uploaded] = uploads;
	const sent = stack.emulator.messages().slice(messagesBefore);
	expect(sent).toHaveLength(1);
	expect(sent[0].body).toMatchObject({
		to: CUSTOMER,
		type: 'image',
		image: { id: uploaded.id, caption: 'Your photo, back' },
	});
});

test('a workflow with the legacy execution order still gets a notification without messages', async () => {
	const stored = await stack.rest.call<{ settings?: { executionOrder?: string } }>(
		'GET',
		`/workflows/${LEGACY_WORKFLOW_ID}`,
	);
	expect(stored.settings?.executionOrder).not.toBe('v1');
	// The statuses of messages sent earlier reach this trigger too: let them finish first.
	await stack.emulator.settle();
	const before = await waitFor('no running execution of the legacy workflow', () =>
		settledExecutionCount(stack.rest, LEGACY_WORKFLOW_ID),
	);
	const forwardedBefore = stack.sink.bodies(LEGACY_STATUSES_PATH).length;

	await stack.emulator.deliver(loadPayload('cloud/status_read.json'));

	await waitForExecutions(stack.rest, LEGACY_WORKFLOW_ID, before + 1, explainN8n);
	expect(stack.sink.bodies(LEGACY_STATUSES_PATH).slice(forwardedBefore)).toEqual([
		expect.objectContaining({ event: 'status', status: 'read' }),
	]);
});
