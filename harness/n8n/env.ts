import { join } from 'node:path';
import { PUBLIC_BASE_URL } from '../publicHost';
import type { N8nRuntime } from './runtime';

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	brokerPort: number;
	/** What the trigger is told its public base is. Default https://n8n.test/ (see the emulator's host map). */
	webhookUrl?: string;
	/** Settings of the CLI and every server alike, such as queue mode's database and Redis. */
	extraEnv?: Record<string, string>;
}

export function scratchDir(userFolder: string): string {
	return join(userFolder, 'tmp');
}

// Settings of the caller's own n8n must not leak into this one.
const DROPPED_PREFIXES = ['N8N_', 'DB_', 'npm_', 'NODE_'];
const DROPPED_NAMES = [
	'WEBHOOK_URL',
	'GENERIC_TIMEZONE',
	'EXECUTIONS_MODE',
	'QUEUE_BULL_REDIS_HOST',
];

/** N8N_EXTRA_ENV="A=1,B=2": settings to try on the test n8n (the caller's own N8N_ vars are not passed). */
function extraEnv(): Record<string, string> {
	const pairs = (process.env.N8N_EXTRA_ENV ?? '').split(',').filter((pair) => pair.includes('='));
	return Object.fromEntries(
		pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
	);
}

/** The environment of every n8n command (CLI and server) for one user folder. */
export function n8nEnv(runtime: N8nRuntime, options: N8nEnvOptions): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		const dropped =
			DROPPED_PREFIXES.some((prefix) => name.startsWith(prefix)) || DROPPED_NAMES.includes(name);
		if (!dropped) env[name] = value;
	}
	const webhookUrl = options.webhookUrl ?? PUBLIC_BASE_URL;
	return {
		...env,
		// n8n spawns its task runner and npm with whatever node is first on PATH: Node 24.
		PATH: `${runtime.nodeBinDir}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: options.userFolder,
		// n8n's scratch files (data-table uploads and the like) stay in the folder that is removed.
		TMPDIR: scratchDir(options.userFolder),
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_WEBHOOK_URL: webhookUrl,
		// n8n 1.x reads only the older name.
		...(runtime.major === 1 ? { WEBHOOK_URL: webhookUrl } : {}),
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// The workflows under test call loopback sinks and the emulator.
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		...options.extraEnv,
		...extraEnv(),
	};
}
