import {
	duplicateNames,
	headerNamesProblem,
	MAX_DESTINATIONS,
	webhookUrlProblem,
} from '../../../shared/webhookRules';
import { invalidParameter } from '../parameters/invalidParameter';
import type { ItemScope } from '../parameters/invalidParameter';
import type { HeaderMap } from '../../../shared/webhooks/webhook';
import type { MultiWebhookDestination as Destination } from '../../../shared/webhooks/multiWebhook';

/**
 * 360dialog's documented rules, checked before any call so that the user learns which field is
 * wrong instead of getting a vague 400 (or a change that half applies).
 */

export function checkWebhookUrl(scope: ItemScope, url: string, field: string): void {
	const problem = webhookUrlProblem(url);
	if (problem) throw invalidParameter(scope, `Invalid ${field} "${url}"`, `${problem}.`);
}

export function checkHeaderNames(scope: ItemScope, headers: HeaderMap): void {
	for (const name of Object.keys(headers)) {
		const problem = headerNamesProblem({ [name]: '' });
		if (problem) throw invalidParameter(scope, `Invalid Header Name "${name}"`, `${problem}.`);
	}
}

export function checkDestinationName(scope: ItemScope, name: string): void {
	if (name.trim() === '') {
		throw invalidParameter(
			scope,
			'Destination Name is empty',
			'Pick a destination from the list or enter its exact name (names are case-sensitive).',
		);
	}
}

/** The rules a request's own destinations must follow, whatever the number already has. */
export function checkNewDestinations(scope: ItemScope, destinations: Destination[]): void {
	for (const { name, url, headers } of destinations) {
		if (name.trim() === '') {
			throw invalidParameter(
				scope,
				'Destination Name is empty',
				"Give every destination a name: 360dialog uses it as the destination's ID (case-sensitive).",
			);
		}
		checkWebhookUrl(scope, url, 'Destination URL');
		checkHeaderNames(scope, headers);
	}
	const [duplicate] = duplicateNames(destinations.map(({ name }) => name));
	if (duplicate !== undefined) {
		throw invalidParameter(
			scope,
			`Duplicate Destination Name "${duplicate}"`,
			'Each destination needs its own name. Names are case-sensitive: "webhook" and "WEBhook" are two names.',
		);
	}
	if (destinations.length > MAX_DESTINATIONS) {
		throw tooManyDestinations(scope, 0, destinations.length);
	}
}

/** What 360dialog would refuse given what the number already has. */
export function checkAgainstExisting(
	scope: ItemScope,
	destinations: Destination[],
	existing: Destination[],
): void {
	const existingNames = new Set(existing.map(({ name }) => name));
	const taken = destinations.find(({ name }) => existingNames.has(name));
	if (taken) {
		throw invalidParameter(
			scope,
			`Destination Name "${taken.name}" already exists`,
			`This number already has a destination called "${taken.name}". Choose another name, or change the existing one with the Update Destination operation.`,
		);
	}
	if (existing.length + destinations.length > MAX_DESTINATIONS) {
		throw tooManyDestinations(scope, existing.length, destinations.length);
	}
}

function tooManyDestinations(scope: ItemScope, existing: number, added: number) {
	return invalidParameter(
		scope,
		`Too many Destinations: ${existing + added} of at most ${MAX_DESTINATIONS}`,
		`360dialog allows at most ${MAX_DESTINATIONS} destinations per phone number and the limit cannot be raised. The number has ${existing} and this adds ${added}: remove one first with the Delete Destination operation.`,
	);
}
