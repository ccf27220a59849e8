import type { INodeProperties } from 'n8n-workflow';

/** `description` should say that 360dialog refuses "_" and ":port" in the host name. */
export function webhookUrlProperty(displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://app.example.com/whatsapp',
		description,
	};
}
