import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	ResourceMapperField,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOptions } from '../../helpers/calls/options';
import type { MediaKind } from '../../helpers/media/mediaRules';
import { uploadBinary, type UploadedMedia } from '../../helpers/media/mediaUpload';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { readJsonParameter } from '../../helpers/parameters/jsonParameter';
import { sendMessage } from '../../helpers/messages/sendMessage';
import {
	componentKeyOf,
	componentsFromFields,
	keyOfComponent,
} from '../../helpers/templates/templateParameters';
import type { ItemScope } from '../../helpers/parameters/invalidParameter';
import { sendOptionsProperty, toProperty } from '../common/message.description';

const COMPONENTS_FIELD = 'Components (JSON)';
/** The Template Parameters field of a media header (templateParameters.ts names it so). */
const MEDIA_HEADER_FIELD = /^header:(image|video|document)$/;
const COMPONENTS_EXAMPLE =
	'[{"type": "header", "parameters": [{"type": "location", "location": {"latitude": 52.52, "longitude": 13.4, "name": "Shop", "address": "Main St 1"}}]}]';

const properties: INodeProperties[] = [
	toProperty,
	{
		displayName: 'Template',
		name: 'template',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'An approved template of this number. Templates can be sent at any time, also outside the 24-hour window.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a template...',
				typeOptions: { searchListMethod: 'getTemplates', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. order_update',
			},
		],
	},
	{
		displayName: 'Language Name or ID',
		name: 'language',
		type: 'options',
		required: true,
		default: '',
		typeOptions: {
			loadOptionsMethod: 'getTemplateLanguages',
			loadOptionsDependsOn: ['template.value'],
		},
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The language code of the template, such as en_US',
	},
	{
		displayName: 'Template Parameters',
		name: 'templateParameters',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		description: 'A field for each parameter of the chosen template: its header, body and buttons',
		typeOptions: {
			loadOptionsDependsOn: ['template.value', 'language'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateParameters',
				mode: 'add',
				fieldWords: { singular: 'parameter', plural: 'parameters' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This template has no parameters to fill in',
			},
		},
	},
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default: '[]',
		description: `Template components WhatsApp takes as they are, for what the fields do not cover (a location header, currency or date parameters). A component here replaces the one the fields build for the same part. Example: ${COMPONENTS_EXAMPLE}`,
	},
	{
		displayName: 'Header File (Binary Field)',
		name: 'headerBinaryField',
		type: 'string',
		default: '',
		placeholder: 'e.g. data',
		description:
			"For a template with an image, video or document header: the input binary field holding the file, uploaded to 360dialog first and sent by its media ID. Leave empty to give the header's URL or media ID in Template Parameters.",
	},
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);

interface MapperValue {
	value?: IDataObject | null;
	schema?: ResourceMapperField[];
}

function readComponentsJson(context: IExecuteFunctions, scope: ItemScope): IDataObject[] {
	const value =
		readJsonParameter(context, 'componentsJson', COMPONENTS_FIELD, scope.itemIndex) ?? [];
	const list = Array.isArray(value) ? value : [value];
	for (const [index, component] of list.entries()) {
		const type = (component as IDataObject | null)?.type;
		if (typeof component !== 'object' || component === null || typeof type !== 'string') {
			throw invalidParameter(
				scope,
				`Invalid ${COMPONENTS_FIELD}: entry ${index + 1} needs a "type" (header, body or button)`,
				`Expected an array such as ${COMPONENTS_EXAMPLE}.`,
			);
		}
	}
	return list as IDataObject[];
}

function readName(context: IExecuteFunctions, scope: ItemScope): string {
	const name = String(
		context.getNodeParameter('template', scope.itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (name === '') {
		throw invalidParameter(
			scope,
			'Template is empty',
			'Pick an approved template from the list or enter its exact name.',
		);
	}
	return name;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const name = readName(this, scope);
	const language = String(this.getNodeParameter('language', itemIndex, '') ?? '').trim();
	if (language === '') {
		throw invalidParameter(
			scope,
			'Language is empty',
			`Pick a language of ${name}, such as en_US.`,
		);
	}
	const json = readComponentsJson(this, scope);
	const covered = new Set(json.map(keyOfComponent));
	const { value, schema = [] } = this.getNodeParameter(
		'templateParameters',
		itemIndex,
		{},
	) as MapperValue;
	const fields = schema
		.filter(({ removed, id }) => !removed && !covered.has(componentKeyOf(id)))
		.map(({ id, displayName, required }) => ({
			id,
			displayName,
			required,
			value: value?.[id] === undefined || value[id] === null ? '' : String(value[id]),
		}));
	const headerFile = String(this.getNodeParameter('headerBinaryField', itemIndex, '') ?? '').trim();
	// The count WhatsApp checks (132000), checked here with the template as the editor loaded it;
	// a media header the Header File fills is filled after these checks, by the upload.
	const needsValue = (field: { id: string; required?: boolean }) =>
		field.required === true || MEDIA_HEADER_FIELD.test(field.id);
	const missing = fields.find(
		(field) =>
			needsValue(field) &&
			field.value.trim() === '' &&
			!(headerFile !== '' && MEDIA_HEADER_FIELD.test(field.id)),
	);
	if (missing) {
		const part = componentKeyOf(missing.id).split(':')[0];
		const count = fields.filter(
			(field) => componentKeyOf(field.id).split(':')[0] === part && needsValue(field),
		).length;
		const orFile = MEDIA_HEADER_FIELD.test(missing.id) ? ', give a Header File' : '';
		throw invalidParameter(
			scope,
			`Template parameter "${missing.displayName}" is empty`,
			`${name} (${language}) has ${count} ${part} parameter${count === 1 ? '' : 's'}, and WhatsApp refuses the template (132000) unless each gets a value. Fill it in${orFile}, or give the ${part} in ${COMPONENTS_FIELD}.`,
		);
	}
	const uploaded = headerFile ? await uploadHeaderFile(this, scope, headerFile, fields) : undefined;
	const components = [...componentsFromFields(fields), ...json];
	const item = await sendMessage(this, itemIndex, 'template', {
		name,
		language: { code: language },
		...(components.length > 0 ? { components } : {}),
	});
	return uploaded ? { ...item, media: uploaded } : item;
}

/**
 * The Header File: uploaded as Send Media uploads a binary file (its type and size checked for
 * the header's kind), its media ID then fills the header's field.
 */
async function uploadHeaderFile(
	context: IExecuteFunctions,
	scope: ItemScope,
	property: string,
	fields: Array<{ id: string; value: string }>,
): Promise<UploadedMedia> {
	const header = fields.find(({ id }) => MEDIA_HEADER_FIELD.test(id));
	if (!header) {
		throw invalidParameter(
			scope,
			'Header File (Binary Field) is set, but the template has no image, video or document header to fill',
			`Clear Header File, or pick a template with a media header (a header given in ${COMPONENTS_FIELD} is sent as it is).`,
		);
	}
	const { requestTimeoutMs } = readOptions(context, scope.itemIndex);
	const uploaded = await uploadBinary(context, scope.itemIndex, {
		property,
		kind: header.id.split(':')[1] as MediaKind,
		timeoutMs: requestTimeoutMs,
	});
	header.value = uploaded.id;
	return uploaded;
}
