import type { IDataObject } from 'n8n-workflow';

import { answerTapPath } from '../../shared/answers/answerButtonId';
import type { SplitNotification } from '../notifications';

export interface EventFilter {
	events: string[];
	messageTypes: string[];
	statusValues: string[];
}

/** An empty choice means "all", so message types and status values 360dialog adds later still flow. */
const allows = (chosen: string[], value: unknown) =>
	chosen.length === 0 || (typeof value === 'string' && chosen.includes(value));

/**
 * A tap on a Send and Wait for Response button: never filtered out, as it goes on to the waiting
 * execution (afterReceipt/answers.ts), which would otherwise wait for ever.
 */
const isAnswerTap = (item: IDataObject) => answerTapPath(item) !== undefined;

/** The three outputs (messages, statuses, errors) after the node's options are applied. */
export function selectOutputs(split: SplitNotification, filter: EventFilter): IDataObject[][] {
	const messages = split.messages.filter(
		(item) =>
			isAnswerTap(item) ||
			(filter.events.includes('message') && allows(filter.messageTypes, item.type)),
	);
	const statuses = filter.events.includes('status')
		? split.statuses.filter((item) => allows(filter.statusValues, item.status))
		: [];
	// A body we could not recognise is never dropped: it is the one error users must see.
	const errors = filter.events.includes('error')
		? split.errors
		: split.errors.filter((item) => item.event === 'unrecognized');
	return [messages, statuses, errors];
}
