import { invalidParameter } from '../parameters/invalidParameter';
import type { ItemScope } from '../parameters/invalidParameter';

/**
 * WhatsApp's limits on what a message may hold (360dialog's messaging contract §1), checked before
 * any call so that the error names the field. Lengths count characters (code points), so an emoji
 * counts once.
 */
export const LIMITS = {
	textBody: 4096,
	// UNVERIFIED in the contract (§1): 1024 as it says; 360dialog's answer still decides.
	caption: 1024,
	interactiveBody: 1024,
	listBody: 4096,
	headerText: 60,
	footer: 60,
	buttons: 3,
	buttonId: 256,
	buttonTitle: 20,
	listButton: 20,
	listSections: 10,
	listRows: 10,
	rowId: 200,
	rowTitle: 24,
	rowDescription: 72,
	sectionTitle: 24,
} as const;

export function characters(text: string): number {
	return [...text].length;
}

/** A text that must be given and fit its limit; `field` is the parameter's display name. */
export function checkText(scope: ItemScope, field: string, text: string, max: number): void {
	if (text.trim() === '') {
		throw invalidParameter(scope, `${field} is empty`, `Enter the ${field.toLowerCase()}.`);
	}
	checkOptionalText(scope, field, text, max);
}

/** A text that may be left empty but must fit its limit. */
export function checkOptionalText(
	scope: ItemScope,
	field: string,
	text: string,
	max: number,
): void {
	const count = characters(text);
	if (count > max) {
		throw invalidParameter(
			scope,
			`${field} is too long: ${count} characters, at most ${max}`,
			`WhatsApp refuses a ${field.toLowerCase()} over ${max} characters. Shorten it by ${count - max}.`,
		);
	}
}

export function checkCount(
	scope: ItemScope,
	field: string,
	count: number,
	min: number,
	max: number,
): void {
	if (count < min || count > max) {
		throw invalidParameter(
			scope,
			`${count} ${field}: WhatsApp takes ${min === max ? min : `${min} to ${max}`}`,
			min === 1 && count === 0
				? `Add at least one of the ${field.toLowerCase()}.`
				: `Remove ${count - max} of the ${field.toLowerCase()}.`,
		);
	}
}

/** IDs the user picks (button and row IDs) come back in the reply, so they must be unique. */
export function checkUnique(scope: ItemScope, field: string, ids: string[]): void {
	const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
	if (duplicate !== undefined) {
		throw invalidParameter(
			scope,
			`Duplicate ${field} "${duplicate}"`,
			`Each ${field.toLowerCase()} must be unique: the reply names the one the customer picked.`,
		);
	}
}
