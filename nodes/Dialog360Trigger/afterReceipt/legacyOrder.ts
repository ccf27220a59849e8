import type { IDataObject, INodeExecutionData, IWorkflowSettings } from 'n8n-workflow';

/*
 * n8n runs a node that has execute() only when its first input has items, in workflows with the
 * legacy execution order (saved without "executionOrder": "v1", e.g. imported from an older n8n;
 * WorkflowExecute.prepareConnectionInputData). The trigger's first input is its Messages: a
 * notification with only statuses or errors would start an execution that outputs nothing. So in
 * such workflows webhook() puts a placeholder on Messages, and execute() takes it away first.
 */

/** A key no notification item has: items are built from WhatsApp's fields only. */
const PLACEHOLDER_KEY = '__360dialogTriggerPlaceholder';

const isLegacyOrder = (settings: IWorkflowSettings) => settings.executionOrder !== 'v1';

/** webhook()'s outputs, with the placeholder where a legacy-order workflow needs one. */
export function withPlaceholderForLegacyOrder(
	outputs: IDataObject[][],
	settings: IWorkflowSettings,
): IDataObject[][] {
	const [messages, ...others] = outputs;
	if (messages.length > 0 || !isLegacyOrder(settings)) return outputs;
	return [[{ [PLACEHOLDER_KEY]: true }], ...others];
}

/** The Messages input without the placeholder. */
export function withoutPlaceholder(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.length === 1 && items[0].json[PLACEHOLDER_KEY] === true ? [] : items;
}
