/**
 * The n8n versions the package is tested on end to end, one pinned runtime each
 * (harness/n8n-runtime/<version>/, installed by scripts/ensure-n8n.sh), and what differs
 * between them for whoever drives n8n from outside.
 */
export const SUPPORTED_N8N_VERSIONS = ['2.41.1', '1.123.81'] as const;
export type N8nVersion = (typeof SUPPORTED_N8N_VERSIONS)[number];

/** What the full end-to-end suite, `npm run dev` and the benchmarks run unless told otherwise. */
export const DEFAULT_N8N_VERSION: N8nVersion = '2.41.1';

/** Set by `npm run dev -- --n8n <version>` and CI's run on the other line. */
export const N8N_VERSION_ENV = 'HARNESS_N8N_VERSION';

export function isSupportedN8nVersion(version: string): version is N8nVersion {
	return (SUPPORTED_N8N_VERSIONS as readonly string[]).includes(version);
}

/** The version chosen through HARNESS_N8N_VERSION, or the default; anything else is refused. */
export function selectedN8nVersion(env: NodeJS.ProcessEnv = process.env): N8nVersion {
	const chosen = env[N8N_VERSION_ENV]?.trim() || DEFAULT_N8N_VERSION;
	if (!isSupportedN8nVersion(chosen)) {
		throw new Error(
			`${N8N_VERSION_ENV}=${chosen} is not a tested n8n version; choose one of ${SUPPORTED_N8N_VERSIONS.join(', ')}`,
		);
	}
	return chosen;
}

/** n8n's major line: 1.x activates workflows, 2.x publishes them (see harness/n8n/cli.ts, rest.ts). */
export const majorOf = (version: N8nVersion): number => Number(version.split('.')[0]);
