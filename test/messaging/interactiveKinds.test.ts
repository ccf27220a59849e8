import type { INodeParameters } from 'n8n-workflow';

import { expectAuthenticated, expectNoKey, run, useEmulator } from '../actions/helpers';
import { CUSTOMER, customerWrites, message, onlySent, sentBodies } from './helpers';

// Send CTA URL, Send Location Request and Send Flow, over real HTTP against the emulator, which
// checks the bodies as WhatsApp documents them.

const emulator = useEmulator();
const x = (length: number) => 'x'.repeat(length);

beforeEach(async () => {
	await customerWrites(emulator());
});

async function expectSent(parameters: INodeParameters, interactive: unknown) {
	const result = await run(emulator(), parameters);
	expect(result.error).toBeUndefined();
	expect(onlySent(emulator())).toMatchObject({ type: 'interactive', interactive });
	const [accepted] = emulator().messages();
	expect(result.items).toEqual([
		{
			json: expect.objectContaining({ message_id: accepted.id, wa_id: CUSTOMER }),
			pairedItem: { item: 0 },
		},
	]);
	expectAuthenticated(emulator().requests.find((r) => r.path === '/messages')!, emulator().apiKey);
	expectNoKey(result, emulator().apiKey);
	return result;
}

async function expectRefusedBeforeAnyCall(
	parameters: INodeParameters,
	messageText: string | RegExp,
	description?: RegExp,
) {
	const result = await run(emulator(), parameters);
	expect(result.error?.message).toEqual(
		typeof messageText === 'string' ? messageText : expect.stringMatching(messageText),
	);
	if (description) expect(result.error?.description).toMatch(description);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(emulator().requests.filter((r) => r.path === '/messages')).toEqual([]);
}

describe('Message: Send CTA URL', () => {
	const cta = (extra: INodeParameters = {}) =>
		message('sendCtaUrl', {
			text: 'Your order ships today',
			displayText: 'Track order',
			url: 'https://example.com/orders/4711',
			...extra,
		});

	it('sends one link button with an image header and a footer', async () => {
		await expectSent(
			cta({
				headerType: 'image',
				headerMedia: 'https://example.com/parcel.jpg',
				footer: 'Shop GmbH',
			}),
			{
				type: 'cta_url',
				header: { type: 'image', image: { link: 'https://example.com/parcel.jpg' } },
				body: { text: 'Your order ships today' },
				footer: { text: 'Shop GmbH' },
				action: {
					name: 'cta_url',
					parameters: { display_text: 'Track order', url: 'https://example.com/orders/4711' },
				},
			},
		);
	});

	it('without header and footer sends neither', async () => {
		await expectSent(cta(), expect.not.objectContaining({ header: expect.anything() }));
		expect(onlySent(emulator()).interactive).not.toHaveProperty('footer');
	});

	it.each([
		['an empty button text', { displayText: ' ' }, 'Button Text is empty'],
		[
			'a button text over 20 characters',
			{ displayText: x(21) },
			'Button Text is too long: 21 characters, at most 20',
		],
		[
			'a URL that is not http(s)',
			{ url: 'ftp://example.com/x' },
			'Invalid URL "ftp://example.com/x"',
		],
		['an empty URL', { url: ' ' }, 'URL is empty'],
		['a body over 1024 characters', { text: x(1025) }, /^Text is too long: 1025/],
		[
			'a header text over 60 characters',
			{ headerType: 'text', headerText: x(61) },
			/^Header Text is too long/,
		],
	])('refuses %s before any call', async (_, extra, error) => {
		await expectRefusedBeforeAnyCall(cta(extra), error);
	});
});

describe('Message: Send Location Request', () => {
	it('sends the body with a send_location action, nothing else', async () => {
		await expectSent(message('sendLocationRequest', { text: 'Where should we pick you up?' }), {
			type: 'location_request_message',
			body: { text: 'Where should we pick you up?' },
			action: { name: 'send_location' },
		});
		expect(Object.keys(onlySent(emulator()).interactive as object).sort()).toEqual([
			'action',
			'body',
			'type',
		]);
	});

	it('refuses an empty text before any call', async () => {
		await expectRefusedBeforeAnyCall(
			message('sendLocationRequest', { text: ' ' }),
			'Text is empty',
		);
	});

	it("outside the 24-hour window: WhatsApp's 131047 as a NodeApiError with its message", async () => {
		emulator().setWindow(CUSTOMER, false);
		const result = await run(
			emulator(),
			message('sendLocationRequest', { text: 'Where are you?' }),
		);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/\(131047\)$/);
		expect(result.error?.description).toMatch(/360dialog says: "\(#131047\)/);
		expectNoKey(result, emulator().apiKey);
	});
});

