import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { callDialog360 } from '../shared/transport';

export class Dialog360 implements INodeType {
	description: INodeTypeDescription = {
		displayName: '360dialog',
		name: 'dialog360',
		group: ['transform'],
		version: 1,
		description: 'x',
		defaults: { name: '360dialog' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dialog360Api', required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/multi_webhook' }],
	};
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const r = await callDialog360.call(this, 'GET', this.getNodeParameter('path', 0) as string, { timeoutMs: 1000 });
		return [[{ json: r, pairedItem: 0 }]];
	}
}
