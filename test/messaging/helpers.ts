import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { sampleTextNotification, type Emulator } from '../../emulator';
import { fromList } from '../actions/helpers';
import { resourceMapperFields } from '../actions/listSearch';

/** The customer of the sample notification. */
export const CUSTOMER = '4917612345678';

/** A message from the customer, delivered through the emulator: it opens their 24-hour window. */
export async function customerWrites(emulator: Emulator, text = 'Hi there'): Promise<string> {
	const notification = sampleTextNotification(undefined, text) as {
		entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }>;
	};
	await emulator.deliver(notification);
	return notification.entry[0].changes[0].value.messages[0].id;
}

/** The bodies of the messages the emulator accepted, oldest first. */
export function sentBodies(emulator: Emulator): IDataObject[] {
	return emulator.messages().map(({ body }) => body as IDataObject);
}

/** The one message the emulator accepted, with the envelope every send shares checked. */
export function onlySent(emulator: Emulator): IDataObject {
	const bodies = sentBodies(emulator);
	expect(bodies).toHaveLength(1);
	expect(bodies[0]).toMatchObject({
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: CUSTOMER,
	});
	return bodies[0];
}

export function message(operation: string, parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'message', operation, to: CUSTOMER, ...parameters };
}

/** An input item carrying a file as n8n keeps it in memory (base64), under `property`. */
export function fileItem(
	bytes: Buffer,
	mimeType: string,
	fileName?: string,
	property = 'data',
): INodeExecutionData {
	return {
		json: {},
		binary: {
			[property]: {
				data: bytes.toString('base64'),
				mimeType,
				...(fileName ? { fileName } : {}),
				fileSize: String(bytes.length),
			},
		},
	};
}

/** A WebP header with the VP8X animation flag, padded to `size` bytes. */
export function animatedWebp(size: number): Buffer {
	const bytes = Buffer.alloc(size);
	bytes.write('RIFF', 0, 'latin1');
	bytes.writeUInt32LE(size - 8, 4);
	bytes.write('WEBPVP8X', 8, 'latin1');
	bytes[20] = 0x02;
	return bytes;
}

/** The Template Parameters value as the editor stores it: the fields it loaded, and the values. */
export async function templateParameters(
	emulator: Emulator,
	name: string,
	language: string,
	values: Record<string, string>,
): Promise<INodeParameters> {
	const { fields } = await resourceMapperFields(
		emulator,
		'getTemplateParameters',
		'templateParameters',
		message('sendTemplate', { template: fromList(name), language }),
	);
	return {
		mappingMode: 'defineBelow',
		value: values,
		matchingColumns: [],
		schema: fields as unknown as INodeParameters[],
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
}
