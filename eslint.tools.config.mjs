/**
 * The lint of everything that does not ship: the emulator, the tests, the harness that drives a
 * real n8n, the dev command and the benchmarks. They run on Node and spawn processes, which n8n's
 * community-node rules forbid for node code, so they get JavaScript's and typescript-eslint's
 * recommended rules instead. Each of their folders has an eslint.config.mjs that points here;
 * ESLint finds it with the flag unstable_config_lookup_from_file (npm run lint sets it), while
 * eslint.config.mjs at the root stays n8n's unmodified one, as strict mode requires.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		files: ['**/*.mjs'],
		languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
	},
	{
		// `_name` marks what destructuring leaves out on purpose.
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
);
