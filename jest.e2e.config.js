/**
 * End-to-end tests: the packed package inside a real n8n, the emulator and a real browser. The
 * full suite runs on n8n 2.41.1; with HARNESS_N8N_VERSION=1.123.81 (`npm run test:e2e:n8n1`) the
 * files of the trigger, its registration, messaging, media, Send and Wait and queue mode (faults
 * included) run on the last 1.x line. Only the editor, credential, action-node and AI Agent files
 * are 2.x-only.
 */
const ON_N8N_1 = [
	'trigger',
	'triggerTestEvent',
	'triggerMainWebhook',
	'triggerRepublish',
	'triggerInstances',
	'messaging',
	'media',
	'queueMode',
	'queueModeTwoWorkers',
	'queueModeFaults',
	'queueModeLostDelete',
	'sendAndWait',
	'sendAndWaitQueue',
];
const onN8n1 = (process.env.HARNESS_N8N_VERSION ?? '').startsWith('1.');

module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: onN8n1 ? ON_N8N_1.map((name) => `**/e2e/${name}.e2e.test.ts`) : ['**/*.e2e.test.ts'],
	modulePathIgnorePatterns: [
		'<rootDir>/harness/n8n-runtime/',
		'<rootDir>/.build/',
		'<rootDir>/.cache/',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json' }],
	},
	globalSetup: '<rootDir>/e2e/globalSetup.ts',
	// Each file starts its own n8n (about 30 s); a delivery waits for its execution.
	testTimeout: 180_000,
	maxWorkers: 1,
	verbose: true,
};
