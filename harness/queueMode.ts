import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort, startN8n, type N8nCommand, type N8nRuntime, type RunningN8n } from './n8n';
import { startPostgres, type RunningPostgres } from './services/postgres';
import { startRedis, type RunningRedis } from './services/redis';

/** n8n in queue mode: the main process plus these, sharing PostgreSQL and Redis. */
export interface QueueModeOptions {
	/** `n8n webhook` processes; the emulator delivers to them in turn, as a load balancer would. */
	webhookProcessors: number;
	/** `n8n worker` processes, which run the executions. */
	workers: number;
	/** Each webhook processor and worker with the V8 inspector on a free port (for profiles). */
	inspect?: boolean;
}

export interface QueueProcesses {
	webhookProcessors: RunningN8n[];
	workers: RunningN8n[];
	/** Starts the webhook processor of that index again, on its port (after a kill, say). */
	restartWebhookProcessor(index: number): Promise<RunningN8n>;
	/** Starts the worker of that index again (after a kill, say). */
	restartWorker(index: number): Promise<RunningN8n>;
	/** The PostgreSQL and Redis every process shares, to restart them under load. */
	services: QueueServices;
}

export interface QueueServices {
	postgres: RunningPostgres;
	redis: RunningRedis;
	/** What every process of the queue-mode n8n shares: database, queue, encryption key. */
	env: Record<string, string>;
}

type Stops = Array<() => Promise<void>>;

/**
 * Its own PostgreSQL and Redis, and the settings every process of the queue-mode n8n shares:
 * the database, the queue, and one encryption key, so that each can read the credentials.
 */
export async function startQueueServices(stops: Stops): Promise<QueueServices> {
	const postgres = await startPostgres();
	stops.push(() => postgres.stop());
	const redis = await startRedis();
	stops.push(() => redis.stop());
	const env = {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
	};
	return { postgres, redis, env };
}

/** What the main process needs on top: production webhooks are the webhook processors' job. */
export const QUEUE_MAIN_ENV = { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' };

/**
 * The webhook processors and workers, once the main process is up (it migrates the database and
 * activates the workflows). They share its user folder: the installed package and its settings.
 */
export async function startQueueProcesses(options: {
	runtime: N8nRuntime;
	userFolder: string;
	webhookUrl: string;
	services: QueueServices;
	webhookPorts: Array<{ port: number; brokerPort: number }>;
	workerPorts: Array<{ port: number; brokerPort: number }>;
	stops: Stops;
	inspect?: boolean;
	/** Extra environment of every webhook processor and worker, as the main process gets it. */
	serverEnv?: Record<string, string>;
}): Promise<QueueProcesses> {
	const reserved = new Set(
		[...options.webhookPorts, ...options.workerPorts].flatMap((p) => [p.port, p.brokerPort]),
	);
	const inspectPort = async () => {
		let port = await freePort();
		while (reserved.has(port)) port = await freePort();
		reserved.add(port);
		return port;
	};
	const start = async (command: N8nCommand, index: number) => {
		const ports = (command === 'worker' ? options.workerPorts : options.webhookPorts)[index];
		return await startN8n(options.runtime, {
			command,
			userFolder: options.userFolder,
			...ports,
			inspectPort: options.inspect ? await inspectPort() : undefined,
			webhookUrl: options.webhookUrl,
			extraEnv: options.services.env,
			serverEnv: options.serverEnv,
			logFile: join(options.userFolder, `n8n-${command}-${index + 1}.log`),
			// Known at once, so that a stop during its start-up ends it too.
			onSpawn: (spawned) => options.stops.push(() => spawned.stop()),
		});
	};
	const webhookProcessors = await Promise.all(
		options.webhookPorts.map((_, i) => start('webhook', i)),
	);
	const workers = await Promise.all(options.workerPorts.map((_, i) => start('worker', i)));
	return {
		webhookProcessors,
		workers,
		restartWebhookProcessor: async (index) => {
			webhookProcessors[index] = await start('webhook', index);
			return webhookProcessors[index];
		},
		restartWorker: async (index) => {
			workers[index] = await start('worker', index);
			return workers[index];
		},
		services: options.services,
	};
}
