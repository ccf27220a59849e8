import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toApiError, type CallHints } from './apiErrors';
import { baseUrlOf, CREDENTIAL_TYPE, type Dialog360Credentials } from './hosting';

export type Dialog360Context = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

export interface ApiCallOptions extends CallHints {
	/** JSON, or a multipart form (a media upload). */
	body?: IDataObject | FormData;
	qs?: IDataObject;
	/** Give up after this long: 360dialog sometimes holds a request open indefinitely. */
	timeoutMs?: number;
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

/** The one way this package talks to 360dialog: the credential's base URL, its key header, its errors. */
export async function callDialog360<T = IDataObject>(
	this: Dialog360Context,
	method: IHttpRequestMethods,
	path: string,
	options: ApiCallOptions = {},
): Promise<T> {
	const credentials = await readCredentials(this);
	const baseURL = baseUrlOf(credentials);
	if (!baseURL) {
		throw new NodeOperationError(
			this.getNode(),
			'The 360dialog credential has no usable base URL',
			{
				description:
					'Open the 360dialog API credential and pick a hosting, or for Custom enter a Base URL that starts with https://',
			},
		);
	}
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			{
				method,
				baseURL,
				url: path,
				// n8n's HTTP client (axios) writes a standard FormData as multipart with its boundary
				// itself; n8n-workflow's type only names the form-data package's class.
				body: options.body as IHttpRequestOptions['body'],
				qs: options.qs,
				json: true,
				timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			},
			// A copy: n8n's helper may add to it while authenticating.
			{
				credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: { ...credentials } },
			},
		)) as T;
	} catch (error) {
		throw toApiError(this.getNode(), error, `${method} ${path}`, credentials.apiKey, options);
	}
}
