import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importCredentials, importWorkflows, activateOnStart, type CredentialImport } from './cli';
import { installPackage } from './packageInstall';
import { prepareEnv, startN8n, type RunningN8n } from './process';
import { N8nRest, type Owner } from './rest';
import type { N8nRuntime } from './runtime';

export interface InstanceOptions {
	runtime: N8nRuntime;
	/** A fresh, empty folder: n8n's data goes to <userFolder>/.n8n. */
	userFolder: string;
	/** The `npm pack` tarball to install as a community package. */
	tarball: string;
	port: number;
	brokerPort?: number;
	webhookUrl?: string;
	credentials: CredentialImport[];
	workflows: object[];
	/** Workflow ids to publish (2.x) or mark active (1.x) before start, so n8n activates them as it boots. */
	publish: string[];
	owner: Owner;
	/** Called as soon as n8n's process exists (see StartN8nOptions.onSpawn). */
	onSpawn?: (n8n: RunningN8n) => void;
	inspectPort?: number;
	serverEnv?: Record<string, string>;
	/** Settings of the CLI and the server alike (queue mode's database and Redis). */
	extraEnv?: Record<string, string>;
}

export interface Instance {
	n8n: RunningN8n;
	/** Logged in as the owner. */
	rest: N8nRest;
}

/**
 * A real n8n with the package installed as users install it, the credential and workflows imported
 * and published through n8n's CLI, started, and an owner set up. Stops n8n again if any step fails.
 */
export async function launchInstance(options: InstanceOptions): Promise<Instance> {
	const { runtime, userFolder } = options;
	await mkdir(userFolder, { recursive: true });
	await installPackage(userFolder, options.tarball);
	const { env, brokerPort } = await prepareEnv(runtime, options);
	// Each CLI command boots n8n's database layer (~3 s): skip the ones with nothing to do.
	if (options.credentials.length > 0) await importCredentials(runtime, env, options.credentials);
	if (options.workflows.length > 0) await importWorkflows(runtime, env, options.workflows);
	for (const id of options.publish) await activateOnStart(runtime, env, id);

	const n8n = await startN8n(runtime, {
		userFolder,
		port: options.port,
		brokerPort,
		webhookUrl: options.webhookUrl,
		logFile: join(userFolder, 'n8n.log'),
		onSpawn: options.onSpawn,
		inspectPort: options.inspectPort,
		serverEnv: options.serverEnv,
		extraEnv: options.extraEnv,
	});
	try {
		const rest = new N8nRest(n8n.url, runtime.major);
		await rest.setupOwner(options.owner);
		return { n8n, rest };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}
