import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isTimeout, readApiFailure } from '../failures';

/** Why a media download failed, for a workflow to branch on. */
export type DownloadFailureReason =
	/** The media id is missing or not one (WhatsApp's are digits). */
	| 'invalid_media_id'
	/** 360dialog answered 404: the media or its URL is gone. */
	| 'not_found'
	/** The media URL expired before the file was fetched (360dialog's URLs live 5 minutes). */
	| 'expired'
	/** Bigger than Max Size, by 360dialog's file_size or by the bytes actually received. */
	| 'too_big'
	| 'timeout'
	/** The bytes received do not have the sha256 360dialog gave for the file. */
	| 'checksum_mismatch'
	/** Any other answer of 360dialog's that is not the file (with its status and message). */
	| 'api_error'
	/** No answer: the connection failed or broke off. */
	| 'network_error';

/** A failed download: why, and the error the action node throws for it. */
export interface DownloadFailure {
	reason: DownloadFailureReason;
	error: NodeApiError | NodeOperationError;
}

// What to do, where the general wording of a refused call ("check the parameters") does not fit.
const HINTS: Partial<Record<DownloadFailureReason, string>> = {
	not_found:
		'360dialog no longer has this file: files customers send are kept 7 days, uploaded ones 30 days, unless deleted earlier.',
	expired:
		"360dialog's media URLs are valid for 5 minutes, and the file was asked for right after its URL: try again.",
};

/** What went wrong with a call to 360dialog (an error of the transport), by reason. */
export function callFailure(error: NodeApiError | NodeOperationError): DownloadFailure {
	const failure = readApiFailure(error);
	const said = `${failure.apiMessage ?? ''} ${failure.details ?? ''}`;
	let reason: DownloadFailureReason;
	if (isTimeout(failure)) reason = 'timeout';
	else if (failure.status === undefined)
		reason = failure.networkCode ? 'network_error' : 'api_error';
	else if (failure.status >= 500) reason = 'api_error';
	else if (/expired/i.test(said)) reason = 'expired';
	// Meta answers an id it does not know with 400 "... does not exist ...".
	else if (failure.status === 404 || /does not exist/i.test(said)) reason = 'not_found';
	else reason = 'api_error';
	const hint = HINTS[reason];
	if (hint)
		error.description = `${failure.apiMessage ? `360dialog says: "${failure.apiMessage}". ` : ''}${hint}`;
	return { reason, error };
}

/**
 * The failure as an item's `media.download_error`: the reason, n8n's message and what to do,
 * and 360dialog's HTTP status and WhatsApp's error code when there are any.
 */
export function describeFailure({ reason, error }: DownloadFailure): IDataObject {
	const described: IDataObject = { reason, message: error.message };
	if (error.description) described.description = error.description;
	if (error instanceof NodeApiError) {
		const status = Number(error.httpCode);
		if (Number.isInteger(status) && status > 0) described.status = status;
		const code = error.errorResponse?.code;
		if (typeof code === 'number') described.code = code;
	}
	return described;
}
