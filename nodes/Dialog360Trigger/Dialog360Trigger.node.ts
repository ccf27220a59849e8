import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
export class Dialog360Trigger implements INodeType {
	description = { displayName: 'x', name: 'dialog360Trigger', group: ['trigger'], version: 1, description: '', defaults: { name: 'x' }, inputs: [], outputs: ['main'], properties: [] } as unknown as INodeTypeDescription;
}
