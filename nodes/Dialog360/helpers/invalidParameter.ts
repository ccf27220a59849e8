import { NodeOperationError } from 'n8n-workflow';

import type { ItemScope } from './types';

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
