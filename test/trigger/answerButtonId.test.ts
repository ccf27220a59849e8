import {
	ANSWER_ID_PREFIX,
	answerButtonId,
	MAX_BUTTON_ID_LENGTH,
	recipientTag,
	resumePathOf,
} from '../../nodes/shared/answers/answerButtonId';

// The reply-button ids of Send and Wait for Response: what the action node writes and what the
// trigger accepts as one (everything else is an ordinary button of the builder's).

const SIGNATURE = 'a1'.repeat(32);
const NODE_ID = 'a0b1c2d3-0000-4000-8000-000000000001';
const query = `approved=true&to=${recipientTag('4917612345678')}&signature=${SIGNATURE}`;

describe('resumePathOf accepts the paths of n8n signed resume URLs', () => {
	test.each([
		['the default endpoint', `/webhook-waiting/4711/${NODE_ID}?${query}`],
		['behind a base path (N8N_PATH)', `/n8n/webhook-waiting/4711/${NODE_ID}?${query}`],
		['behind a deeper base path', `/tools/auto/webhook-waiting/12/${NODE_ID}?${query}`],
		['a renamed waiting endpoint', `/wait/99/${NODE_ID}?${query}`],
		['a node id n8n percent-encoded', `/webhook-waiting/1/node%20one?${query}`],
	])('%s', (_, path) => {
		expect(resumePathOf(`${ANSWER_ID_PREFIX}${path}`)).toBe(path);
	});

	test('exactly what answerButtonId made of a signed URL, without its host', () => {
		const url = `https://n8n.example.com/n8n/webhook-waiting/4711/${NODE_ID}?${query}`;
		const id = answerButtonId(url)!;
		expect(id).toBe(`${ANSWER_ID_PREFIX}/n8n/webhook-waiting/4711/${NODE_ID}?${query}`);
		expect(id).not.toContain('n8n.example.com');
		expect(resumePathOf(id)).toBe(`/n8n/webhook-waiting/4711/${NODE_ID}?${query}`);
	});
});

describe('resumePathOf refuses anything else', () => {
	test.each<[string, unknown]>([
		['no id at all', undefined],
		['a number', 42],
		["a builder's own button id", 'call_me'],
		['another prefix', `n8n-answers:/webhook-waiting/4711/${NODE_ID}?${query}`],
		['the prefix in another case', `N8N-ANSWER:/webhook-waiting/4711/${NODE_ID}?${query}`],
		['the prefix alone', ANSWER_ID_PREFIX],
		[
			'an absolute URL',
			`${ANSWER_ID_PREFIX}https://evil.example/webhook-waiting/4711/${NODE_ID}?${query}`,
		],
		[
			'a protocol-relative //host path',
			`${ANSWER_ID_PREFIX}//evil.example/webhook-waiting/4711/${NODE_ID}?${query}`,
		],
		[
			'a backslash host',
			`${ANSWER_ID_PREFIX}/\\evil.example/webhook-waiting/4711/${NODE_ID}?${query}`,
		],
		['a relative path', `${ANSWER_ID_PREFIX}webhook-waiting/4711/${NODE_ID}?${query}`],
		['a dot segment', `${ANSWER_ID_PREFIX}/webhook-waiting/../rest/4711/${NODE_ID}?${query}`],
		['no signature', `${ANSWER_ID_PREFIX}/webhook-waiting/4711/${NODE_ID}?approved=true`],
		['an empty signature', `${ANSWER_ID_PREFIX}/webhook-waiting/4711/${NODE_ID}?signature=`],
		[
			'a short signature',
			`${ANSWER_ID_PREFIX}/webhook-waiting/4711/${NODE_ID}?signature=${SIGNATURE.slice(2)}`,
		],
		[
			'a signature that is not hex',
			`${ANSWER_ID_PREFIX}/webhook-waiting/4711/${NODE_ID}?signature=${'zz'.repeat(32)}`,
		],
		[
			'a non-numeric execution id',
			`${ANSWER_ID_PREFIX}/webhook-waiting/test-execution/${NODE_ID}?${query}`,
		],
		['no node id', `${ANSWER_ID_PREFIX}/webhook-waiting/4711?${query}`],
		['a fragment', `${ANSWER_ID_PREFIX}/webhook-waiting/4711/${NODE_ID}?${query}#x`],
		['a space in the path', `${ANSWER_ID_PREFIX}/webhook-waiting/4711/node one?${query}`],
	])('%s', (_, id) => {
		expect(resumePathOf(id)).toBeUndefined();
	});
});

describe('answerButtonId', () => {
	test(`no id over WhatsApp's ${MAX_BUTTON_ID_LENGTH} characters: undefined instead`, () => {
		const base = `https://n8n.example.com/webhook-waiting/4711/${NODE_ID}?${query}`;
		const fits = answerButtonId(base)!;
		const room = MAX_BUTTON_ID_LENGTH - fits.length;
		const withPrefix = (extra: number) =>
			`https://n8n.example.com/${'p'.repeat(extra - 1)}/webhook-waiting/4711/${NODE_ID}?${query}`;
		expect(answerButtonId(withPrefix(room))).toHaveLength(MAX_BUTTON_ID_LENGTH);
		expect(answerButtonId(withPrefix(room + 1))).toBeUndefined();
	});
});

describe('recipientTag', () => {
	test('16 hex characters of the number, whatever way it is written', () => {
		const tag = recipientTag('4917612345678');
		expect(tag).toMatch(/^[0-9a-f]{16}$/);
		expect(recipientTag('+49 176 12345678')).toBe(tag);
		expect(recipientTag('+4917612345678')).toBe(tag);
		expect(recipientTag(' 49 1761 2345 678 ')).toBe(tag);
	});

	test('another number, another tag', () => {
		expect(recipientTag('4917612345679')).not.toBe(recipientTag('4917612345678'));
	});
});
