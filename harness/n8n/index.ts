/** Drives a real n8n (2.41.1, or 1.123.81: see versions.ts) with this package installed: for the E2E tests, `npm run dev` and the benchmarks. */
export { activateOnStart, importCredentials, importWorkflows, n8nCli } from './cli';
export type { CredentialImport } from './cli';
export { n8nEnv } from './env';
export { launchInstance } from './instance';
export type { Instance, InstanceOptions } from './instance';
export { installPackage, packPackage, TARBALL_ENV } from './packageInstall';
export { PROJECT_DIR } from './paths';
export { freePort, preferredPort } from './ports';
export { prepareEnv, startN8n, stopAllN8n } from './process';
export type { N8nCommand, RunningN8n, StartN8nOptions } from './process';
export { N8nRest, RestError } from './rest';
export type {
	ExecutionDetails,
	ExecutionPage,
	ExecutionSummary,
	NodeRun,
	Owner,
	PublicationStatus,
} from './rest';
export { ensureRuntime } from './runtime';
export type { N8nRuntime } from './runtime';
export {
	DEFAULT_N8N_VERSION,
	N8N_VERSION_ENV,
	SUPPORTED_N8N_VERSIONS,
	isSupportedN8nVersion,
	selectedN8nVersion,
} from './versions';
export type { N8nVersion } from './versions';
export { waitFor } from './waitFor';
