import type { IDataObject } from 'n8n-workflow';

import { characters } from '../messages/messageRules';
import { invalidParameter, type ItemScope } from '../parameters/invalidParameter';

/*
 * The business profile's fields as Meta's Business Profiles reference limits them (360dialog's
 * "Set WhatsApp profile information" repeats address 256, description 512, email 128, websites 2
 * and the verticals); checked before the call so that the error names the field.
 */

export const PROFILE_FIELDS =
	'about,address,description,email,profile_picture_url,websites,vertical';

export const PROFILE_LIMITS = {
	about: 139,
	address: 256,
	description: 512,
	email: 128,
	website: 256,
	websites: 2,
} as const;

/** The industries 360dialog's page lists (Meta's newer ones are not confirmed there). */
export const VERTICALS: Array<{ name: string; value: string }> = [
	{ name: 'Apparel', value: 'APPAREL' },
	{ name: 'Automotive', value: 'AUTO' },
	{ name: 'Beauty, Spa and Salon', value: 'BEAUTY' },
	{ name: 'Education', value: 'EDU' },
	{ name: 'Entertainment', value: 'ENTERTAIN' },
	{ name: 'Event Planning and Service', value: 'EVENT_PLAN' },
	{ name: 'Finance and Banking', value: 'FINANCE' },
	{ name: 'Food and Grocery', value: 'GROCERY' },
	{ name: 'Hotel and Lodging', value: 'HOTEL' },
	{ name: 'Medical and Health', value: 'HEALTH' },
	{ name: 'Non-Profit', value: 'NONPROFIT' },
	{ name: 'Not a Business', value: 'NOT_A_BIZ' },
	{ name: 'Other', value: 'OTHER' },
	{ name: 'Professional Services', value: 'PROF_SERVICES' },
	{ name: 'Public Service', value: 'GOVT' },
	{ name: 'Restaurant', value: 'RESTAURANT' },
	{ name: 'Shopping and Retail', value: 'RETAIL' },
	{ name: 'Travel and Transportation', value: 'TRAVEL' },
];

export interface ProfileUpdate {
	about?: string;
	address?: string;
	description?: string;
	email?: string;
	vertical?: string;
	websites?: string | string[];
}

const TEXT_FIELDS = [
	['about', 'About'],
	['address', 'Address'],
	['description', 'Description'],
	['email', 'Email'],
] as const;

function checkLength(scope: ItemScope, field: string, text: string, max: number): void {
	const count = characters(text);
	if (count > max) {
		throw invalidParameter(
			scope,
			`${field} is too long: ${count} characters, at most ${max}`,
			`WhatsApp refuses a profile ${field.toLowerCase()} over ${max} characters.`,
		);
	}
}

/** The websites as a list: from an expression's list, or text separated by commas or new lines. */
function readWebsites(scope: ItemScope, value: string | string[]): string[] {
	const websites = (Array.isArray(value) ? value : value.split(/[,\n]/))
		.map((url) => String(url).trim())
		.filter((url) => url !== '');
	if (websites.length > PROFILE_LIMITS.websites) {
		throw invalidParameter(
			scope,
			`${websites.length} Websites: a profile has at most ${PROFILE_LIMITS.websites}`,
			`Remove ${websites.length - PROFILE_LIMITS.websites} of them.`,
		);
	}
	for (const url of websites) {
		if (!/^https?:\/\/\S+$/i.test(url))
			throw invalidParameter(
				scope,
				`Invalid website "${url}" in Websites`,
				'Enter http(s) URLs, such as https://example.com.',
			);
		checkLength(scope, 'Website', url, PROFILE_LIMITS.website);
	}
	return websites;
}

/** The body of POST /whatsapp_business_profile for the fields given (only those change). */
export function profileBody(scope: ItemScope, update: ProfileUpdate): IDataObject {
	const body: IDataObject = {};
	for (const [key, field] of TEXT_FIELDS) {
		const value = update[key];
		if (value === undefined) continue;
		checkLength(scope, field, value, PROFILE_LIMITS[key]);
		body[key] = value;
	}
	if (
		typeof body.email === 'string' &&
		body.email !== '' &&
		!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)
	) {
		throw invalidParameter(
			scope,
			`Invalid Email "${body.email}"`,
			'Enter an email address such as support@example.com.',
		);
	}
	if (update.vertical !== undefined) {
		if (!VERTICALS.some(({ value }) => value === update.vertical)) {
			throw invalidParameter(
				scope,
				`Invalid Industry "${update.vertical}"`,
				`Choose one of ${VERTICALS.map(({ value }) => value).join(', ')}.`,
			);
		}
		body.vertical = update.vertical;
	}
	if (update.websites !== undefined) body.websites = readWebsites(scope, update.websites);
	return body;
}
