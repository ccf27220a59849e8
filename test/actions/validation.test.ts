import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	byName,
	changingCalls,
	destination,
	destinationRows,
	headerRows,
	run,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

const underscoreHost = 'https://my_hook.example.com/webhook';
const withPort = 'https://hooks.example.com:3000/webhook';

interface Case {
	rule: string;
	parameters: INodeParameters;
	input?: IDataObject[];
	message: string | RegExp;
	description: RegExp;
}

// Each case breaks one rule; none of them may reach 360dialog at all.
const refusedBeforeAnyCall: Case[] = [
	{
		rule: 'an underscore in a destination host (Enable)',
		parameters: {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows([destination('a', underscoreHost)]),
		},
		message: `Invalid Destination URL "${underscoreHost}"`,
		description: /contains "_".*Use a host name without underscores/,
	},
	{
		rule: 'a port in a destination host (Add Destinations)',
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([destination('a', withPort)]),
		},
		message: `Invalid Destination URL "${withPort}"`,
		description: /names a port/,
	},
	{
		rule: 'a relative destination URL',
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([destination('a', '/webhook')]),
		},
		message: 'Invalid Destination URL "/webhook"',
		description: /not an absolute URL/,
	},
	{
		rule: 'a URL that is not http(s)',
		parameters: {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: byName('a'),
			url: 'ftp://files.example.com/hook',
		},
		message: 'Invalid Destination URL "ftp://files.example.com/hook"',
		description: /must start with https:\/\//,
	},
	{
		rule: 'an underscore in the phone number webhook host',
		parameters: { resource: 'phoneNumberWebhook', operation: 'set', url: underscoreHost },
		message: `Invalid Webhook URL "${underscoreHost}"`,
		description: /contains "_"/,
	},
	{
		rule: 'a port in the WABA webhook host',
		parameters: { resource: 'wabaWebhook', operation: 'set', url: withPort },
		message: `Invalid Webhook URL "${withPort}"`,
		description: /names a port/,
	},
	{
		rule: 'an underscore in a header name (fields)',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://hooks.example.com/a',
			headers: headerRows({ X_Secret: 'x' }),
		},
		message: 'Invalid Header Name "X_Secret"',
		description: /Use "-" instead/,
	},
	{
		rule: 'an underscore in a header name (JSON)',
		parameters: {
			resource: 'wabaWebhook',
			operation: 'set',
			url: 'https://hooks.example.com/a',
			specifyHeaders: 'json',
			headersJson: '{"api_key": "x"}',
		},
		message: 'Invalid Header Name "api_key"',
		description: /Use "-" instead/,
	},
	{
		rule: 'an underscore in a destination header name',
		parameters: {
			resource: 'multiWebhook',
			operation: 'enable',
			specifyDestinations: 'json',
			destinationsJson: JSON.stringify([
				{ name: 'a', url: 'https://a.example.com', headers: { my_header: 'v' } },
			]),
		},
		message: 'Invalid Header Name "my_header"',
		description: /Use "-" instead/,
	},
	{
		rule: 'more than 3 destinations in one request',
		parameters: {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows(['a', 'b', 'c', 'd'].map((name) => destination(name))),
		},
		message: 'Too many Destinations: 4 of at most 3',
		description: /at most 3 destinations per phone number/,
	},
	{
		rule: 'the same name twice in one request',
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([
				destination('hook'),
				destination('hook', 'https://other.example.com'),
			]),
		},
		message: 'Duplicate Destination Name "hook"',
		description: /case-sensitive/,
	},
	{
		rule: 'a destination without a name',
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: { destination: [{ name: '  ', url: 'https://a.example.com' }] },
		},
		message: 'Destination Name is empty',
		description: /Give every destination a name/,
	},
	{
		rule: 'Add Destinations with none',
		parameters: { resource: 'multiWebhook', operation: 'addDestinations' },
		message: 'Destinations is empty',
		description: /at least one destination/,
	},
	{
		// n8n itself refuses an empty required field; an expression can still produce one.
		rule: 'Update Destination without a name',
		parameters: {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: byName('={{ $json.name }}'),
			url: 'https://a.example.com',
		},
		input: [{ name: '' }],
		message: 'Destination Name is empty',
		description: /exact name/,
	},
	{
		rule: 'Delete Destination without a name',
		parameters: {
			resource: 'multiWebhook',
			operation: 'deleteDestination',
			destinationName: byName('={{ $json.name }}'),
		},
		input: [{ name: ' ' }],
		message: 'Destination Name is empty',
		description: /exact name/,
	},
	{
		rule: 'invalid JSON in Destinations (JSON)',
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			specifyDestinations: 'json',
			destinationsJson: '[{"name": "a", "url": }]',
		},
		message: 'Invalid JSON in Destinations (JSON)',
		description: /Check the brackets, commas and quotes of Destinations \(JSON\)/,
	},
	{
		rule: 'JSON destinations without a URL',
		parameters: {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			specifyDestinations: 'json',
			destinationsJson: '[{"name": "a"}]',
		},
		message: 'Invalid Destinations (JSON): entry 1 needs a text "name" and "url"',
		description: /Expected an array such as/,
	},
	{
		rule: 'invalid JSON in Headers (JSON)',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://hooks.example.com/a',
			specifyHeaders: 'json',
			headersJson: '{Authorization: x}',
		},
		message: 'Invalid JSON in Headers (JSON)',
		description: /Headers \(JSON\)/,
	},
	{
		rule: 'headers JSON that is not an object',
		parameters: {
			resource: 'multiWebhook',
			operation: 'updateDestination',
			destinationName: byName('a'),
			url: 'https://a.example.com',
			specifyHeaders: 'json',
			headersJson: '["Authorization"]',
		},
		message: 'Invalid Headers (JSON)',
		description: /object of header names and values/,
	},
	{
		rule: 'Basic auth without a user',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://hooks.example.com/a',
			basicAuth: true,
			basicAuthUser: '={{ $json.user }}',
			basicAuthPassword: 'p',
		},
		input: [{ user: '' }],
		message: 'Invalid Basic Auth User ""',
		description: /user name the webhook expects/,
	},
	{
		rule: 'Basic auth beside an Authorization header',
		parameters: {
			resource: 'phoneNumberWebhook',
			operation: 'set',
			url: 'https://hooks.example.com/a',
			headers: headerRows({ authorization: 'Bearer x' }),
			basicAuth: true,
			basicAuthUser: 'u',
			basicAuthPassword: 'p',
		},
		message: 'Authorization header given twice',
		description: /remove it from Headers/,
	},
	{
		rule: 'a Request Timeout of 0 from an expression',
		parameters: {
			resource: 'multiWebhook',
			operation: 'get',
			options: { requestTimeout: '={{ 0 }}' },
		},
		message: 'Invalid Request Timeout (Seconds) "0"',
		description: /above 0/,
	},
];

