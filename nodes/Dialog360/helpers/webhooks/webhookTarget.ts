import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	readSingleWebhook,
	type ShownWebhook,
	type SingleWebhookPath,
} from '../../../shared/webhooks/singleWebhook';
import type { HeaderMap } from '../../../shared/webhooks/webhook';
import type { ReadBack } from '../calls/applyChange';
import { readHeaders } from './headers';
import { checkHeaderNames, checkWebhookUrl } from './validation';

/**
 * The URL and headers of a phone-number or WABA webhook, checked against 360dialog's rules
 * before any call. `headers` is left out of the body when there are none, as 360dialog documents.
 */
export function readWebhookTarget(
	context: IExecuteFunctions,
	itemIndex: number,
	addHeaders: (headers: HeaderMap) => HeaderMap = (headers) => headers,
): { url: string; headers: HeaderMap; body: IDataObject } {
	const scope = { node: context.getNode(), itemIndex };
	const url = context.getNodeParameter('url', itemIndex) as string;
	checkWebhookUrl(scope, url, 'Webhook URL');
	const headers = readHeaders(context, itemIndex);
	checkHeaderNames(scope, headers);
	const sent = addHeaders(headers);
	const body = Object.keys(sent).length > 0 ? { url, headers: sent } : { url };
	return { url, headers: sent, body };
}

/**
 * How a change of the phone-number webhook or the WABA webhook (both one URL with its headers) is
 * read back while 360dialog applies it.
 */
export function singleWebhookReadBack(
	context: IExecuteFunctions,
	path: SingleWebhookPath,
	timeoutMs: number,
	checkWith: string,
): ReadBack<ShownWebhook> {
	return {
		readCall: `GET ${path}`,
		read: async () => await readSingleWebhook(context, path, timeoutMs),
		output: (webhook) => webhook as IDataObject,
		checkWith,
	};
}
