import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callDialog360 } from '../../../shared/transport';
import { readOptions } from '../../helpers/calls/options';
import {
	profileBody,
	PROFILE_LIMITS,
	VERTICALS,
	type ProfileUpdate,
} from '../../helpers/businessProfile/profileFields';
import { uploadProfilePhoto } from '../../helpers/businessProfile/profilePhoto';
import { readProfile } from '../../helpers/businessProfile/readProfile';
import { invalidParameter } from '../../helpers/parameters/invalidParameter';
import { readOptionsProperty } from '../common/apply.description';

const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others stay as they are',
		options: [
			{
				displayName: 'About',
				name: 'about',
				type: 'string',
				default: '',
				description: `The short text under the name, up to ${PROFILE_LIMITS.about} characters`,
			},
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				description: `Up to ${PROFILE_LIMITS.address} characters`,
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 3 },
				description: `Up to ${PROFILE_LIMITS.description} characters`,
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: `Up to ${PROFILE_LIMITS.email} characters`,
			},
			{
				displayName: 'Industry',
				name: 'vertical',
				type: 'options',
				default: 'OTHER',
				options: VERTICALS,
				description: 'Once set, WhatsApp does not let it be emptied again',
			},
			{
				displayName: 'Profile Photo (Binary Field)',
				name: 'profilePhotoBinaryField',
				type: 'string',
				default: 'data',
				description:
					'The input binary field holding a JPEG or PNG photo (for example from a Read/Write Files or HTTP Request node). It is uploaded to 360dialog first.',
			},
			{
				displayName: 'Websites',
				name: 'websites',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com, https://shop.example.com',
				description: `Up to ${PROFILE_LIMITS.websites} http(s) URLs, separated by commas`,
			},
		],
	},
	readOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['businessProfile'], operation: ['update'] } },
	properties,
);

/** Sends the given fields (and the photo's handle), then outputs the profile as WhatsApp now shows it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scope = { node: this.getNode(), itemIndex };
	const { profilePhotoBinaryField, ...fields } = this.getNodeParameter(
		'updateFields',
		itemIndex,
		{},
	) as ProfileUpdate & {
		profilePhotoBinaryField?: string;
	};
	const body = profileBody(scope, fields);
	if (Object.keys(body).length === 0 && profilePhotoBinaryField === undefined) {
		throw invalidParameter(
			scope,
			'Nothing to update',
			'Add at least one field under Update Fields.',
		);
	}
	const { requestTimeoutMs } = readOptions(this, itemIndex);
	if (profilePhotoBinaryField !== undefined) {
		const property = profilePhotoBinaryField.trim() || 'data';
		body.profile_picture_handle = await uploadProfilePhoto(
			this,
			itemIndex,
			property,
			requestTimeoutMs,
		);
	}
	await callDialog360(this, 'POST', '/whatsapp_business_profile', {
		body: { messaging_product: 'whatsapp', ...body },
		timeoutMs: requestTimeoutMs,
	});
	const updated = Object.keys(body).map((key) =>
		key === 'profile_picture_handle' ? 'profile_photo' : key,
	);
	return { updated, profile: await readProfile(this, requestTimeoutMs) };
}
