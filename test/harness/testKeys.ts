import { randomBytes } from 'node:crypto';

/**
 * Every API key a test uses comes from here. The sk360- prefix lets CI search all test output and
 * logs for any key; the random part makes each key unique, so a leak names the test it came from.
 */
export function testApiKey(purpose: string): string {
	return `sk360-${purpose}-${randomBytes(4).toString('hex')}`;
}
