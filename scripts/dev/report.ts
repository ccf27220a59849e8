import type { Emulator } from '../../emulator';
import { sampleTextNotification } from '../../emulator';
import type { N8nRest, Owner, RunningN8n } from '../../harness/n8n';
import type { QueueProcesses } from '../../harness/queueMode';
import { tapCommand } from './checkApproval';
import { APPROVAL_WORKFLOW_ID } from './workflows';

/** Single-quoted for a POSIX shell. */
function shellQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One line to paste into a shell: a sample text message through the emulator's fan-out. */
export function deliverCommand(emulator: Emulator): string {
	const body = JSON.stringify(sampleTextNotification(undefined, 'Hello from npm run dev'));
	return (
		`curl -s -X POST ${emulator.url}/_emulator/deliver ` +
		`-H 'content-type: application/json' -d ${shellQuote(body)}`
	);
}

export function printReady(info: {
	n8n: RunningN8n;
	queue?: QueueProcesses;
	emulator: Emulator;
	owner: Owner;
	mainWebhookUrl: string;
	workflowId: string;
	userFolder: string;
}): void {
	const { n8n, emulator, owner } = info;
	const lines = [
		'',
		'n8n with n8n-nodes-360dialog and a 360dialog emulator are running.',
		'',
		`  Editor:    ${n8n.url}/workflow/${info.workflowId}`,
		`  Login:     ${owner.email}  /  ${owner.password}`,
		`  Emulator:  ${emulator.url}  (D360-API-KEY ${emulator.apiKey})`,
		`  State:     curl -s ${emulator.url}/_emulator/state`,
		`  Main webhook of the number: ${info.mainWebhookUrl} (stands in for your existing integration:`,
		'             360dialog copies each notification to the trigger only after it answered 200)',
		`  n8n log:   ${n8n.logFile}`,
		...(info.queue
			? [
					'  Queue mode: production webhooks go to the webhook processors, executions run on the worker:',
					...info.queue.webhookProcessors.map(
						(processor, i) =>
							`    webhook processor ${i + 1}: ${processor.url} (log ${processor.logFile})`,
					),
					...info.queue.workers.map((worker, i) => `    worker ${i + 1}: log ${worker.logFile}`),
				]
			: []),
		'',
		'Deliver a sample WhatsApp text message. The example workflow marks it as read and replies',
		"with buttons; the reply's sent and delivered statuses then run it twice more:",
		'',
		deliverCommand(emulator),
		'',
		'What the workflow sent:',
		'',
		`curl -s ${emulator.url}/_emulator/messages`,
		'',
		`Ask for approval: run "Ask for approval on WhatsApp (example)" in the editor`,
		`(${n8n.url}/workflow/${APPROVAL_WORKFLOW_ID}); it waits for the customer. Tap Approve with the`,
		'message_id of the question (the last of the messages above):',
		'',
		tapCommand(emulator),
		'',
		`Ctrl-C stops n8n and the emulator and removes ${info.userFolder}.`,
		'',
	];
	console.log(lines.join('\n'));
}

/** Prints each execution of the workflow as it finishes: feedback without the editor. */
export function watchExecutions(rest: N8nRest, workflowId: string): () => void {
	const seen = new Set<string>();
	const timer = setInterval(() => {
		rest.executions(workflowId).then(
			({ results }) => {
				for (const execution of [...results].reverse()) {
					if (seen.has(execution.id) || !execution.stoppedAt) continue;
					seen.add(execution.id);
					console.log(`[n8n] execution ${execution.id}: ${execution.status} (${execution.mode})`);
				}
			},
			// n8n is shutting down or busy: the next tick tries again.
			() => undefined,
		);
	}, 1000);
	return () => clearInterval(timer);
}
