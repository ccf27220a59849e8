/** End-to-end tests: the packed package inside a real n8n 2.41.1, the emulator and a real browser. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
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
