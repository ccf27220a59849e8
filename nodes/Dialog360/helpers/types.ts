import type { INode } from 'n8n-workflow';

/** A header set as 360dialog takes it: header name -> value. */
export type HeaderMap = Record<string, string>;

/** One multi-webhook destination as 360dialog's API reads and writes it. */
export type { MultiWebhookDestination as Destination } from '../../shared/multiWebhook';

/** Where a failure belongs: the node and the input item it was processing. */
export interface ItemScope {
	node: INode;
	itemIndex: number;
}
