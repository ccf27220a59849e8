import type { CredentialImport } from '../n8n';

export const CREDENTIAL_TYPE = 'dialog360Api';

/** The credential every workflow here uses: custom hosting pointed at the emulator. */
export function emulatorCredential(
	emulator: { url: string; apiKey: string },
	id = 'e2eCredential360',
): CredentialImport {
	return {
		id,
		name: '360dialog (emulator)',
		type: CREDENTIAL_TYPE,
		data: { apiKey: emulator.apiKey, hosting: 'custom', baseUrl: emulator.url },
	};
}

export function credentialRef(credential: CredentialImport) {
	return { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
}
