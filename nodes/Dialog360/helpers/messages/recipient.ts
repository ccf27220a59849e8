import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../parameters/invalidParameter';

// Separators people type in phone numbers; WhatsApp wants the digits with the country code.
const SEPARATORS = /[\s+().-]/g;

/** The digits WhatsApp takes for a phone number or WhatsApp ID, or undefined if it is neither. */
export function whatsAppDigits(raw: string): string | undefined {
	const digits = raw.replace(SEPARATORS, '');
	return /^[1-9]\d{6,14}$/.test(digits) ? digits : undefined;
}

/**
 * The To parameter as WhatsApp takes it: digits with the country code (7 to 15, E.164), from a
 * phone number as people write it ("+49 176 123-4567") or a WhatsApp ID ("4917612345678").
 */
export function readRecipient(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(context.getNodeParameter('to', itemIndex, '') ?? '');
	const digits = whatsAppDigits(raw);
	if (digits === undefined) {
		throw invalidParameter(
			{ node: context.getNode(), itemIndex },
			raw.trim() === '' ? 'To is empty' : `Invalid To "${raw}"`,
			'Enter a phone number with its country code, such as +49 176 1234567, or a WhatsApp ID such as 4917612345678 (the "from" of a message the trigger received). No leading 0 or 00.',
		);
	}
	return digits;
}
