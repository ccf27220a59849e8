import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSingleWebhook, type SingleWebhookPath } from '../../../shared/webhooks/singleWebhook';
import { readOptions } from '../../helpers/calls/options';
import { withHeaderValues } from '../../helpers/webhooks/headerValues';
import type { Operation } from '../types';
import { webhookReadOptionsProperty } from './headerValues.description';

/**
 * The phone-number webhook and the WABA webhook: one URL with its headers each, read alike. Their
 * resources differ in name, path, wording and Set (only the phone number's takes Basic auth), so
 * the Get and the Operation parameter are made here, once.
 */

interface Wording {
	description: string;
	action: string;
}

/** The Get operation: the webhook, header values hidden unless Include Header Values is on. */
function getOperation(resource: string, path: SingleWebhookPath): Operation {
	return {
		description: updateDisplayOptions({ show: { resource: [resource], operation: ['get'] } }, [
			webhookReadOptionsProperty,
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const { requestTimeoutMs } = readOptions(this, itemIndex);
			const webhook = await readSingleWebhook(this, path, requestTimeoutMs);
			return withHeaderValues(this, itemIndex, webhook as IDataObject);
		},
	};
}

/** A single-webhook resource's operations (Get, and its own Set) and their parameters. */
export function singleWebhookResource(
	resource: string,
	path: SingleWebhookPath,
	set: Operation,
	wording: { get: Wording; set: Wording },
): { operations: Record<string, Operation>; description: INodeProperties[] } {
	const get = getOperation(resource, path);
	return {
		operations: { get, set },
		description: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource] } },
				options: [
					{ name: 'Get', value: 'get', ...wording.get },
					{ name: 'Set', value: 'set', ...wording.set },
				],
				default: 'get',
			},
			...get.description,
			...set.description,
		],
	};
}
