import type { IExecuteFunctions } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { invalidParameter } from '../parameters/invalidParameter';

interface LimitWaitTime {
	limitType?: 'afterTimeInterval' | 'atSpecifiedTime';
	resumeAmount?: number;
	resumeUnit?: 'minutes' | 'hours' | 'days';
	maxDateAndTime?: string;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** Until when the execution waits for the answer: Limit Wait Time, else for ever. */
export function waitUntil(context: IExecuteFunctions, now = Date.now()): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as LimitWaitTime;
	if (!limit.limitType) return WAIT_INDEFINITELY;
	const scope = { node: context.getNode(), itemIndex: 0 };
	if (limit.limitType === 'atSpecifiedTime') {
		const at = new Date(limit.maxDateAndTime ?? '');
		if (Number.isNaN(at.getTime())) {
			throw invalidParameter(
				scope,
				`Invalid Max Date and Time "${limit.maxDateAndTime ?? ''}"`,
				'Pick a date and time under Options → Limit Wait Time, or remove the limit.',
			);
		}
		return at;
	}
	const amount = Number(limit.resumeAmount ?? 1);
	if (!(amount >= 0)) {
		throw invalidParameter(
			scope,
			`Invalid Amount "${limit.resumeAmount}" in Limit Wait Time`,
			'Enter a number of minutes, hours or days, 0 or more.',
		);
	}
	return new Date(now + amount * UNIT_MS[limit.resumeUnit ?? 'hours']);
}
