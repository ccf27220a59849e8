/**
 * The public host n8n is told it is served on (N8N_WEBHOOK_URL) in the tests, the dev command and
 * the benchmarks. 360dialog only delivers to https without a port, so n8n gets this name; the
 * emulator's host map sends what is addressed to it to n8n's loopback port.
 */
export const PUBLIC_HOST = 'n8n.test';

export const PUBLIC_BASE_URL = `https://${PUBLIC_HOST}/`;
