import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendQuestion } from '../../helpers/answers/question';
import { waitUntil } from '../../helpers/answers/waitTime';
import { onPremiseRefusal } from '../../helpers/calls/cloudApiOnly';

export { description } from './sendAndWait.description';

/**
 * Message → Send and Wait for Response: sends the question once (from the first item, as n8n's
 * own send-and-wait nodes do) and puts the execution to wait. The answer arrives at the node's
 * webhook() (helpers/answers/answerWebhook.ts), whose item replaces this one. If Limit Wait Time
 * runs out first, n8n drops this item and goes on with the node's input items (n8n-core disables a
 * node it resumes by time), as with n8n's own send-and-wait nodes: this item is only what the
 * editor shows while the execution waits. A failure goes to the router, whose Continue On Fail
 * item is every operation's.
 */
export async function sendAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const refusal = await onPremiseRefusal(this, 'message');
	if (refusal) throw refusal(0);
	// Checked before sending: a wrong date must not leave a question nobody waits for.
	const waitTill = waitUntil(this);
	const sent = await sendQuestion(this);
	await this.putExecutionToWait(waitTill);
	return [[{ json: { answered: false, ...sent }, pairedItem: { item: 0 } }]];
}
