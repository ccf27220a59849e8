import type { IExecuteFunctions, IDataObject } from 'n8n-workflow';

import { readHeaders } from './headers';
import { checkHeaderNames, checkWebhookUrl } from './validation';

/**
 * The URL and headers of a phone-number or WABA webhook, checked against 360dialog's rules
 * before any call. `headers` is left out of the body when there are none, as 360dialog documents.
 */
export function readWebhookTarget(
	this: IExecuteFunctions,
	itemIndex: number,
	addHeaders: (headers: Record<string, string>) => Record<string, string> = (headers) => headers,
): { url: string; body: IDataObject } {
	const scope = { node: this.getNode(), itemIndex };
	const url = this.getNodeParameter('url', itemIndex) as string;
	checkWebhookUrl(scope, url, 'Webhook URL');
	const headers = readHeaders.call(this, itemIndex);
	checkHeaderNames(scope, headers);
	const sent = addHeaders(headers);
	return { url, body: Object.keys(sent).length > 0 ? { url, headers: sent } : { url } };
}
