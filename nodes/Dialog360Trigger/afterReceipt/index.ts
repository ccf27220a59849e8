import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { passOnAnswers } from './answers';
import { attachMedia } from './attachMedia';
import { withoutPlaceholder } from './legacyOrder';
import { dropRedeliveries } from './redeliveries';
import type { AfterReceiptStep, TriggerOutputs } from './types';

/**
 * The steps, in order: a redelivery is dropped before anything else happens to it (a tap is passed
 * on once, nothing is downloaded twice), and a tap that answered a waiting execution goes there.
 */
const STEPS: AfterReceiptStep[] = [dropRedeliveries, passOnAnswers, attachMedia];

const OUTPUT_COUNT = 3;

/**
 * The trigger's execute(): n8n runs it as the first step of the execution that webhook() started,
 * with webhook()'s outputs as the inputs (0 Messages, 1 Statuses, 2 Errors). 360dialog already
 * has its 200 by then, so work that takes time (downloads) happens here; in queue mode, on a
 * worker. Each output item is paired with the input item it came from.
 */
export async function afterReceipt(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	let outputs: TriggerOutputs = Array.from({ length: OUTPUT_COUNT }, (_, input) => {
		const items = this.getInputData(input);
		return (input === 0 ? withoutPlaceholder(items) : items).map((item, index) => ({
			...item,
			pairedItem: { item: index, input },
		}));
	});
	for (const step of STEPS) outputs = await step(this, outputs);
	return outputs;
}
