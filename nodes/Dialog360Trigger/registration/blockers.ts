import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Blocker } from './plan';

const listed = (destinations: Array<{ name: string; url: string }>) =>
	destinations.map(({ name, url }) => `"${name}" (${url})`).join(', ');

/** Names and URLs only: other destinations' headers often carry their own secrets. */
export function blockerError(node: INode, blocker: Blocker): NodeOperationError {
	switch (blocker.kind) {
		case 'noMainWebhook':
			return new NodeOperationError(
				node,
				'This phone number has no main webhook, so 360dialog would deliver nothing to this trigger',
				{
					description:
						"360dialog copies a notification to extra (multi-webhook) destinations such as this trigger's only after the number's main webhook answered it with 200, and neither a phone-number webhook nor a WABA webhook is set. Set one with the 360dialog node (Phone Number Webhook → Set), or set this trigger's Main Webhook to \"Use This Trigger When None Is Set\", then activate again.",
				},
			);
		case 'mainAtOurUrl':
			return new NodeOperationError(
				node,
				`The phone number's main webhook is this trigger's URL (${blocker.url}) without the secret header this workflow holds, so the trigger would refuse every notification`,
				{
					description:
						'360dialog would get 401 from the main webhook and then deliver to no destination at all. Set the main webhook to another URL with the 360dialog node (Phone Number Webhook → Set), or, to have this trigger be the main webhook, clear it there and choose Main Webhook "Use This Trigger When None Is Set", then activate again.',
				},
			);
		case 'foreignSameName':
			return new NodeOperationError(
				node,
				`A multi-webhook destination named "${blocker.destination.name}" (${blocker.destination.url}) exists, but its secret header is not one this workflow holds`,
				{
					description:
						'This trigger only changes or removes destinations it made itself, and this one was not made by this workflow on this n8n. If it is a leftover (for example of an activation whose answer from 360dialog was lost), delete it with the 360dialog node\'s "Delete Destination" operation (Multi-Webhook resource), then activate again.',
				},
			);
		case 'disabledWithOthers':
			return new NodeOperationError(
				node,
				`Multi-webhook is switched off on this phone number but still lists ${blocker.others.length === 1 ? 'another destination' : `${blocker.others.length} other destinations`}: ${listed(blocker.others)}`,
				{
					description:
						'Switching multi-webhook on for this trigger would make 360dialog deliver to them again, and someone switched them off. If they should receive again, enable multi-webhook with the 360dialog node (Multi-Webhook → Enable), then activate again. If not, delete them with the 360dialog node (Multi-Webhook → Delete Destination; 360dialog deletes only while multi-webhook is on), then activate again.',
				},
			);
		case 'limit':
			return new NodeOperationError(
				node,
				`This phone number already has ${blocker.others.length} multi-webhook destinations, 360dialog's limit: ${listed(blocker.others)}`,
				{
					description:
						'Free one: remove a destination with the 360dialog node\'s "Delete Destination" operation (Multi-Webhook resource), or deactivate a workflow whose 360dialog Trigger holds one, then activate this workflow again.',
				},
			);
	}
}

export function stillRemovingError(node: INode, name: string, sinceMs: number): NodeOperationError {
	return new NodeOperationError(
		node,
		`360dialog is still removing this trigger's previous destination "${name}"`,
		{
			description: `360dialog accepted its removal ${Math.round(sinceMs / 1000)} s ago and applies changes seconds later; writing the name before it is gone could lose the new destination. n8n retries the activation. Five minutes after the removal, a destination still listed with this workflow's secret counts as never removed and is kept.`,
		},
	);
}

/** A DELETE of ours, sent again at activation, got no answer either: never called accepted. */
export function removalUnansweredError(
	node: INode,
	name: string,
	cause: Error,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`360dialog did not answer the removal of this trigger's previous destination "${name}"`,
		{
			description: `The destination is still listed with this workflow's secret, and the DELETE sent for it got no answer (${cause.message}), so 360dialog may still apply it later, or never. The trigger adds the destination anew only once a removal was answered and applied, so that a late one cannot take the new destination away. n8n retries the activation. If this persists, check 360dialog's status and the destination with the 360dialog node's Multi-Webhook Get operation.`,
		},
	);
}
