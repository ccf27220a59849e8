import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Where a failure belongs: the node and the input item it was processing. */
export interface ItemScope {
	node: INode;
	itemIndex: number;
}

/** A mistake in the node's parameters, found before anything is sent to 360dialog. */
export function invalidParameter(
	scope: ItemScope,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(scope.node, message, {
		itemIndex: scope.itemIndex,
		description,
	});
}
