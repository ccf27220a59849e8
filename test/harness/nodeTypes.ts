import type { INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Dialog360 } from '../../nodes/Dialog360/Dialog360.node';
import { Dialog360Trigger } from '../../nodes/Dialog360Trigger/Dialog360Trigger.node';

/** Node types as n8n names them once the package is installed: `<package>.<node name>`. */
export const ACTION_TYPE = 'n8n-nodes-360dialog.dialog360';
export const TRIGGER_TYPE = 'n8n-nodes-360dialog.dialog360Trigger';

const registry: Record<string, INodeType> = {
	[ACTION_TYPE]: new Dialog360(),
	[TRIGGER_TYPE]: new Dialog360Trigger(),
};

export const nodeTypes: INodeTypes = {
	getByName(name: string): INodeType | IVersionedNodeType {
		return registry[name];
	},
	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(registry[name], version);
	},
	getKnownTypes() {
		return {};
	},
};
