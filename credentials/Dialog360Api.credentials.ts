import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../nodes/shared/hosting';

export class Dialog360Api implements ICredentialType {
	name = 'dialog360Api';

	displayName = '360dialog API';

	icon: Icon = { light: 'file:../icons/360dialog.svg', dark: 'file:../icons/360dialog.dark.svg' };

	documentationUrl = 'https://docs.360dialog.com/docs/waba-messaging/webhook';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The D360-API-KEY of the phone number, from the 360dialog Hub. Generating a new key revokes the old one.',
		},
		{
			displayName: 'Hosting',
			name: 'hosting',
			type: 'options',
			default: 'cloud',
			options: [
				{
					name: 'Cloud API',
					value: 'cloud',
					description: 'Cloud API numbers (waba-v2.360dialog.io)',
				},
				{
					name: 'On-Premise',
					value: 'onPremise',
					description: 'Legacy On-Premise numbers (waba.360dialog.io)',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'The 360dialog sandbox (waba-sandbox.360dialog.io)',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another base URL, such as a proxy or a local emulator',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://waba-proxy.example.com',
			description: 'The base URL to call instead of 360dialog\'s, without a path',
			displayOptions: { show: { hosting: ['custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'D360-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	// Reading the phone number's webhook is read-only and exists on every hosting.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/configs/webhook',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'360dialog rejected the API key. Copy the current key from the 360dialog Hub (a newly generated key revokes the old one) and check the hosting.',
				},
			},
		],
	};
}
