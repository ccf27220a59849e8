import { QUEUE_SHAPE } from '../queueIngest';
import { triggerTypeVersion, type TargetSpec } from '../workflows';

/**
 * What is soaked: the options, the queue shape, the workflow and where it reports emissions. Apart
 * from run.ts, since the samples and the report name them too and must not import the entry.
 */

export interface SoakOptions {
	minutes: number;
	/** Notifications per second. */
	rate: number;
	sampleSeconds: number;
}

/** Where the workflow reports each emitted message: the sink counts emissions per message id. */
export const EMITTED_PATH = '/soak/messages';

/** The bench's queue shape (two webhook processors), with a second worker: the setup. */
export const SOAK_SHAPE = { ...QUEUE_SHAPE, workers: 2 };

export const SPEC: TargetSpec = {
	key: 'soak',
	label: `360dialog Trigger v${triggerTypeVersion()}, Drop Redeliveries on`,
	kind: 'trigger',
	typeVersion: triggerTypeVersion(),
};