describe('validation before any call', () => {
	it.each(refusedBeforeAnyCall)(
		'refuses $rule',
		async ({ parameters, input, message, description }) => {
			const result = await run(emulator(), parameters, { input });

			expect(result.items).toEqual([]);
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toEqual(message);
			expect(result.error?.description).toMatch(description);
			expect(result.error?.context?.itemIndex).toBe(0);
			expect(emulator().requests).toEqual([]);
		},
	);

	it('accepts names that differ only in case: they are different destinations', async () => {
		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows([destination('webhook'), destination('WEBhook')]),
		});

		expect(result.error).toBeUndefined();
		expect(
			emulator()
				.multiWebhook()
				.destinations.map(({ name }) => name),
		).toEqual(['webhook', 'WEBhook']);
	});
});

describe('validation against the destinations that exist', () => {
	const existing = [destination('crm'), destination('erp')];

	it('refuses a name that already exists, after reading but before sending PUT', async () => {
		emulator().setState({ multiWebhook: { enabled: true, destinations: existing } });

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([destination('crm', 'https://new.example.com')]),
		});

		expect(result.error?.message).toBe('Destination Name "crm" already exists');
		expect(result.error?.description).toMatch(/Update Destination/);
		expect(emulator().requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'GET /multi_webhook',
		]);
		expect(changingCalls(emulator())).toEqual([]);
	});

	it('refuses going above 3 destinations in total (Add Destinations)', async () => {
		emulator().setState({ multiWebhook: { enabled: true, destinations: existing } });

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'addDestinations',
			destinations: destinationRows([destination('a'), destination('b')]),
		});

		expect(result.error?.message).toBe('Too many Destinations: 4 of at most 3');
		expect(result.error?.description).toMatch(/The number has 2 and this adds 2/);
		expect(changingCalls(emulator())).toEqual([]);
	});

	it('checks Enable with destinations against those kept while disabled', async () => {
		emulator().setState({ multiWebhook: { enabled: false, destinations: existing } });

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows([destination('erp')]),
		});

		expect(result.error?.message).toBe('Destination Name "erp" already exists');
		expect(changingCalls(emulator())).toEqual([]);
	});

	it('refuses going above 3 when enabling with destinations', async () => {
		emulator().setState({ multiWebhook: { enabled: false, destinations: existing } });

		const result = await run(emulator(), {
			resource: 'multiWebhook',
			operation: 'enable',
			destinations: destinationRows([destination('a'), destination('b')]),
		});

		expect(result.error?.message).toBe('Too many Destinations: 4 of at most 3');
		expect(changingCalls(emulator())).toEqual([]);
	});
});
