import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { readFieldsOrJson } from '../../helpers/parameters/fieldsOrJson';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { checkText } from '../../helpers/messages/messageRules';
import { sendMessage } from '../../helpers/messages/sendMessage';
import { sendOptionsProperty, toProperty } from '../common/message.description';
import { specifyInputProperty } from '../common/specifyInput.description';

const EXAMPLE =
	'[{"name": {"formatted_name": "Ana Silva", "first_name": "Ana"}, "phones": [{"phone": "+49 30 1234567", "type": "WORK"}]}]';

// Contact cards as WhatsApp takes them (contract §1): formatted_name is required, the rest is
// passed through as given (addresses, org, urls, birthday, ...).
const contactsSchema = z.array(
	z
		.looseObject({ name: z.looseObject({ formatted_name: z.string() }) })
		.transform((contact) => contact as IDataObject),
);

interface ContactRow {
	formattedName?: string;
	firstName?: string;
	lastName?: string;
	phone?: string;
	phoneType?: string;
	waId?: string;
	email?: string;
	company?: string;
}

const contactFields: INodeProperties[] = [
	{
		displayName: 'Formatted Name',
		name: 'formattedName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ana Silva',
		description: 'The name shown on the card (required)',
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +49 30 1234567',
	},
	{
		displayName: 'Phone Type',
		name: 'phoneType',
		type: 'options',
		default: 'CELL',
		options: [
			{ name: 'Cell', value: 'CELL' },
			{ name: 'Home', value: 'HOME' },
			{ name: 'iPhone', value: 'IPHONE' },
			{ name: 'Main', value: 'MAIN' },
			{ name: 'Work', value: 'WORK' },
		],
	},
	{
		displayName: 'WhatsApp ID',
		name: 'waId',
		type: 'string',
		default: '',
		description: "The phone's WhatsApp ID, which adds a Message button to the card. Optional.",
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
];

const properties: INodeProperties[] = [
	toProperty,
	specifyInputProperty('specifyContacts', 'Specify Contacts', 'How to give the contact cards'),
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Contact' },
		placeholder: 'Add Contact',
		default: {},
		description: 'The contact cards to send; for addresses, links or several phones use JSON',
		displayOptions: { show: { specifyContacts: ['fields'] } },
		options: [{ displayName: 'Contact', name: 'contact', values: contactFields }],
	},
	{
		displayName: 'Contacts (JSON)',
		name: 'contactsJson',
		type: 'json',
		default: EXAMPLE,
		description: `An array of contact cards as WhatsApp takes them, such as ${EXAMPLE}`,
		displayOptions: { show: { specifyContacts: ['json'] } },
	},
	sendOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendContacts'] } },
	properties,
);

function contactFromRow(row: ContactRow): IDataObject {
	const name: IDataObject = { formatted_name: row.formattedName ?? '' };
	if (row.firstName) name.first_name = row.firstName;
	if (row.lastName) name.last_name = row.lastName;
	const contact: IDataObject = { name };
	if (row.phone) {
		contact.phones = [
			{ phone: row.phone, type: row.phoneType ?? 'CELL', ...(row.waId ? { wa_id: row.waId } : {}) },
		];
	}
	if (row.email) contact.emails = [{ email: row.email, type: 'WORK' }];
	if (row.company) contact.org = { company: row.company };
	return contact;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const contacts = readFieldsOrJson(this, itemIndex, {
		choice: 'specifyContacts',
		fields: () => {
			const { contact = [] } = this.getNodeParameter('contacts', itemIndex, {}) as {
				contact?: ContactRow[];
			};
			return contact.map(contactFromRow);
		},
		jsonName: 'contactsJson',
		jsonField: 'Contacts (JSON)',
		schema: contactsSchema,
		example: EXAMPLE,
	});
	if (contacts.length === 0) {
		throw invalidParameter(scope, 'No Contacts', 'Add at least one contact card.');
	}
	for (const [index, contact] of contacts.entries()) {
		const name = (contact.name ?? {}) as IDataObject;
		checkText(
			scope,
			`Contact ${index + 1} Formatted Name`,
			String(name.formatted_name ?? ''),
			Infinity,
		);
	}
	return await sendMessage(this, itemIndex, 'contacts', contacts);
}
