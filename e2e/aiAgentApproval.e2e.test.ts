/**
 * An AI Agent that asks on WhatsApp before it acts, in a real n8n 2.41.1: n8n makes a
 * human-review gate (`n8n-nodes-360dialog.dialog360HitlTool`) of our node's Send and Wait for
 * Response, as it does of its own send-and-wait nodes. The agent (the real AI Agent node, V3)
 * decides to call a gated tool, Issue refund (a real HTTP Request Tool); n8n runs our gate
 * instead, which sends the question as WhatsApp reply buttons and puts the execution to wait. The
 * customer taps through the emulator; the 360dialog Trigger passes the tap on through n8n's
 * signed resume URL. Approve: the refund runs and the agent finishes with its result. Decline:
 * the refund never runs and the model is told that the call was rejected.
 *
 * Only the language model is a stand-in: a local OpenAI-compatible server
 * (harness/fakeChatModel.ts) behind n8n's real OpenAI Chat Model node, since there is no network
 * here and a real model would not decide the same way twice. n8n 2.41.1 only: 1.x has no
 * human-review gates (it is not in jest.e2e.config.js's list for 1.x).
 */
import { request } from 'undici';
import type { SentMessage } from '../emulator';
import { startFakeChatModel, messageText, type FakeChatModel } from '../harness/fakeChatModel';
import { freePort, stopAllN8n, waitFor, type ExecutionDetails } from '../harness/n8n';
import { startStack, type Stack } from '../harness/stack';
import {
	AGENT_NODE,
	AGENT_START,
	APPROVAL_NODE,
	GATED_TOOL_NAME,
	GATED_TOOL_NODE,
	HITL_TOOL_TYPE,
	REFUNDS_PATH,
	agentOutputPath,
	agentWorkflow,
	openAiCredential,
} from '../harness/workflows/agentWorkflow';
import { TRIGGER_WORKFLOW_ID, triggerWorkflow } from '../harness/workflows/triggerWorkflow';
import { buttonsOf, control } from './support/answers';

const CUSTOMER = '4917612345678';
const AGENT_FLOW = 'e2eAgentApprove1';
const QUESTION_START = 'The assistant wants to refund';
const REFUND = { amount: '42.00', customer: 'Lena Fischer' };
const MAIN_WEBHOOK_PATH = '/main-webhook';
const FINAL_PREFIX = 'Finished. The tool said: ';

let stack: Stack;
let model: FakeChatModel;

beforeAll(async () => {
	model = await startFakeChatModel({
		// The gated tool's schema: the tool's own parameters, and the review node's (none here).
		toolCall: { name: GATED_TOOL_NAME, arguments: { toolParameters: REFUND, hitlParameters: {} } },
		answer: (toolResult) => `${FINAL_PREFIX}${toolResult}`,
	});
	// The trigger passes taps on to this n8n: its public host is the emulator's stand-in name.
	const n8nPort = await freePort();
	const answersBaseUrl = `http://127.0.0.1:${n8nPort}`;
	const openAi = openAiCredential(model.url);
	stack = await startStack({
		preferredN8nPort: n8nPort,
		extraCredentials: () => [openAi],
		workflows: ({ credential, sink }) => [
			triggerWorkflow(credential, sink.url, { parameters: { options: { answersBaseUrl } } })
				.workflow,
			agentWorkflow(AGENT_FLOW, credential, openAi, sink.url, {
				prompt: 'Please refund 42.00 EUR to Lena Fischer.',
				approver: CUSTOMER,
				question: `=${QUESTION_START} {{ $tool.parameters.amount }} EUR to {{ $tool.parameters.customer }}.`,
			}),
		],
		publish: [TRIGGER_WORKFLOW_ID],
		// The number's main webhook (another integration), beside which the trigger adds its own.
		emulatorState: ({ sink }) => ({
			phoneNumberWebhook: { url: `${sink.url}${MAIN_WEBHOOK_PATH}` },
		}),
	});
	expect(stack.n8n.url).toBe(answersBaseUrl);
	await waitFor(
		"the trigger's destination",
		() => stack.emulator.multiWebhook().destinations.length === 1,
		{ timeoutMs: 60_000, explain: explainN8n },
	);
	// The customer wrote lately: free-form messages may go out (the 24-hour window).
	stack.emulator.setWindow(CUSTOMER, true);
});

