import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { asNodeError } from '../../shared/failures';
import { onPremiseRefusal } from '../helpers/calls/cloudApiOnly';
import * as blockedUser from './blockedUser';
import * as businessProfile from './businessProfile';
import * as media from './media';
import * as message from './message';
import { sendAndWait } from './message/sendAndWait.operation';
import * as multiWebhook from './multiWebhook';
import * as phoneNumberWebhook from './phoneNumberWebhook';
import * as template from './template';
import { ItemWithFiles, type Operation } from './types';
import * as wabaWebhook from './wabaWebhook';

const operationsByResource: Record<string, Record<string, Operation>> = {
	blockedUser: blockedUser.operations,
	businessProfile: businessProfile.operations,
	media: media.operations,
	message: message.operations,
	multiWebhook: multiWebhook.operations,
	phoneNumberWebhook: phoneNumberWebhook.operations,
	template: template.operations,
	wabaWebhook: wabaWebhook.operations,
};

/** What Continue On Fail puts in the failed item's place: never the request, which holds the key. */
function errorItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	// WhatsApp's code (131047, ...), so that a workflow can branch on it, e.g. to send a template.
	const code = error instanceof NodeApiError ? error.errorResponse?.code : undefined;
	if (typeof code === 'number') json.code = code;
	return json;
}

/**
 * Runs the chosen operation once per input item; each output item (an operation may return
 * several, like Get Many) is paired with its input.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	// One question per execution, which then waits: not once per item.
	if (resource === 'message' && operationName === SEND_AND_WAIT_OPERATION) {
		try {
			return await sendAndWait.call(this);
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error);
			if (!this.continueOnFail()) throw nodeError;
			return [[{ json: errorItemJson(nodeError), pairedItem: { item: 0 } }]];
		}
	}
	const operation = operationsByResource[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for "${resource}"`,
		);
	}

	const refusal = await onPremiseRefusal(this, resource);
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (refusal) throw refusal(itemIndex);
			const result = await operation.execute.call(this, itemIndex);
			if (result instanceof ItemWithFiles) {
				output.push({ json: result.json, binary: result.binary, pairedItem: { item: itemIndex } });
				continue;
			}
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error);
			nodeError.context.itemIndex ??= itemIndex;
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