describe('Message: Send Flow', () => {
	const flow = (extra: INodeParameters = {}) =>
		message('sendFlow', {
			text: 'Book your appointment',
			flowId: '1197715005513101',
			flowCta: 'Book now',
			screen: 'BOOKING',
			...extra,
		});

	it('navigates to a first screen with data, a flow token and a text header (published)', async () => {
		await expectSent(
			flow({
				reference: 'booking-4711',
				screenData: '{"available_dates": ["2025-06-12", "2025-06-13"]}',
				headerType: 'text',
				headerText: 'Appointments',
				footer: 'Takes a minute',
			}),
			{
				type: 'flow',
				header: { type: 'text', text: 'Appointments' },
				body: { text: 'Book your appointment' },
				footer: { text: 'Takes a minute' },
				action: {
					name: 'flow',
					parameters: {
						flow_message_version: '3',
						flow_id: '1197715005513101',
						flow_cta: 'Book now',
						flow_token: 'booking-4711',
						mode: 'published',
						flow_action: 'navigate',
						flow_action_payload: {
							screen: 'BOOKING',
							data: { available_dates: ['2025-06-12', '2025-06-13'] },
						},
					},
				},
			},
		);
	});

	it("by name, in draft mode, opened by the Flow's endpoint (data_exchange: no payload)", async () => {
		await expectSent(
			flow({
				flowBy: 'name',
				flowName: 'appointment_booking',
				mode: 'draft',
				flowAction: 'data_exchange',
			}),
			{
				action: {
					name: 'flow',
					parameters: {
						flow_message_version: '3',
						flow_name: 'appointment_booking',
						flow_cta: 'Book now',
						mode: 'draft',
						flow_action: 'data_exchange',
					},
				},
			},
		);
		const { parameters } = (onlySent(emulator()).interactive as { action: { parameters: object } })
			.action;
		expect(parameters).not.toHaveProperty('flow_action_payload');
		expect(parameters).not.toHaveProperty('flow_token');
	});

	it('one send per input item, each paired with its item', async () => {
		emulator().setWindow('4915199999999', true);
		const result = await run(
			emulator(),
			flow({ to: '={{ $json.from }}', reference: '=t-{{ $json.from }}' }),
			{ input: [{ from: CUSTOMER }, { from: '4915199999999' }] },
		);
		expect(result.error).toBeUndefined();
		expect(
			sentBodies(emulator()).map(
				(body) =>
					(body.interactive as { action: { parameters: { flow_token: string } } }).action.parameters
						.flow_token,
			),
		).toEqual([`t-${CUSTOMER}`, 't-4915199999999']);
		expect(result.items.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each<[string, INodeParameters, string | RegExp, RegExp | undefined]>([
		['an empty flow ID', { flowId: ' ' }, 'Flow ID is empty', undefined],
		[
			'a flow ID with letters',
			{ flowId: 'booking' },
			'Invalid Flow ID "booking"',
			/Flow By to Flow Name/,
		],
		['an empty flow name', { flowBy: 'name', flowName: ' ' }, 'Flow Name is empty', undefined],
		[
			'a button text over 30 characters',
			{ flowCta: x(31) },
			/^Button Text is too long: 31 characters, at most 30/,
			undefined,
		],
		['no first screen for navigate', { screen: ' ' }, 'First Screen is empty', /Data Exchange/],
		[
			'screen data that is not JSON',
			{ screenData: '{"a": ' },
			'Invalid JSON in Screen Data (JSON)',
			undefined,
		],
		[
			'screen data that is a list',
			{ screenData: '[1, 2]' },
			/^Screen Data \(JSON\) must be an object/,
			undefined,
		],
		[
			'empty screen data object',
			{ screenData: '{}' },
			/^Screen Data \(JSON\) must be an object/,
			undefined,
		],
	])('refuses %s before any call', async (_, extra, error, description) => {
		await expectRefusedBeforeAnyCall(flow(extra), error, description);
	});
});

describe('On-Premise hosting', () => {
	it.each(['sendCtaUrl', 'sendLocationRequest', 'sendFlow'])(
		'%s is refused before any call',
		async (operation) => {
			const parameters = message(operation, {
				text: 'Hi',
				displayText: 'Open',
				url: 'https://example.com',
				flowId: '1197715005513101',
				flowCta: 'Open',
				screen: 'START',
			});
			const result = await run(emulator(), parameters, {
				hosting: 'onPremise',
			});
			expect(result.error?.message).toMatch(/needs a Cloud API number/);
			expect(emulator().requests.filter((r) => r.path === '/messages')).toEqual([]);
		},
	);
});
