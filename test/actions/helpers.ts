import type {
	IDataObject,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import { startEmulator, type Emulator, type RecordedRequest } from '../../emulator';
import { HIDDEN_HEADER_VALUE } from '../../nodes/Dialog360/helpers/webhooks/headerValues';
import { emulatorCredentials } from '../harness/additionalData';
import { runAction, type ActionRun } from '../harness/runAction';
import { testApiKey } from '../harness/testKeys';

/** One emulator per test file, fresh state for every test. */
export function useEmulator(): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator({ apiKey: testApiKey('actions') });
	});
	afterEach(() => emulator?.reset());
	afterAll(async () => {
		await emulator?.close();
	});
	return () => {
		if (!emulator) throw new Error('the emulator has not started');
		return emulator;
	};
}

/** Runs the 360dialog node against the emulator, through n8n-core's WorkflowExecute. */
export async function run(
	emulator: Emulator,
	parameters: INodeParameters,
	options: {
		input?: IDataObject[];
		items?: INodeExecutionData[];
		continueOnFail?: boolean;
		apiKey?: string;
		hosting?: string;
	} = {},
): Promise<ActionRun> {
	const credentials = emulatorCredentials(emulator.url, options.apiKey ?? emulator.apiKey);
	return await runAction({
		parameters,
		credentials: options.hosting ? { ...credentials, hosting: options.hosting } : credentials,
		input: options.input,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** Calls that would change the configuration (anything but a read). */
export function changingCalls(emulator: Emulator): RecordedRequest[] {
	return emulator.requests.filter(({ method }) => method !== 'GET');
}

/** What every call must carry: the key header and a JSON content type when there is a body. */
export function expectAuthenticated(request: RecordedRequest, apiKey: string): void {
	expect(request.headers['d360-api-key']).toBe(apiKey);
	if (request.rawBody !== '') expect(request.headers['content-type']).toMatch(/^application\/json/);
}

/** The key must not show anywhere the user (or a log) could see it. */
export function expectNoKey(runResult: ActionRun, apiKey: string): void {
	expect(JSON.stringify(runResult.items)).not.toContain(apiKey);
	const { error } = runResult;
	if (!error) return;
	expect(error.message).not.toContain(apiKey);
	expect(String(error.description ?? '')).not.toContain(apiKey);
	expect(JSON.stringify(error)).not.toContain(apiKey);
	expect(JSON.stringify(runResult.run.data.resultData)).not.toContain(apiKey);
}

/** A valid destination whose URL and header derive from its name. */
export function destination(name: string, url?: string) {
	const host = name.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'x';
	return {
		name,
		url: url ?? `https://${host}.example.com/hook`,
		headers: { Authorization: `Bearer ${host}` },
	};
}

/** A webhook or destination as the node outputs it by default: header names, values hidden. */
export function withHiddenValues<T extends { headers?: Record<string, string> }>(webhook: T): T {
	if (!webhook.headers) return webhook;
	return {
		...webhook,
		headers: Object.fromEntries(
			Object.keys(webhook.headers).map((name) => [name, HIDDEN_HEADER_VALUE]),
		),
	};
}

/** The multi-webhook configuration as the node outputs it after a change (values hidden). */
export function shownConfig(
	enabled: boolean,
	destinations: Array<{ name: string; url: string; headers: Record<string, string> }>,
) {
	return { enabled, destinations: destinations.map(withHiddenValues) };
}

/** The same destinations as the node's fixedCollection holds them. */
export function destinationRows(
	list: Array<{ name: string; url: string; headers: Record<string, string> }>,
): INodeParameters {
	return {
		destination: list.map(({ name, url, headers }) => ({
			name,
			url,
			headers: { header: Object.entries(headers).map(([key, value]) => ({ name: key, value })) },
		})),
	};
}

export function headerRows(headers: Record<string, string>): INodeParameters {
	return { header: Object.entries(headers).map(([name, value]) => ({ name, value })) };
}

export function byName(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'name', value };
}

export function fromList(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'list', value };
}
