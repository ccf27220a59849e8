import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** The trigger's outputs, in order: Messages, Statuses, Errors. */
export type TriggerOutputs = INodeExecutionData[][];

/**
 * One concern of the stage that runs once 360dialog has its 200: it takes the outputs and returns
 * them, changed (items dropped, fields or files added, paired items kept) or, when its option is
 * off, as they are.
 */
export type AfterReceiptStep = (
	context: IExecuteFunctions,
	outputs: TriggerOutputs,
) => Promise<TriggerOutputs>;
