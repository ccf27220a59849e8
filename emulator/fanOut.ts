import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { NumberState } from './numberState';
import type { DeliveryResult, Webhook } from './types';

export interface FanOutOptions {
	/** Where each webhook URL is really sent. */
	router: HostRouter;
	timeoutMs: number;
	/** Sent with every POST, before each target's own headers. */
	extraHeaders: Record<string, string>;
	dispatcher: Dispatcher;
	log: (line: string) => void;
}

interface Target {
	target: string;
	webhook: Webhook;
}

export const FOREIGN_HOST_ERROR = 'not delivered: host is neither loopback nor in the host map';
export const NO_MAIN_WEBHOOK_ERROR =
	'not delivered: the number has no main webhook (phone-number or WABA) to answer 200 first';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Delivers one notification as 360dialog does: the main webhook (the phone number's own, else the
 * WABA's) first; the multi-webhook destinations only after the main one answered 200.
 */
export async function fanOut(
	state: NumberState,
	notification: unknown,
	options: FanOutOptions,
): Promise<DeliveryResult[]> {
	const body = JSON.stringify(notification ?? null);
	const results: DeliveryResult[] = [];
	const main = mainTarget(state);
	const destinations = state.multiWebhook.enabled ? state.multiWebhook.destinations : [];
	// 360dialog copies to the destinations only after the main destination answered 200, so
	// without one they get nothing: each is reported as not delivered, and why.
	if (!main) {
		for (const { name, url } of destinations) {
			options.log(`deliver ${name} ${url} -> ${NO_MAIN_WEBHOOK_ERROR}`);
			results.push({ target: name, url, status: null, error: NO_MAIN_WEBHOOK_ERROR, ms: 0 });
		}
		return results;
	}
	const result = await deliverTo(main, body, options);
	results.push(result);
	if (result.status !== 200) return results;
	for (const { name, url, headers } of destinations) {
		results.push(await deliverTo({ target: name, webhook: { url, headers } }, body, options));
	}
	return results;
}

function mainTarget(state: NumberState): Target | undefined {
	if (state.phoneNumberWebhook?.url) {
		return { target: 'phone_number', webhook: state.phoneNumberWebhook };
	}
	if (state.wabaWebhook?.url) return { target: 'waba', webhook: state.wabaWebhook };
	return undefined;
}

/**
 * Where a webhook URL is really sent, never anywhere but loopback: a mapped host to its port, or
 * to its ports in turn (a load balancer in front of several n8n webhook processors); a loopback
 * URL as it is; anything else nowhere.
 */
export class HostRouter {
	private readonly ports = new Map<string, number[]>();

	private readonly turns = new Map<string, number>();

	constructor(hostMap: Record<string, number | number[]>) {
		for (const [host, ports] of Object.entries(hostMap)) {
			this.ports.set(host.toLowerCase(), Array.isArray(ports) ? ports : [ports]);
		}
	}

	address(url: string): string | undefined {
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			return undefined;
		}
		const hostname = parsed.hostname.toLowerCase();
		const ports = this.ports.get(hostname);
		if (ports?.length) {
			const turn = this.turns.get(hostname) ?? 0;
			this.turns.set(hostname, turn + 1);
			return `http://127.0.0.1:${ports[turn % ports.length]}${parsed.pathname}${parsed.search}`;
		}
		return LOOPBACK_HOSTS.has(hostname) ? url : undefined;
	}
}

async function deliverTo(
	{ target, webhook }: Target,
	body: string,
	options: FanOutOptions,
): Promise<DeliveryResult> {
	const deliveredTo = options.router.address(webhook.url);
	if (!deliveredTo) {
		options.log(`deliver ${target} ${webhook.url} -> ${FOREIGN_HOST_ERROR}`);
		return { target, url: webhook.url, status: null, error: FOREIGN_HOST_ERROR, ms: 0 };
	}
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	try {
		const response = await request(deliveredTo, {
			method: 'POST',
			headers: mergeHeaders(
				{ 'content-type': 'application/json' },
				options.extraHeaders,
				webhook.headers ?? {},
			),
			body,
			dispatcher: options.dispatcher,
			signal: AbortSignal.timeout(options.timeoutMs),
		});
		await response.body.dump();
		const result = { target, url: webhook.url, deliveredTo, status: response.statusCode };
		options.log(`deliver ${target} ${deliveredTo} -> ${response.statusCode}`);
		return { ...result, ms: elapsed() };
	} catch (error) {
		const message = isTimeout(error)
			? `no answer within ${options.timeoutMs} ms`
			: `${(error as Error).message ?? error}`;
		options.log(`deliver ${target} ${deliveredTo} -> ${message}`);
		return { target, url: webhook.url, deliveredTo, status: null, error: message, ms: elapsed() };
	}
}

function isTimeout(error: unknown): boolean {
	const name = (error as { name?: string } | null)?.name;
	return name === 'TimeoutError' || name === 'AbortError';
}

/** Later sets win, whatever the case of the header name. */
function mergeHeaders(...sets: Array<Record<string, string>>): Record<string, string> {
	const merged = new Map<string, [string, string]>();
	for (const set of sets) {
		for (const [name, value] of Object.entries(set)) merged.set(name.toLowerCase(), [name, value]);
	}
	return Object.fromEntries(merged.values());
}
