import { request } from 'undici';
import type { Emulator } from '../../emulator';
import { waitFor, type N8nRest, type RunningN8n } from '../../harness/n8n';
import { APPROVAL_START, APPROVAL_WORKFLOW_ID } from './workflows';

interface CheckTarget {
	n8n: RunningN8n;
	rest: N8nRest;
	emulator: Emulator;
}

/** The emulator's control call that makes the customer tap a reply button, as a newcomer would. */
export const tapCommand = (emulator: Emulator, messageId = '<message_id>') =>
	`curl -s -X POST ${emulator.url}/_emulator/tap -H 'content-type: application/json' -d '{"message_id": "${messageId}", "title": "✓ Approve"}'`;

/**
 * `npm run dev -- --check`, second part: the approval example runs, its question goes out as
 * reply buttons and the execution waits; the customer taps Approve (the emulator's control call),
 * the trigger passes the tap on, and the execution goes on through "Approved".
 */
export async function checkApprovalWorkflow(target: CheckTarget): Promise<void> {
	const { rest, emulator } = target;
	const explain = async () => `n8n log (${target.n8n.logFile}):\n${await target.n8n.logTail()}`;
	const before = emulator.messages().length;
	const { executionId } = await rest.startManually(APPROVAL_WORKFLOW_ID, APPROVAL_START);
	if (!executionId) throw new Error('n8n started no execution of the approval example');
	await waitFor(
		'the approval example to wait for the answer',
		async () => (await rest.execution(executionId)).status === 'waiting',
		{ timeoutMs: 60_000, explain },
	);
	const question = emulator.messages().slice(before)[0];
	if (!question) throw new Error(`The approval example sent nothing\n${await explain()}`);
	console.log(
		`[check] approval: the question went out as ${question.type} (${question.id}); tapping ✓ Approve`,
	);
	const tap = await request(`${emulator.url}/_emulator/tap`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ message_id: question.id, title: '✓ Approve' }),
	});
	const tapAnswer = await tap.body.text();
	if (tap.statusCode !== 200) throw new Error(`The emulator could not tap: ${tapAnswer}`);
	const execution = await rest.finished(executionId);
	const approved = execution.runData.Approved?.[0]?.data?.main?.[0] ?? [];
	if (execution.status !== 'success' || approved.length !== 1) {
		throw new Error(
			`The approval example ended ${execution.status}, ${approved.length} item(s) through Approved\n${await explain()}`,
		);
	}
	console.log(
		`[check] approval: execution ${executionId} went on through Approved (${JSON.stringify(approved[0].json)})`,
	);
}
