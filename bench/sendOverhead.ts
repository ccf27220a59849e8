import type { Emulator } from '../emulator';
import type { CredentialImport, N8nRest } from '../harness/n8n';
import { credentialRef } from '../harness/workflows/credential';
import { ACTION_TYPE, node, outputs, workflow, type Workflow } from '../harness/workflows/nodes';
import { startStack } from '../harness/stack';
import { BENCH_MAIN_WEBHOOK, BENCH_STACK } from './workflows';

/**
 * `npm run bench:send`: the 360dialog action node's own cost per sent message, against a plain
 * HTTP Request node making the same call (POST /messages, the same JSON, the key from a header
 * credential) in the same n8n 2.41.1 and against the same emulator. Both get the same items from
 * the same nodes; n8n's own executionTime of each send node, divided by the items, is compared.
 * Target: the action node at most 1.2x the HTTP Request node.
 */

const CUSTOMER = '4917612345678';
const MESSAGES_PER_RUN = 200;
const ROUNDS = 7;
const TARGET_RATIO = 1.2;
const SEND_NODE = 'Send';
const MANUAL = 'Start';

const HEADER_CREDENTIAL: Omit<CredentialImport, 'data'> = {
	id: 'benchHeaderAuth1',
	name: 'D360-API-KEY header',
	type: 'httpHeaderAuth',
};

/** Start -> Make items (an array of MESSAGES_PER_RUN texts) -> Split Out -> `send`. */
function sendWorkflow(id: string, name: string, send: ReturnType<typeof node>): Workflow {
	const start = node(MANUAL, 'n8n-nodes-base.manualTrigger', 1, [0, 0]);
	const make = node('Make items', 'n8n-nodes-base.set', 3.4, [200, 0], {
		assignments: {
			assignments: [
				{
					id: 'a1',
					name: 'list',
					type: 'array',
					value: `={{ Array.from({ length: ${MESSAGES_PER_RUN} }, (_, i) => ({ to: '${CUSTOMER}', text: 'Bench message ' + i })) }}`,
				},
			],
		},
		options: {},
	});
	const split = node('Split Out', 'n8n-nodes-base.splitOut', 1, [400, 0], {
		fieldToSplitOut: 'list',
		options: {},
	});
	return workflow(id, name, [start, make, split, send], {
		[start.name]: outputs(make.name),
		[make.name]: outputs(split.name),
		[split.name]: outputs(send.name),
	});
}

const OURS = 'benchSendAction1';
const PLAIN = 'benchSendHttpReq1';

function workflows(credential: CredentialImport, emulator: Emulator): Workflow[] {
	const ours = node(
		SEND_NODE,
		ACTION_TYPE,
		1,
		[600, 0],
		{
			resource: 'message',
			operation: 'sendText',
			to: '={{ $json.to }}',
			text: '={{ $json.text }}',
			options: {},
		},
		{ credentials: credentialRef(credential) },
	);
	const plain = node(
		SEND_NODE,
		'n8n-nodes-base.httpRequest',
		4.2,
		[600, 0],
		{
			method: 'POST',
			url: `${emulator.url}/messages`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				"={{ JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: $json.to, type: 'text', text: { body: $json.text, preview_url: false } }) }}",
			options: {},
		},
		{ credentials: { httpHeaderAuth: { id: HEADER_CREDENTIAL.id, name: HEADER_CREDENTIAL.name } } },
	);
	return [
		sendWorkflow(OURS, 'Bench: 360dialog Send Text', ours),
		sendWorkflow(PLAIN, 'Bench: HTTP Request POST /messages', plain),
	];
}

/** One manual run; n8n's executionTime of the send node per message, in milliseconds. */
async function msPerMessage(
	rest: N8nRest,
	emulator: Emulator,
	workflowId: string,
): Promise<number> {
	const before = emulator.messages().length;
	const execution = await rest.runManually(workflowId, MANUAL);
	const [run] = execution.runData[SEND_NODE] ?? [];
	const sent = emulator.messages().length - before;
	if (execution.status !== 'success' || !run || run.executionTime === undefined) {
		throw new Error(
			`${workflowId} did not run cleanly: ${JSON.stringify(execution.error ?? run?.error)}`,
		);
	}
	if (sent !== MESSAGES_PER_RUN)
		throw new Error(`${workflowId} sent ${sent} of ${MESSAGES_PER_RUN}`);
	return run.executionTime / MESSAGES_PER_RUN;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

async function main() {
	console.log('starting the emulator and n8n 2.41.1 with the packed package...');
	const stack = await startStack({
		...BENCH_STACK,
		workflows: ({ credential, emulator }) => workflows(credential, emulator),
		emulatorState: () => ({ phoneNumberWebhook: BENCH_MAIN_WEBHOOK }),
		extraCredentials: ({ emulator }) => [
			{ ...HEADER_CREDENTIAL, data: { name: 'D360-API-KEY', value: emulator.apiKey } },
		],
		publish: [],
	});
	try {
		// The customer wrote: the 24-hour window is open for the whole run.
		stack.emulator.setWindow(CUSTOMER, true);
		const samples: Record<string, number[]> = { [OURS]: [], [PLAIN]: [] };
		console.log(`warm-up, then ${ROUNDS} alternating rounds of ${MESSAGES_PER_RUN} messages each`);
		for (const id of [OURS, PLAIN]) await msPerMessage(stack.rest, stack.emulator, id);
		for (let round = 0; round < ROUNDS; round++) {
			// Alternate which goes first, so neither always gets the warmer process.
			const order = round % 2 === 0 ? [OURS, PLAIN] : [PLAIN, OURS];
			for (const id of order) samples[id].push(await msPerMessage(stack.rest, stack.emulator, id));
			stack.emulator.clearRequests();
		}
		const ours = median(samples[OURS]);
		const plain = median(samples[PLAIN]);
		const ratio = ours / plain;
		const row = (label: string, values: number[]) =>
			`| ${label} | ${median(values).toFixed(3)} ms | ${values.map((v) => v.toFixed(3)).join(', ')} |`;
		console.log(
			[
				'',
				'| send node | per message (median) | rounds |',
				'|---|---|---|',
				row('360dialog Send Text', samples[OURS]),
				row('HTTP Request, POST /messages', samples[PLAIN]),
				'',
				`action node / HTTP Request: **${ratio.toFixed(2)}x** (target <= ${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? 'PASS' : 'MISS'}`,
				`the action node's own overhead: ${(ours - plain).toFixed(3)} ms per message`,
				'',
			].join('\n'),
		);
	} finally {
		await stack.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
