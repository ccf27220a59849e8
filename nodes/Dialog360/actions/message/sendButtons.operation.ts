import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { readFieldsOrJson } from '../../helpers/parameters/fieldsOrJson';
import { readInteractiveFrame } from '../../helpers/messages/interactive';
import { checkCount, checkText, checkUnique, LIMITS } from '../../helpers/messages/messageRules';
import { sendMessage } from '../../helpers/messages/sendMessage';
import {
	bodyTextProperty,
	footerProperty,
	headerProperties,
} from '../common/interactive.description';
import { sendOptionsProperty, toProperty } from '../common/message.description';
import { specifyInputProperty } from '../common/specifyInput.description';

const EXAMPLE = '[{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}]';

const idOrNumber = z.union([z.string(), z.number()]).transform(String);
const buttonsSchema = z.array(z.object({ id: idOrNumber, title: idOrNumber }));

type Button = z.infer<typeof buttonsSchema>[number];

const properties: INodeProperties[] = [
	toProperty,
	bodyTextProperty(LIMITS.interactiveBody),
	specifyInputProperty('specifyButtons', 'Specify Buttons', 'How to give the buttons'),
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
		placeholder: 'Add Button',
		default: {},
		description: `1 to ${LIMITS.buttons} reply buttons. The customer's reply carries the ID and title of the button they tapped (in the trigger's item under "reply").`,
		displayOptions: { show: { specifyButtons: ['fields'] } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. confirm',
						description: `The ID the reply carries, up to ${LIMITS.buttonId} characters, unique in the message`,
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'e.g. Confirm',
						description: `The button's label, up to ${LIMITS.buttonTitle} characters, unique in the message`,
					},
				],
			},
		],
	},
	{
		displayName: 'Buttons (JSON)',
		name: 'buttonsJson',
		type: 'json',
		default: EXAMPLE,
		description: `An array of 1 to ${LIMITS.buttons} buttons, such as ${EXAMPLE}`,
		displayOptions: { show: { specifyButtons: ['json'] } },
	},
	...headerProperties(true),
	footerProperty,
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendButtons'] } },
	properties,
);

function readButtons(context: IExecuteFunctions, itemIndex: number): Button[] {
	const scope = { node: context.getNode(), itemIndex };
	const buttons = readFieldsOrJson(context, itemIndex, {
		choice: 'specifyButtons',
		fields: () => {
			const { button = [] } = context.getNodeParameter('buttons', itemIndex, {}) as {
				button?: Array<{ id?: string; title?: string }>;
			};
			return button.map(({ id = '', title = '' }) => ({ id, title }));
		},
		jsonName: 'buttonsJson',
		jsonField: 'Buttons (JSON)',
		schema: buttonsSchema,
		example: EXAMPLE,
	});
	checkCount(scope, 'Buttons', buttons.length, 1, LIMITS.buttons);
	for (const [index, { id, title }] of buttons.entries()) {
		checkText(scope, `Button ${index + 1} ID`, id, LIMITS.buttonId);
		checkText(scope, `Button ${index + 1} Title`, title, LIMITS.buttonTitle);
	}
	checkUnique(
		scope,
		'Button ID',
		buttons.map(({ id }) => id),
	);
	checkUnique(
		scope,
		'Button Title',
		buttons.map(({ title }) => title),
	);
	return buttons;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const frame = readInteractiveFrame(this, itemIndex, LIMITS.interactiveBody);
	const buttons = readButtons(this, itemIndex);
	return await sendMessage(this, itemIndex, 'interactive', {
		type: 'button',
		...frame,
		action: {
			buttons: buttons.map(({ id, title }) => ({ type: 'reply', reply: { id, title } })),
		},
	});
}
