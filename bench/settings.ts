/**
 * The n8n settings every throughput is measured under: n8n's defaults, and lazy expression
 * isolates (an isolate only when an expression is evaluated), which a busy number should run.
 */
export const N8N_SETTINGS = {
	defaults: { label: "n8n's defaults", env: {} as Record<string, string> },
	lazy: {
		label: 'lazy isolates',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } as Record<string, string>,
	},
};

export type SettingsKey = keyof typeof N8N_SETTINGS;

export const SETTINGS_KEYS = Object.keys(N8N_SETTINGS) as SettingsKey[];

/** `--lazy` on a diagnosis script's command line: the lazy settings, else n8n's defaults. */
export const settingsFromArgv = (argv = process.argv): SettingsKey =>
	argv.includes('--lazy') ? 'lazy' : 'defaults';
