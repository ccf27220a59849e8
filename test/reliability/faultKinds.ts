import type { FaultSpec } from '../../emulator';

export interface FaultKind {
	kind: string;
	spec: Omit<FaultSpec, 'path' | 'method'>;
	/** What the user must read in the error this fault causes. */
	message: RegExp;
	/** Only for calls that change something: the change lands, the answer is lost. */
	writesOnly?: boolean;
}

/** Every way a call to 360dialog fails: its error shapes, a proxy's page, silence, a lost answer. */
export const FAULT_KINDS: FaultKind[] = [
	// n8n-core re-sends a request that got a 401 once, so both attempts get it.
	{
		kind: '401',
		spec: { status: 401, body: { error: 'Unauthorized' }, times: 2 },
		message: /rejected the API key/,
	},
	{
		kind: '555 (snake_case meta)',
		spec: {
			status: 555,
			body: {
				meta: { success: false, http_code: 555, developer_message: 'Internal server error' },
			},
		},
		message: /555: Internal server error/,
	},
	{ kind: 'HTML 502', spec: { html: true }, message: /gateway failed.*502/ },
	{
		kind: 'hang',
		spec: { hang: true },
		// A hung read-back while waiting uses up the action node's Apply Timeout: "not visible yet".
		message: /did not answer|not visible yet/,
	},
	{
		kind: 'lost answer',
		spec: { status: 500, body: { error: 'Internal error' }, apply: true },
		message: /500: Internal error/,
		writesOnly: true,
	},
];
