import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

/**
 * A stand-in for OpenAI's chat-completions API on loopback, for n8n's OpenAI Chat Model node
 * (its credential's Base URL pointed here): there is no network in the tests, and a real model
 * would not decide the same way twice. It decides by the conversation alone, as a model would:
 *
 * - no tool result in the request yet, and the scripted tool among the offered ones: it calls
 *   that tool with the scripted arguments;
 * - a tool result in the request (the tool's output, or n8n's note that a human rejected the
 *   call): it answers with a final text made from that result (`answer`).
 *
 * Every request is kept (`requests`), so that a test can read what n8n sent: the offered tools,
 * the tool results. It answers plain JSON: the AI Agent (V3) asks for no stream under a Manual
 * Trigger (`stream: false`), and a request for one is refused with a 400 that says so.
 */
export interface FakeChatModel {
	/** The base URL for the credential: http://127.0.0.1:<port>/v1 */
	url: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

export interface ChatMessage {
	role: string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	path: string;
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: unknown };
	}>;
	[key: string]: unknown;
}

export interface FakeChatModelOptions {
	/** The tool to call (its name as the request offers it) and the arguments of the call. */
	toolCall: { name: string; arguments: Record<string, unknown> };
	/** The final answer, from the tool result the request carries (its text). */
	answer: (toolResult: string) => string;
}

/** A message's text, whether the content is a string or a list of parts. */
export function messageText(message: ChatMessage): string {
	const { content } = message;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return '';
}

type Reply = { kind: 'toolCall'; name: string; arguments: string } | { kind: 'text'; text: string };

function decide(request: ChatRequest, options: FakeChatModelOptions): Reply {
	const toolResults = request.messages.filter((message) => message.role === 'tool');
	if (toolResults.length > 0) {
		return { kind: 'text', text: options.answer(messageText(toolResults[toolResults.length - 1])) };
	}
	const offered = (request.tools ?? []).map((tool) => tool.function.name);
	if (!offered.includes(options.toolCall.name)) {
		return {
			kind: 'text',
			text: `fake model: tool ${options.toolCall.name} is not offered (offered: ${offered.join(', ') || 'none'})`,
		};
	}
	return {
		kind: 'toolCall',
		name: options.toolCall.name,
		arguments: JSON.stringify(options.toolCall.arguments),
	};
}

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function completion(model: string, reply: Reply) {
	const message =
		reply.kind === 'text'
			? { role: 'assistant', content: reply.text }
			: {
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
							type: 'function',
							function: { name: reply.name, arguments: reply.arguments },
						},
					],
				};
	return {
		id: `chatcmpl-${randomUUID()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: reply.kind === 'text' ? 'stop' : 'tool_calls',
			},
		],
		usage,
	};
}

export async function startFakeChatModel(options: FakeChatModelOptions): Promise<FakeChatModel> {
	const requests: ChatRequest[] = [];
	const server: Server = createServer(async (req, res) => {
		const path = (req.url ?? '').split('?')[0];
		const text = (await buffer(req)).toString('utf8');
		const json = (status: number, body: unknown) =>
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		if (req.method === 'GET' && path.endsWith('/models')) {
			json(200, { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'e2e' }] });
			return;
		}
		if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
			json(404, {
				error: { message: `fake model: no ${req.method} ${path}`, type: 'invalid_request_error' },
			});
			return;
		}
		let request: ChatRequest;
		try {
			const body = JSON.parse(text) as Partial<ChatRequest>;
			request = { ...body, messages: body.messages ?? [], path };
		} catch {
			json(400, {
				error: { message: 'fake model: the body is not JSON', type: 'invalid_request_error' },
			});
			return;
		}
		requests.push(request);
		if (request.stream) {
			// n8n's agent asks for a stream only under a trigger that streams (Chat Trigger).
			json(400, {
				error: {
					message: 'fake model: stream: true is not supported',
					type: 'invalid_request_error',
				},
			});
			return;
		}
		const model = request.model ?? 'fake-model';
		const reply = decide(request, options);
		json(200, completion(model, reply));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
