import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// n8n's community-node rules judge what ships (package.json, nodes/, credentials/). The emulator,
// tests, scripts and benchmarks never reach an n8n instance, and may use Node's standard library.
export default [
	globalIgnores(['.build', 'emulator', 'test', 'e2e', 'scripts', 'bench', 'harness', 'gulpfile.js', 'jest*.config.js', 'index.js']),
	...config,
];
