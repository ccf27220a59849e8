import { randomUUID } from 'node:crypto';
import type { CredentialImport } from '../n8n';
import { credentialRef } from './credential';
import { ACTION_TYPE, forwardTo, node, workflow, type Workflow } from './nodes';

/** What n8n 2.x makes of a node type with a Send and Wait operation: its human-review gate. */
export const HITL_TOOL_TYPE = `${ACTION_TYPE}HitlTool`;
export const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';
export const AGENT_VERSION = 3.1;
export const CHAT_MODEL_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
export const CHAT_MODEL_VERSION = 1.3;
export const HTTP_TOOL_TYPE = 'n8n-nodes-base.httpRequestTool';
export const HTTP_TOOL_VERSION = 4.2;

export const AGENT_START = 'Start';
export const AGENT_NODE = 'AI Agent';
export const MODEL_NODE = 'Chat Model';
export const APPROVAL_NODE = 'WhatsApp approval';
/** The gated tool; the model sees it as Issue_refund (n8n's nodeNameToToolName). */
export const GATED_TOOL_NODE = 'Issue refund';
export const GATED_TOOL_NAME = 'Issue_refund';
/** Where the gated tool POSTs (on the sink): a call there is the refund being made. */
export const REFUNDS_PATH = '/refunds';
/** Where each agent workflow forwards the agent's output: /agent/<workflow id>. */
export const agentOutputPath = (workflowId: string) => `/agent/${workflowId}`;

export const OPENAI_CREDENTIAL_TYPE = 'openAiApi';

/** n8n's OpenAI credential (n8n-nodes-base OpenAiApi: apiKey, url) pointed at a local model. */
export function openAiCredential(baseUrl: string, id = 'e2eOpenAiFake01'): CredentialImport {
	return {
		id,
		name: 'OpenAI (local fake model)',
		type: OPENAI_CREDENTIAL_TYPE,
		data: { apiKey: 'sk-e2e-fake', url: baseUrl, header: false },
	};
}

export interface AgentWorkflowOptions {
	/** The user message the agent gets. */
	prompt: string;
	/** Who approves on WhatsApp. */
	approver: string;
	/** The WhatsApp question (an expression may use $tool.name and $tool.parameters). */
	question: string;
}

type Connection = { node: string; type: string; index: number };

/**
 * Manual Trigger → AI Agent (V3) → the agent's output POSTed to the sink, with the agent's
 * cluster: an OpenAI Chat Model (chat completions, from the given credential) and one tool,
 * Issue refund (an HTTP Request Tool POSTing the model's amount and customer to the sink),
 * gated by 360dialog's human-review node: the agent may run the refund only once the approver
 * taps Approve on WhatsApp.
 */
export function agentWorkflow(
	id: string,
	credential: CredentialImport,
	openAi: CredentialImport,
	sinkUrl: string,
	options: AgentWorkflowOptions,
): Workflow {
	const start = node(AGENT_START, 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const agent = node(AGENT_NODE, AGENT_TYPE, AGENT_VERSION, [240, 0], {
		promptType: 'define',
		text: options.prompt,
		options: { systemMessage: 'You make refunds for customers when asked to.' },
	});
	const model = node(
		MODEL_NODE,
		CHAT_MODEL_TYPE,
		CHAT_MODEL_VERSION,
		[120, 240],
		{
			model: { __rl: true, mode: 'id', value: 'fake-approval-model' },
			// Chat completions, as the local model speaks, not the Responses API.
			responsesApiEnabled: false,
			options: {},
		},
		{ credentials: { [OPENAI_CREDENTIAL_TYPE]: { id: openAi.id, name: openAi.name } } },
	);
	const approval = node(
		APPROVAL_NODE,
		HITL_TOOL_TYPE,
		1,
		[360, 240],
		{
			to: options.approver,
			message: options.question,
			approvalOptions: { values: { approvalType: 'double' } },
			options: {},
		},
		// As for Send and Wait: n8n serves the resume URL by the node's id.
		{ credentials: credentialRef(credential), webhookId: randomUUID() },
	);
	const refund = node(GATED_TOOL_NODE, HTTP_TOOL_TYPE, HTTP_TOOL_VERSION, [360, 480], {
		toolDescription: 'Refunds an amount in EUR to a customer',
		method: 'POST',
		url: `${sinkUrl}${REFUNDS_PATH}`,
		sendBody: true,
		specifyBody: 'keypair',
		bodyParameters: {
			parameters: [
				{ name: 'amount', value: "={{ $fromAI('amount', 'The amount in EUR', 'string') }}" },
				{ name: 'customer', value: "={{ $fromAI('customer', 'Who gets the refund', 'string') }}" },
			],
		},
		options: {},
	});
	const forward = forwardTo('Forward the answer', `${sinkUrl}${agentOutputPath(id)}`, [520, 0]);
	const to = (target: string, type: string): Connection[][] => [[{ node: target, type, index: 0 }]];
	const connections: Record<string, Record<string, Connection[][]>> = {
		[AGENT_START]: { main: to(AGENT_NODE, 'main') },
		[AGENT_NODE]: { main: to(forward.name, 'main') },
		[MODEL_NODE]: { ai_languageModel: to(AGENT_NODE, 'ai_languageModel') },
		// The tool goes into the review node, and the review node into the agent.
		[GATED_TOOL_NODE]: { ai_tool: to(APPROVAL_NODE, 'ai_tool') },
		[APPROVAL_NODE]: { ai_tool: to(AGENT_NODE, 'ai_tool') },
	};
	return workflow(
		id,
		`AI Agent with WhatsApp approval (${id})`,
		[start, agent, model, approval, refund, forward],
		// Workflow's type names main connections only; n8n's JSON has the ai_* ones beside them.
		connections as unknown as Workflow['connections'],
	);
}
