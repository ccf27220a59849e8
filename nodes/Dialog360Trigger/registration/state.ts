import type { IDataObject } from 'n8n-workflow';

/**
 * What a registration leaves behind, kept in the workflow's static data: n8n persists it with the
 * workflow, so whichever n8n process serves the webhook can check the secret.
 */
export interface Registration {
	secret: string;
	url: string;
}

/** What checkExists() saw, handed to create() so that activation needs no second read. */
export interface Observation {
	enabled: boolean;
	destinations: Array<{ name: string; url: string }>;
	at: number;
}

interface TriggerStaticData extends IDataObject {
	registrations?: Record<string, Registration>;
	observation?: Observation;
}

const OBSERVATION_TTL_MS = 60_000;

export function readRegistration(staticData: IDataObject, name: string): Registration | undefined {
	return (staticData as TriggerStaticData).registrations?.[name];
}

export function saveRegistration(
	staticData: IDataObject,
	name: string,
	registration: Registration,
) {
	const data = staticData as TriggerStaticData;
	data.registrations = { ...data.registrations, [name]: registration };
}

export function forgetRegistration(staticData: IDataObject, name: string) {
	const data = staticData as TriggerStaticData;
	if (!data.registrations?.[name]) return;
	const remaining = { ...data.registrations };
	delete remaining[name];
	data.registrations = remaining;
}

export function saveObservation(staticData: IDataObject, observation: Observation) {
	(staticData as TriggerStaticData).observation = observation;
}

/** The observation from this activation's checkExists(), once; stale ones are ignored. */
export function takeObservation(
	staticData: IDataObject,
	now = Date.now(),
): Observation | undefined {
	const data = staticData as TriggerStaticData;
	const observation = data.observation;
	delete data.observation;
	return observation && now - observation.at < OBSERVATION_TTL_MS ? observation : undefined;
}
