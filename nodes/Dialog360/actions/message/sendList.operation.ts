import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { readFieldsOrJson } from '../../helpers/parameters/fieldsOrJson';
import { readInteractiveFrame } from '../../helpers/messages/interactive';
import {
	checkCount,
	checkOptionalText,
	checkText,
	checkUnique,
	LIMITS,
} from '../../helpers/messages/messageRules';
import { sendMessage } from '../../helpers/messages/sendMessage';
import {
	bodyTextProperty,
	footerProperty,
	headerProperties,
} from '../common/interactive.description';
import { sendOptionsProperty, toProperty } from '../common/message.description';
import { specifyInputProperty } from '../common/specifyInput.description';

const EXAMPLE =
	'[{"title": "Pizza", "rows": [{"id": "margherita", "title": "Margherita", "description": "Tomato, mozzarella"}]}]';

const text = z.union([z.string(), z.number()]).transform(String);
const sectionsSchema = z.array(
	z.object({
		title: text.optional(),
		rows: z.array(z.object({ id: text, title: text, description: text.optional() })),
	}),
);

type Section = z.infer<typeof sectionsSchema>[number];

interface SectionRows {
	section?: Array<{
		title?: string;
		rows?: { row?: Array<{ id?: string; title?: string; description?: string }> };
	}>;
}

const properties: INodeProperties[] = [
	toProperty,
	bodyTextProperty(LIMITS.listBody),
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. See options',
		description: `The label of the button that opens the list, up to ${LIMITS.listButton} characters`,
	},
	specifyInputProperty('specifySections', 'Specify Sections', 'How to give the sections and rows'),
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Section' },
		placeholder: 'Add Section',
		default: {},
		description: `Up to ${LIMITS.listSections} sections with at most ${LIMITS.listRows} rows in all. The reply carries the picked row's ID and title.`,
		displayOptions: { show: { specifySections: ['fields'] } },
		options: [
			{
				displayName: 'Section',
				name: 'section',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: `Up to ${LIMITS.sectionTitle} characters; needed when there is more than one section`,
					},
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Row' },
						placeholder: 'Add Row',
						default: {},
						options: [
							{
								displayName: 'Row',
								name: 'row',
								values: [
									{
										displayName: 'ID',
										name: 'id',
										type: 'string',
										default: '',
										description: `The ID the reply carries, up to ${LIMITS.rowId} characters, unique in the list`,
									},
									{
										displayName: 'Title',
										name: 'title',
										type: 'string',
										default: '',
										description: `Up to ${LIMITS.rowTitle} characters`,
									},
									{
										displayName: 'Description',
										name: 'description',
										type: 'string',
										default: '',
										description: `Optional, up to ${LIMITS.rowDescription} characters`,
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Sections (JSON)',
		name: 'sectionsJson',
		type: 'json',
		default: EXAMPLE,
		description: `An array of sections with rows, such as ${EXAMPLE}`,
		displayOptions: { show: { specifySections: ['json'] } },
	},
	...headerProperties(false),
	footerProperty,
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendList'] } },
	properties,
);

function sectionsFromFields(rows: SectionRows): Section[] {
	return (rows.section ?? []).map(({ title = '', rows: sectionRows }) => ({
		title,
		rows: (sectionRows?.row ?? []).map(({ id = '', title: rowTitle = '', description = '' }) => ({
			id,
			title: rowTitle,
			description,
		})),
	}));
}

function readSections(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const scope = { node: context.getNode(), itemIndex };
	const sections = readFieldsOrJson(context, itemIndex, {
		choice: 'specifySections',
		fields: () =>
			sectionsFromFields(context.getNodeParameter('sections', itemIndex, {}) as SectionRows),
		jsonName: 'sectionsJson',
		jsonField: 'Sections (JSON)',
		schema: sectionsSchema,
		example: EXAMPLE,
	});
	checkCount(scope, 'Sections', sections.length, 1, LIMITS.listSections);
	const rows = sections.flatMap((section) => section.rows);
	checkCount(scope, 'Rows', rows.length, 1, LIMITS.listRows);
	for (const [index, section] of sections.entries()) {
		const name = `Section ${index + 1}`;
		if (sections.length > 1)
			checkText(scope, `${name} Title`, section.title ?? '', LIMITS.sectionTitle);
		else checkOptionalText(scope, `${name} Title`, section.title ?? '', LIMITS.sectionTitle);
		if (section.rows.length === 0) checkCount(scope, `Rows in ${name}`, 0, 1, LIMITS.listRows);
		for (const [rowIndex, row] of section.rows.entries()) {
			const rowName = `${name} Row ${rowIndex + 1}`;
			checkText(scope, `${rowName} ID`, row.id, LIMITS.rowId);
			checkText(scope, `${rowName} Title`, row.title, LIMITS.rowTitle);
			checkOptionalText(
				scope,
				`${rowName} Description`,
				row.description ?? '',
				LIMITS.rowDescription,
			);
		}
	}
	checkUnique(
		scope,
		'Row ID',
		rows.map(({ id }) => id),
	);
	return sections.map(({ title, rows: sectionRows }) => ({
		...(title ? { title } : {}),
		rows: sectionRows.map(({ id, title: rowTitle, description }) => ({
			id,
			title: rowTitle,
			...(description ? { description } : {}),
		})),
	}));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const frame = readInteractiveFrame(this, itemIndex, LIMITS.listBody);
	const buttonText = this.getNodeParameter('buttonText', itemIndex, '') as string;
	checkText({ node: this.getNode(), itemIndex }, 'Button Text', buttonText, LIMITS.listButton);
	const sections = readSections(this, itemIndex);
	return await sendMessage(this, itemIndex, 'interactive', {
		type: 'list',
		...frame,
		action: { button: buttonText, sections },
	});
}
