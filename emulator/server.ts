import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import type { ApiContext } from './apiContext';
import type { ErrorFamily } from './apiResponses';
import { errorFamilyOf, handleApiRequest } from './apiRouter';
import { ChangeQueue } from './changeQueue';
import { CONTROL_PREFIX, handleControlRequest, type ControlTarget } from './controlApi';
import { fanOut, HostRouter } from './fanOut';
import { faultAnswer, FaultRegistry } from './faults';
import {
	flattenHeaders,
	parseJson,
	readBodyBytes,
	requestPath,
	requestQuery,
	sendFile,
	sendHtml,
	sendJson,
} from './http';
import { mediaInfo } from './mediaStore';
import { Messaging } from './messaging';
import { applyStateInput, copyState, freshNumberState, type NumberState } from './numberState';
import { StatusFeed } from './statusFeed';
import type { Emulator, EmulatorOptions, FaultSpec, RecordedRequest } from './types';

const DEFAULTS = {
	host: '127.0.0.1',
	phoneNumberId: '106540352242922',
	wabaId: '102290129340398',
	displayPhoneNumber: '4915112345678',
	deliveryTimeoutMs: 5000,
};

/** Starts one emulated 360dialog phone number on its own HTTP server. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	// The sk360- prefix lets CI search every log for any key the tests used.
	const apiKey = options.apiKey || `sk360-${randomBytes(16).toString('hex')}`;
	const log = redactingLog(options.log, apiKey);
	let state = freshNumberState();
	const multiWebhookQueue = new ChangeQueue<NumberState>(() => state);
	const wabaWebhookQueue = new ChangeQueue<NumberState>(() => state);
	let applyDelayMs = options.applyDelayMs ?? 0;
	const wabaApplyDelayMs = () => options.wabaApplyDelayMs ?? applyDelayMs;
	const faults = new FaultRegistry();
	const requests: RecordedRequest[] = [];
	const deliveryAgent = new Agent();
	const number = () => ({
		phoneNumberId: options.phoneNumberId ?? DEFAULTS.phoneNumberId,
		wabaId: options.wabaId ?? DEFAULTS.wabaId,
		displayPhoneNumber: options.displayPhoneNumber ?? DEFAULTS.displayPhoneNumber,
	});
	// Statuses of sent messages go out through the same fan-out as deliver().
	const statusFeed = new StatusFeed(
		(notification) => fanOutNow(notification, {}),
		() => options.statusDelayMs ?? 0,
		log,
	);
	const messaging = new Messaging(statusFeed, number);
	const router = new HostRouter(options.hostMap ?? {});
	const fanOutNow = (notification: unknown, extraHeaders: Record<string, string>) =>
		fanOut(copyState(state), notification, {
			router,
			timeoutMs: options.deliveryTimeoutMs ?? DEFAULTS.deliveryTimeoutMs,
			extraHeaders,
			dispatcher: deliveryAgent,
			log,
		});

	const ctx: ApiContext = {
		applied: () => state,
		validationBasis: () =>
			options.validateAgainst === 'applied'
				? copyState(state)
				: multiWebhookQueue.project(copyState(state)),
		enqueueMultiWebhookChange: (change) => multiWebhookQueue.enqueue(change, applyDelayMs),
		enqueueWabaWebhookChange: (change) => wabaWebhookQueue.enqueue(change, wabaApplyDelayMs()),
		applyNow: (change) => change(state),
		neverEnabledGet: options.neverEnabledGet ?? 'conflict',
		wabaId: options.wabaId ?? DEFAULTS.wabaId,
		displayPhoneNumber: options.displayPhoneNumber ?? DEFAULTS.displayPhoneNumber,
		messaging,
		templatePageSize: options.templatePageSize ?? 1000,
	};

	const emulator: ControlTarget = {
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		multiWebhook: () => structuredClone(state.multiWebhook),
		phoneNumberWebhook: () => structuredClone(state.phoneNumberWebhook),
		wabaWebhook: () => structuredClone(state.wabaWebhook),
		setState: (input) => applyStateInput(state, input),
		injectFault: (spec: FaultSpec) => faults.add(spec),
		clearFaults: () => faults.clear(),
		setApplyDelay: (ms) => {
			applyDelayMs = ms;
		},
		pendingChanges: () => multiWebhookQueue.size + wabaWebhookQueue.size,
		number,
		settle: async () => {
			while (multiWebhookQueue.size > 0 || wabaWebhookQueue.size > 0) {
				await Promise.all([multiWebhookQueue.settled(), wabaWebhookQueue.settled()]);
			}
			await statusFeed.idle();
		},
		deliver: (notification, deliverOptions) => {
			// The user wrote: their 24-hour window opens, whether or not a webhook answers.
			messaging.noteIncoming(notification);
			return fanOutNow(notification, deliverOptions?.headers ?? {});
		},
		messages: () => messaging.messages(),
		readReceipts: () => messaging.readReceipts(),
		registerTemplates: (templates) => messaging.registerTemplates(templates),
		templates: () => structuredClone(messaging.templates()),
		setWindow: (waId, open) => messaging.setWindow(waId, open),
		markRead: (messageId) => messaging.markRead(messageId),
		media: () => messaging.media.list(),
		seedMedia: ({ delayMs, fail, ...file }) =>
			mediaInfo(messaging.media.seed({ ...file, download: { delayMs, fail } })),
		setMediaUrlLifetime: (ms) => {
			messaging.mediaUrls.lifetimeMs = ms;
		},
		reset: () => {
			statusFeed.clear();
			messaging.reset();
			multiWebhookQueue.clear();
			wabaWebhookQueue.clear();
			state = freshNumberState();
			faults.clear();
			requests.length = 0;
			applyDelayMs = options.applyDelayMs ?? 0;
		},
	};

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const path = requestPath(req);
		const bytes = await readBodyBytes(req);
		const rawBody = bytes.toString('utf8');
		const body = parseJson(rawBody);
		const query = requestQuery(req);
		if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
			const response = await handleControlRequest(emulator, method, path, body);
			sendJson(res, response.status, response.body);
			return;
		}
		const headers = flattenHeaders(req.headers);
		requests.push({ method, path, query, headers, body, rawBody, at: Date.now() });

		const fault = faults.take(method, path);
		// apply:true models a lost response: the operation happens, the client sees only the fault.
		if (!fault || fault.apply) {
			const response = await handleApiRequest(ctx, apiKey, {
				method,
				path,
				headers,
				body,
				query,
				bytes,
			});
			if (!fault) {
				log(`${method} ${path} -> ${response.status}`);
				if (response.file) await sendFile(res, response.file);
				else sendJson(res, response.status, response.body, response.headers);
				return;
			}
		}
		answerFault(res, fault, errorFamilyOf(path), `${method} ${path}`);
	}

	function answerFault(
		res: ServerResponse,
		spec: FaultSpec,
		family: ErrorFamily,
		call: string,
	): void {
		const answer = faultAnswer(spec, family);
		const applied = spec.apply ? ' (operation applied)' : '';
		if (answer.kind === 'hang') {
			// Left open on purpose: the client's timeout or close() ends it.
			log(`${call} -> fault: hang${applied}`);
			return;
		}
		log(`${call} -> fault: ${answer.status}${applied}`);
		if (answer.kind === 'html') sendHtml(res, answer.status, answer.html);
		else sendJson(res, answer.status, answer.body);
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			log(`${req.method} ${requestPath(req)} -> emulator error: ${(error as Error).message}`);
			if (!res.headersSent) sendJson(res, 500, { error: 'Emulator error' });
			else res.destroy();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? DEFAULTS.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { address, port } = server.address() as AddressInfo;
	const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

	let closing: Promise<void> | undefined;
	const close = () => {
		closing ??= (async () => {
			multiWebhookQueue.clear();
			wabaWebhookQueue.clear();
			statusFeed.close();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
			await deliveryAgent.close();
		})();
		return closing;
	};

	return Object.assign(emulator, { url, apiKey, close }) satisfies Emulator;
}

/** The API key never reaches the log, even when a client puts it in a path. */
function redactingLog(log: ((line: string) => void) | undefined, apiKey: string) {
	return (line: string) => log?.(line.split(apiKey).join('[redacted]'));
}
