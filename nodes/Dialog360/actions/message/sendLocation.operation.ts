import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { sendMessage } from '../../helpers/messages/sendMessage';
import type { ItemScope } from '../../helpers/parameters/invalidParameter';
import { sendOptionsProperty, toProperty } from '../common/message.description';

function coordinate(
	name: string,
	displayName: string,
	limit: number,
	example: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -limit, maxValue: limit, numberPrecision: 6 },
		description: `Decimal degrees, from -${limit} to ${limit}, e.g. ${example}`,
	};
}

const properties: INodeProperties[] = [
	toProperty,
	coordinate('latitude', 'Latitude', 90, '52.520008'),
	coordinate('longitude', 'Longitude', 180, '13.404954'),
	{
		displayName: 'Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Main Street Store',
		description: 'Shown in bold above the address. Optional.',
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: 'e.g. Main St 1, 10115 Berlin',
		description: 'Optional',
	},
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendLocation'] } },
	properties,
);

/** Expressions may hand over text ("52.5"); the UI's range does not hold for them. */
function readCoordinate(
	context: IExecuteFunctions,
	scope: ItemScope,
	name: string,
	displayName: string,
	limit: number,
): number {
	const raw = context.getNodeParameter(name, scope.itemIndex) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
		throw invalidParameter(
			scope,
			`Invalid ${displayName} "${String(raw)}"`,
			`Enter decimal degrees from -${limit} to ${limit}.`,
		);
	}
	return value;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const latitude = readCoordinate(this, scope, 'latitude', 'Latitude', 90);
	const longitude = readCoordinate(this, scope, 'longitude', 'Longitude', 180);
	const name = this.getNodeParameter('locationName', itemIndex, '') as string;
	const address = this.getNodeParameter('address', itemIndex, '') as string;
	return await sendMessage(this, itemIndex, 'location', {
		latitude,
		longitude,
		...(name ? { name } : {}),
		...(address ? { address } : {}),
	});
}
