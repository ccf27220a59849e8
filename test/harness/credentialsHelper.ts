import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';

/**
 * The part of n8n's CredentialsHelper (packages/cli) that nodes reach: it hands out the
 * decrypted credential and applies the credential type's generic authentication through
 * n8n-workflow's own expression engine, exactly as n8n resolves `={{$credentials.apiKey}}`.
 * Storage, OAuth and overwrites are n8n-server concerns this package never touches.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	setCredentials(type: string, data: ICredentialDataDecryptedObject) {
		this.credentials[type] = data;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.typeOf(typeName);
		if (typeof authenticate === 'function')
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (authenticate?.type !== 'generic') return requestOptions as IHttpRequestOptions;
		if (!workflow || !node) throw new Error('generic authentication needs the workflow and node');
		const options = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			options[target] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				const resolve = (raw: string) =>
					isExpression(raw)
						? String(
								workflow.expression.getSimpleParameterValue(
									node,
									raw,
									'internal',
									{ $credentials: credentials },
									undefined,
									'',
								) ?? '',
							)
						: raw;
				options[target][resolve(key)] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.credentials[type];
		if (!data) throw new Error(`no test credentials of type ${type}`);
		return { ...data };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.typeOf(type).properties;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('stored credentials are not used by this package');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	private typeOf(name: string): ICredentialType {
		const type = this.credentialTypes[name];
		if (!type) throw new Error(`unknown credential type ${name}`);
		return type;
	}
}
