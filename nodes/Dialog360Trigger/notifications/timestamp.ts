/** The largest distance from the epoch a JS Date can hold; beyond it toISOString throws. */
const MAX_DATE_MS = 8.64e15;
/** 10000-01-01T00:00:00Z: up to here an ISO year has four digits, which the fast path assumes. */
const FOUR_DIGIT_YEARS_END = 253402300800;
/** More digits than this cannot be a date a JS Date can hold. */
const MAX_DIGITS = 15;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** WhatsApp timestamps are unix seconds, usually as a string. Undefined when they are not. */
export function unixSecondsToIso(timestamp: unknown): string | undefined {
	let seconds: number;
	if (typeof timestamp === 'number') seconds = timestamp;
	else if (typeof timestamp === 'string') seconds = parseDigits(timestamp);
	else return undefined;

	if (Number.isInteger(seconds) && seconds >= 0 && seconds < FOUR_DIGIT_YEARS_END) {
		return formatIso(seconds);
	}
	const ms = seconds * 1000;
	if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return undefined;
	return new Date(ms).toISOString();
}

/** The value of a string of decimal digits only, else NaN (no signs, spaces, exponents or hex). */
function parseDigits(text: string): number {
	if (text.length === 0 || text.length > MAX_DIGITS) return NaN;
	let value = 0;
	for (let i = 0; i < text.length; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return NaN;
		value = value * 10 + digit;
	}
	return value;
}

// The items of one POST mostly share a day, so its date text is kept from the last call.
let lastDay = -1;
let lastDate = '';

/**
 * The same text as Date#toISOString, several times faster (that one dominated the cost of a message
 * item). Integer seconds in 1970-9999 only.
 */
function formatIso(seconds: number): string {
	const day = Math.floor(seconds / 86400);
	if (day !== lastDay) {
		lastDate = formatDate(day);
		lastDay = day;
	}
	const secondOfDay = seconds - day * 86400;
	const hours = TWO_DIGITS[Math.floor(secondOfDay / 3600)];
	const minutes = TWO_DIGITS[Math.floor(secondOfDay / 60) % 60];
	return `${lastDate}T${hours}:${minutes}:${TWO_DIGITS[secondOfDay % 60]}.000Z`;
}

/** YYYY-MM-DD of a day since the epoch, after Howard Hinnant's civil_from_days. */
function formatDate(daysSinceEpoch: number): string {
	const days = daysSinceEpoch + 719468; // days since 0000-03-01
	const era = Math.floor(days / 146097);
	const dayOfEra = days - era * 146097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36524) -
			Math.floor(dayOfEra / 146096)) /
			365,
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 is March
	const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
	const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[dayOfMonth]}`;
}
