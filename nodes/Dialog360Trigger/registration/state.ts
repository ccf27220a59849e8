import type { IDataObject } from 'n8n-workflow';

/**
 * What registrations leave behind, kept in the workflow's static data: n8n persists it with the
 * workflow, so whichever n8n process serves the webhook can check the secret.
 *
 * One entry per destination name, kept for the life of the workflow: its secret is minted once
 * and sent with every write, so no older copy of the static data can hold a secret 360dialog
 * does not have, and a write that lands late still carries a secret this workflow knows.
 */
export interface Registration {
	secret: string;
	/** The URL last written for it. */
	url: string;
	/** Where 360dialog was told to deliver: our multi-webhook destination, or the number's main webhook. */
	via?: 'destination' | 'main';
	/** False once deactivation removed it (or found it gone). */
	active?: boolean;
	/**
	 * When a DELETE of this destination that may not have applied yet was sent: until a read shows
	 * it gone, a read that still lists it is stale, and the name is not written again.
	 */
	deletingSince?: number;
	/**
	 * True when 360dialog answered that DELETE (200): it is queued and applies within seconds.
	 * Absent when no answer came (a time-out or a fault): it may apply later or never.
	 */
	deleteAnswered?: boolean;
}

/** What checkExists() read, handed to create() so that activation needs no second read. */
export interface View {
	main: { source: 'phoneNumber' | 'waba' | 'none'; url: string; ours: boolean };
	/** Read only when the main webhook is someone else's. */
	multiWebhook?: {
		enabled: boolean;
		/** `ours`: the name is one of this node's and the secret header one it holds (no headers kept). */
		destinations: Array<{ name: string; url: string; ours: boolean }>;
	};
	at: number;
}

interface TriggerStaticData extends IDataObject {
	registrations?: Record<string, Registration>;
	observation?: View;
}

const OBSERVATION_TTL_MS = 60_000;

export function readRegistration(staticData: IDataObject, name: string): Registration | undefined {
	return (staticData as TriggerStaticData).registrations?.[name];
}

export function allRegistrations(staticData: IDataObject): Registration[] {
	return Object.values((staticData as TriggerStaticData).registrations ?? {});
}

export function isActive(registration: Registration | undefined): registration is Registration {
	return registration !== undefined && registration.active !== false;
}

/** Replaces the entry's fields given; the secret of an existing entry is never replaced. */
export function saveRegistration(
	staticData: IDataObject,
	name: string,
	registration: Registration,
): Registration {
	const data = staticData as TriggerStaticData;
	const existing = data.registrations?.[name];
	const saved = { ...existing, ...registration, secret: existing?.secret ?? registration.secret };
	data.registrations = { ...data.registrations, [name]: saved };
	return saved;
}

/** No DELETE of ours is pending for the name any more. */
export const NO_PENDING_DELETE = { deletingSince: undefined, deleteAnswered: undefined } as const;

export function updateRegistration(
	staticData: IDataObject,
	name: string,
	change: Partial<Registration>,
) {
	const existing = readRegistration(staticData, name);
	if (existing) saveRegistration(staticData, name, { ...existing, ...change });
}

export function saveObservation(staticData: IDataObject, view: View) {
	(staticData as TriggerStaticData).observation = view;
}

/** The view from this activation's checkExists(), once; stale ones are ignored. */
export function takeObservation(staticData: IDataObject, now = Date.now()): View | undefined {
	const data = staticData as TriggerStaticData;
	const observation = data.observation;
	delete data.observation;
	if (!observation || now - observation.at >= OBSERVATION_TTL_MS || !('main' in observation)) {
		return undefined;
	}
	// A plain copy: static data is n8n's change-tracking proxy, which cannot be cloned.
	return JSON.parse(JSON.stringify(observation)) as View;
}
