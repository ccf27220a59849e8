import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../../helpers/calls/options';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import {
	buildTemplateComponents,
	TEMPLATE_CATEGORIES,
	TEMPLATE_LIMITS,
	checkTemplateName,
	type ButtonSpec,
	type HeaderSpec,
	type VariableExample,
} from '../../helpers/templates/newTemplate';
import { readOptionsProperty } from '../common/apply.description';
import { templateLanguageProperty, templateNameProperty } from './template.description';

// Meta's language codes: en, en_US, pt_BR, zh_CN, fil, ...
const LANGUAGE = /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/;

const examplesProperty = (
	name: string,
	displayName: string,
	show?: Record<string, string[]>,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Example' },
	placeholder: 'Add Example',
	default: {},
	description:
		'An example value for each variable, for WhatsApp\'s review: Variable is the number ("1") or the name ("order_id") between the braces',
	...(show ? { displayOptions: { show } } : {}),
	options: [
		{
			displayName: 'Example',
			name: 'example',
			values: [
				{
					displayName: 'Variable',
					name: 'variable',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1 or order_id',
				},
				{
					displayName: 'Example Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. Lena',
				},
			],
		},
	],
});

const properties: INodeProperties[] = [
	templateNameProperty(`Lowercase letters, digits and underscores, up to 512 characters`),
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'UTILITY',
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION', description: 'One-time passwords' },
			{ name: 'Marketing', value: 'MARKETING', description: 'Offers, news, invitations' },
			{
				name: 'Utility',
				value: 'UTILITY',
				description: 'Updates on an order or account the customer asked for',
			},
		],
	},
	{ ...templateLanguageProperty, required: true, description: "The template's language code" },
	{
		displayName: 'Header',
		name: 'headerFormat',
		type: 'options',
		default: 'NONE',
		options: [
			{ name: 'Document', value: 'DOCUMENT' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Location', value: 'LOCATION' },
			{ name: 'None', value: 'NONE' },
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Video', value: 'VIDEO' },
		],
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		placeholder: 'e.g. Order {{1}}',
		description: `Up to ${TEMPLATE_LIMITS.headerText} characters, at most one variable`,
		displayOptions: { show: { headerFormat: ['TEXT'] } },
	},
	examplesProperty('headerExamples', 'Header Examples', { headerFormat: ['TEXT'] }),
	{
		displayName: 'Header Sample',
		name: 'headerSample',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/sample.jpg',
		description: "A sample file for WhatsApp's review: a public URL of one, or an upload handle",
		displayOptions: { show: { headerFormat: ['IMAGE', 'VIDEO', 'DOCUMENT'] } },
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{1}}, your order {{2}} ships today.',
		description: `Up to ${TEMPLATE_LIMITS.body} characters. Variables: numbered {{1}}, {{2}}, … or named {{first_name}}, not both.`,
	},
	examplesProperty('bodyExamples', 'Body Examples'),
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		description: `Small grey text, up to ${TEMPLATE_LIMITS.footer} characters. Leave empty for none.`,
	},
	{
		displayName: 'Buttons',
		name: 'templateButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
		placeholder: 'Add Button',
		default: {},
		description: `Up to ${TEMPLATE_LIMITS.buttons}: quick replies, up to ${TEMPLATE_LIMITS.urlButtons} URL buttons, one phone number, one copy code`,
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Example Code',
						name: 'couponCode',
						type: 'string',
						default: '',
						placeholder: 'e.g. SAVE10',
						description: `Copy code buttons: an example code, up to ${TEMPLATE_LIMITS.couponCode} characters (each send gives the real one)`,
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: 'e.g. +49 30 1234567',
						description: `Phone number buttons: with its country code, up to ${TEMPLATE_LIMITS.phoneNumber} characters`,
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						description: `The label, up to ${TEMPLATE_LIMITS.buttonText} characters (a copy code button has WhatsApp's own)`,
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'QUICK_REPLY',
						options: [
							{ name: 'Copy Code', value: 'COPY_CODE' },
							{ name: 'Phone Number', value: 'PHONE_NUMBER' },
							{ name: 'Quick Reply', value: 'QUICK_REPLY' },
							{ name: 'URL', value: 'URL' },
						],
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/orders/{{1}}',
						description: 'URL buttons: an http(s) URL, optionally ending in the variable {{1}}',
					},
					{
						displayName: 'URL Example',
						name: 'urlExample',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/orders/4711',
						description: 'URL buttons with {{1}}: an example of the full URL',
					},
				],
			},
		],
	},
	{
		displayName: 'Allow Category Change',
		name: 'allowCategoryChange',
		type: 'boolean',
		default: false,
		description:
			'Whether WhatsApp may move the template to the category it finds right instead of rejecting it',
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['create'] } },
	properties,
);