afterAll(async () => {
	await stack?.stop();
	await stopAllN8n();
	await model?.close();
});

async function explainN8n() {
	const requests = JSON.stringify(model.requests, null, 1).slice(-4000);
	return `model requests:\n${requests}\nn8n log:\n${await stack.n8n.logTail()}`;
}

/** Starts the agent and waits until its execution waits for the WhatsApp answer. */
async function askAgent(): Promise<{
	executionId: string;
	sent: SentMessage;
	requestsBefore: number;
}> {
	const before = stack.emulator.messages().length;
	const requestsBefore = model.requests.length;
	const { executionId } = await stack.rest.startManually(AGENT_FLOW, AGENT_START);
	if (!executionId) throw new Error('n8n started no execution');
	await waitFor(
		`execution ${executionId} to wait`,
		async () => {
			const { status } = await stack.rest.execution(executionId);
			if (['error', 'success', 'crashed', 'canceled'].includes(status)) {
				throw new Error(`execution ${executionId} ended (${status}) instead of waiting`);
			}
			return status === 'waiting';
		},
		{ timeoutMs: 60_000, explain: explainN8n },
	);
	const sent = stack.emulator.messages().slice(before);
	expect(sent).toHaveLength(1);
	return { executionId, sent: sent[0], requestsBefore };
}

async function finished(executionId: string): Promise<ExecutionDetails> {
	const execution = await stack.rest.finished(executionId);
	if (execution.status !== 'success') {
		throw new Error(
			`execution ${executionId}: ${execution.status} ${JSON.stringify(execution.error ?? {})}\n${await explainN8n()}`,
		);
	}
	return execution;
}

