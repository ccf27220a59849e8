import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MB } from './sizes';

export const DEFAULT_MAX_SIZE_MB = 25;
export const DEFAULT_DOWNLOAD_TIMEOUT_SECONDS = 60;

export interface DownloadLimits {
	maxBytes: number;
	timeoutMs: number;
}

/**
 * Max Size (MB) and Timeout (Seconds) as a download takes them. Expressions can bypass the
 * editor's minimum, so the values are checked.
 */
export function downloadLimits(
	node: INode,
	values: { maxSize?: number; timeout?: number },
	itemIndex?: number,
): DownloadLimits {
	const { maxSize = DEFAULT_MAX_SIZE_MB, timeout = DEFAULT_DOWNLOAD_TIMEOUT_SECONDS } = values;
	if (!(typeof maxSize === 'number' && maxSize >= 0 && Number.isFinite(maxSize))) {
		throw new NodeOperationError(node, `Invalid Max Size (MB) "${maxSize}"`, {
			description: `Enter a number of megabytes, 0 or more (the default is ${DEFAULT_MAX_SIZE_MB}).`,
			itemIndex,
		});
	}
	if (!(typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout))) {
		throw new NodeOperationError(node, `Invalid Timeout (Seconds) "${timeout}"`, {
			description: `Enter a number of seconds above 0 (the default is ${DEFAULT_DOWNLOAD_TIMEOUT_SECONDS}).`,
			itemIndex,
		});
	}
	return { maxBytes: Math.floor(maxSize * MB), timeoutMs: timeout * 1000 };
}