type Rows<T> = { [key: string]: T[] | undefined };

function readExamples(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): VariableExample[] {
	const { example = [] } = context.getNodeParameter(name, itemIndex, {}) as Rows<
		Partial<VariableExample>
	>;
	return example.map(({ variable = '', value = '' }) => ({
		variable: String(variable),
		value: String(value),
	}));
}

function readHeader(context: IExecuteFunctions, itemIndex: number): HeaderSpec {
	const format = context.getNodeParameter(
		'headerFormat',
		itemIndex,
		'NONE',
	) as HeaderSpec['format'];
	if (format === 'TEXT') {
		const text = context.getNodeParameter('headerText', itemIndex, '') as string;
		return { format, text, examples: readExamples(context, 'headerExamples', itemIndex) };
	}
	if (format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT') {
		return { format, sample: context.getNodeParameter('headerSample', itemIndex, '') as string };
	}
	return { format } as HeaderSpec;
}

function readButtons(context: IExecuteFunctions, itemIndex: number): ButtonSpec[] {
	const { button = [] } = context.getNodeParameter('templateButtons', itemIndex, {}) as Rows<
		Partial<ButtonSpec>
	>;
	return button.map((row) => ({
		type: row.type ?? 'QUICK_REPLY',
		text: row.text ?? '',
		url: (row.url ?? '').trim(),
		urlExample: row.urlExample ?? '',
		phoneNumber: (row.phoneNumber ?? '').trim(),
		couponCode: row.couponCode ?? '',
	}));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const name = checkTemplateName(
		scope,
		this.getNodeParameter('templateName', itemIndex, '') as string,
	);
	const category = this.getNodeParameter('category', itemIndex) as string;
	if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
		throw invalidParameter(
			scope,
			`Invalid Category "${category}"`,
			`Choose one of ${TEMPLATE_CATEGORIES.join(', ')}.`,
		);
	}
	const language = (this.getNodeParameter('language', itemIndex, '') as string).trim();
	if (!LANGUAGE.test(language)) {
		throw invalidParameter(
			scope,
			language === '' ? 'Language is empty' : `Invalid Language "${language}"`,
			"Enter WhatsApp's language code, such as en_US, de or pt_BR.",
		);
	}
	const { components, named } = buildTemplateComponents(scope, {
		header: readHeader(this, itemIndex),
		body: this.getNodeParameter('body', itemIndex, '') as string,
		bodyExamples: readExamples(this, 'bodyExamples', itemIndex),
		footer: this.getNodeParameter('footer', itemIndex, '') as string,
		buttons: readButtons(this, itemIndex),
	});
	const allowCategoryChange = this.getNodeParameter(
		'allowCategoryChange',
		itemIndex,
		false,
	) as boolean;
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	const answer = await callDialog360(this, 'POST', '/v1/configs/templates', {
		body: {
			name,
			category,
			language,
			// Meta's flag for {{name}} variables; templates with {{1}} send none (the default).
			...(named ? { parameter_format: 'NAMED' } : {}),
			...(allowCategoryChange ? { allow_category_change: true } : {}),
			components,
		},
		timeoutMs: requestTimeoutMs,
	});
	return { name, language, category, id: answer.id, status: answer.status, raw: answer };
}