/** GET /types/nodes.json as the editor does: with a session of its own (no browser-id check there). */
async function editorTypes(): Promise<unknown> {
	const login = await request(`${stack.n8n.url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: stack.owner.email, password: stack.owner.password }),
	});
	await login.body.dump();
	expect(login.statusCode).toBe(200);
	const setCookie = login.headers['set-cookie'];
	const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ''])
		.map((line) => line.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n set no session cookie on login');
	const response = await request(`${stack.n8n.url}/types/nodes.json`, { headers: { cookie } });
	expect(response.statusCode).toBe(200);
	return await response.body.json();
}

/** What the review node output, logged as a tool's (ai_tool) rather than on main. */
function gateOutput(execution: ExecutionDetails) {
	const runs = execution.runData[APPROVAL_NODE] as unknown as Array<{
		data?: Record<string, Array<Array<{ json: Record<string, unknown> }>>>;
	}>;
	return runs.at(-1)?.data?.ai_tool?.[0]?.[0]?.json;
}

/** The agent's output item, as the workflow forwarded it. */
const agentOutputs = () =>
	stack.sink.bodies(agentOutputPath(AGENT_FLOW)) as Array<{ output?: string }>;

test('n8n offers our node as a human-review gate: n8n-nodes-360dialog.dialog360HitlTool', async () => {
	// The list of node types the editor loads (n8n's own; POST /rest/node-types knows only the
	// types packages declare, not the gates and tools n8n makes of them).
	const types = (await editorTypes()) as Array<{
		name: string;
		inputs?: unknown;
		outputs?: unknown;
		properties: Array<{ name: string; type: string; default?: unknown }>;
	}>;
	const gate = types.find((type) => type.name === HITL_TOOL_TYPE);
	expect(gate).toBeDefined();
	expect(gate?.inputs).toEqual([expect.objectContaining({ type: 'ai_tool' })]);
	expect(gate?.outputs).toEqual([expect.objectContaining({ type: 'ai_tool' })]);
	const hidden = (name: string) =>
		gate?.properties.find((property) => property.name === name && property.type === 'hidden')
			?.default;
	expect(hidden('resource')).toBe('message');
	expect(hidden('operation')).toBe('sendAndWait');
	expect(hidden('responseType')).toBe('approval');
});

describe('an AI Agent asks on WhatsApp before it runs a gated tool', () => {
	test('Approve: the question goes out as reply buttons, the tap resumes the agent, the tool runs and the agent finishes with its result', async () => {
		const { executionId, sent, requestsBefore } = await askAgent();
		// The model called the gated tool, offered as a tool of the agent.
		const first = model.requests[requestsBefore];
		expect(first.tools?.map((tool) => tool.function.name)).toContain(GATED_TOOL_NAME);
		// The question, with the model's arguments, as two reply buttons to the approver.
		expect(sent).toMatchObject({ type: 'interactive', waId: CUSTOMER });
		expect((sent.body.interactive as { body: { text: string } }).body.text).toBe(
			`${QUESTION_START} 42.00 EUR to Lena Fischer.`,
		);
		expect(buttonsOf(sent).map(({ title }) => title)).toEqual(['✓ Approve', '✗ Decline']);
		// Nothing refunded while the execution waits.
		expect(stack.sink.bodies(REFUNDS_PATH)).toEqual([]);

		const { deliveries } = await control(stack, '/tap', {
			message_id: sent.id,
			title: '✓ Approve',
		});
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		const execution = await finished(executionId);

		// The gated tool ran, once, with the model's arguments.
		expect(stack.sink.bodies(REFUNDS_PATH)).toEqual([REFUND]);
		expect(execution.runData[GATED_TOOL_NODE]).toHaveLength(1);
		// The gate's run is logged as a tool's (ai_tool), with the approval in it.
		expect(gateOutput(execution)).toMatchObject({
			answered: true,
			data: { approved: true },
			wa_id: CUSTOMER,
		});
		// The model got the tool's result and gave the final answer, which the agent output.
		const last = model.requests[model.requests.length - 1];
		const toolMessages = last.messages.filter((m) => m.role === 'tool');
		expect(toolMessages).toHaveLength(1);
		expect(messageText(toolMessages[0])).not.toMatch(/rejected/i);
		expect(agentOutputs()).toEqual([
			expect.objectContaining({ output: `${FINAL_PREFIX}${messageText(toolMessages[0])}` }),
		]);
		expect(execution.runData[AGENT_NODE].at(-1)?.data?.main?.[0]?.[0]?.json).toEqual({
			output: `${FINAL_PREFIX}${messageText(toolMessages[0])}`,
		});
		// Two model calls in all: the tool call, then the answer.
		expect(model.requests.length - requestsBefore).toBe(2);
	});

	test('Decline: the gated tool does not run and the model is told the call was rejected', async () => {
		const refundsBefore = stack.sink.bodies(REFUNDS_PATH).length;
		const { executionId, sent, requestsBefore } = await askAgent();
		await control(stack, '/tap', { message_id: sent.id, title: '✗ Decline' });
		const execution = await finished(executionId);

		expect(gateOutput(execution)).toMatchObject({ answered: true, data: { approved: false } });

		expect(stack.sink.bodies(REFUNDS_PATH)).toHaveLength(refundsBefore);
		expect(execution.runData[GATED_TOOL_NODE]).toBeUndefined();
		const last = model.requests[model.requests.length - 1];
		const toolMessages = last.messages.filter((m) => m.role === 'tool');
		expect(toolMessages).toHaveLength(1);
		const rejection = messageText(toolMessages[0]);
		expect(rejection).toContain(`User rejected the tool call to ${GATED_TOOL_NODE}`);
		expect(agentOutputs().at(-1)).toEqual(
			expect.objectContaining({ output: `${FINAL_PREFIX}${rejection}` }),
		);
		expect(model.requests.length - requestsBefore).toBe(2);
	});
});
