import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toApiError, type CallHints } from './apiErrors';
import { readErrorAnswer } from './failures';
import { baseUrlOf, CREDENTIAL_TYPE, type Dialog360Credentials } from './hosting';

export type Dialog360Context = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

export interface ApiCallOptions extends CallHints {
	/** JSON, or a multipart form (a media upload). */
	/** JSON, a multipart form, or raw bytes (with their Content-Type in `headers`). */
	body?: IDataObject | FormData | Buffer;
	headers?: Record<string, string>;
	qs?: IDataObject;
	/** Give up after this long: 360dialog sometimes holds a request open indefinitely. */
	timeoutMs?: number;
	/**
	 * An error answer that is the result all the same: Meta's Block Users API answers a partial
	 * failure with a 400 whose body carries the per-user results.
	 */
	isResultDespiteError?: (body: unknown) => boolean;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

// One read of the credential per node run (n8n reads it from its database and decrypts it each
// time): every item's call of the run uses the same, and n8n's helper is handed it too.
const credentialsOfRun = new WeakMap<Dialog360Context, Promise<Dialog360Credentials>>();

export function readCredentials(context: Dialog360Context): Promise<Dialog360Credentials> {
	let credentials = credentialsOfRun.get(context);
	if (!credentials) {
		credentials = context.getCredentials<Dialog360Credentials>(CREDENTIAL_TYPE);
		credentialsOfRun.set(context, credentials);
		// A failed read is not kept: the next call tries again (and fails in its own words).
		credentials.catch(() => credentialsOfRun.delete(context));
	}
	return credentials;
}

/** The credential's base URL, or an error that says how to fix the credential. */
function requireBaseUrl(context: Dialog360Context, credentials: Dialog360Credentials): string {
	const baseURL = baseUrlOf(credentials);
	if (baseURL) return baseURL;
	throw new NodeOperationError(
		context.getNode(),
		'The 360dialog credential has no usable base URL',
		{
			description:
				'Open the 360dialog API credential and pick a hosting, or for Custom enter a Base URL that starts with https://',
		},
	);
}

/** n8n's HTTP helper with the credential's key header, handed the credential read once per run. */
async function requestWithKey(
	context: Dialog360Context,
	credentials: Dialog360Credentials,
	request: IHttpRequestOptions,
): Promise<unknown> {
	return await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		request,
		{
			// A copy: n8n's helper may add to it while authenticating.
			credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: { ...credentials } },
		},
	);
}

/** The one way this package talks to 360dialog: the credential's base URL, its key header, its errors. */
export async function callDialog360<T = IDataObject>(
	context: Dialog360Context,
	method: IHttpRequestMethods,
	path: string,
	options: ApiCallOptions = {},
): Promise<T> {
	const credentials = await readCredentials(context);
	const baseURL = requireBaseUrl(context, credentials);
	try {
		return (await requestWithKey(context, credentials, {
			method,
			baseURL,
			url: path,
			// n8n's HTTP client (axios) writes a standard FormData as multipart with its boundary
			// itself; n8n-workflow's type only names the form-data package's class.
			body: options.body as IHttpRequestOptions['body'],
			headers: options.headers,
			qs: options.qs,
			json: true,
			timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		})) as T;
	} catch (error) {
		const answer = options.isResultDespiteError && readErrorAnswer(error);
		if (answer && options.isResultDespiteError?.(answer.data)) return answer.data as T;
		throw toApiError(context.getNode(), error, `${method} ${path}`, credentials.apiKey, options);
	}
}

/**
 * Node's Readable, named through n8n-workflow's types: n8n's community-node rules forbid importing
 * 'stream', even for a type.
 */
export type FileStream = Exclude<
	Parameters<IExecuteFunctions['helpers']['binaryToBuffer']>[0],
	Buffer
>;

/** A file 360dialog is sending: its body still to be read, as a stream. */
export interface FileResponse {
	headers: Record<string, string | string[] | undefined>;
	body: FileStream;
}

/**
 * GET of a file on the API host (a media download), with the key, answered as a stream so that
 * the file never has to be in memory at once. An error answer is read (it is small) and thrown
 * as for any other call, with 360dialog's own message. Redirects are not followed: n8n's HTTP
 * client would carry the D360-API-KEY header to wherever they point.
 */
export async function streamFromDialog360(
	context: IExecuteFunctions,
	path: string,
	options: { timeoutMs?: number } = {},
): Promise<FileResponse> {
	const credentials = await readCredentials(context);
	const baseURL = requireBaseUrl(context, credentials);
	const call = `GET ${path.split('?')[0]}`;
	let response: IN8nHttpFullResponse;
	try {
		response = (await requestWithKey(context, credentials, {
			method: 'GET',
			baseURL,
			url: path,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw toApiError(context.getNode(), error, call, credentials.apiKey);
	}
	const body = response.body as unknown as FileStream;
	const { statusCode } = response;
	if (statusCode >= 200 && statusCode < 300) {
		return { headers: response.headers as FileResponse['headers'], body };
	}
	const text = (await context.helpers.binaryToBuffer(body)).toString('utf8');
	let data: unknown = text;
	try {
		data = JSON.parse(text);
	} catch {
		// An HTML page or plain text: the error translation reads it as such.
	}
	if (statusCode < 400) {
		const location = String(response.headers.location ?? 'nowhere');
		data = {
			error: `Redirected to ${location.split('?')[0]}: not followed, the key goes to 360dialog only`,
		};
	}
	throw toApiError(
		context.getNode(),
		{ response: { status: statusCode, data } },
		call,
		credentials.apiKey,
	);
}
