/**
 * What the 360dialog Trigger must emit for every sample payload in test/fixtures/payloads, per
 * output, written out by hand from the payloads. Matched with toMatchObject: listed fields only.
 */
export interface ExpectedOutputs {
	messages: object[];
	statuses: object[];
	errors: object[];
}

const CLOUD = {
	phone_number_id: '106540352242922',
	display_phone_number: '4915112345678',
	waba_id: '102290129340398',
	messaging_product: 'whatsapp',
};
const LENA = { name: 'Lena Fischer', wa_id: '4917612345678' };
const OUTGOING_ID = 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjU5NkU1QjQ4QkI0QzUzQTQ3RgA=';
const BUTTON_MESSAGE_ID = 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEkJUTlNFTlQwMDAwMDAwMDAA';

function cloudMessage(fields: object) {
	return { event: 'message', ...CLOUD, from: '4917612345678', contact: LENA, ...fields };
}

function cloudStatus(fields: object) {
	return { event: 'status', ...CLOUD, recipient_id: '4917612345678', ...fields };
}

const none: object[] = [];

export const EXPECTED: Record<string, ExpectedOutputs> = {
	'cloud/batched_statuses_and_message.json': {
		messages: [
			cloudMessage({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YTEXT03==',
				type: 'text',
				text: 'Danke!',
			}),
		],
		statuses: [
			cloudStatus({ message_id: OUTGOING_ID, status: 'delivered', pricing: { billable: false } }),
			cloudStatus({ message_id: OUTGOING_ID, status: 'read', timestamp: '1750857412' }),
		],
		errors: none,
	},
	'cloud/errors_toplevel.json': {
		messages: none,
		statuses: none,
		errors: [
			{
				event: 'error',
				...CLOUD,
				code: 130429,
				title: 'Rate limit hit',
				message: 'Rate limit hit',
				details: 'Cloud API message throughput has been reached.',
			},
		],
	},
	'cloud/image.json': {
		messages: [
			cloudMessage({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YIMG001==',
				type: 'image',
				media: { caption: 'Foto vom Schaden', mime_type: 'image/jpeg', id: '2754859441498128' },
			}),
		],
		statuses: none,
		errors: none,
	},
	'cloud/interactive_button_reply.json': {
		messages: [
			cloudMessage({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YBTN001==',
				type: 'interactive',
				reply: { type: 'button_reply', id: 'confirm_yes', title: 'Ja, bestätigen' },
				context: { from: '4915112345678', id: BUTTON_MESSAGE_ID },
			}),
		],
		statuses: none,
		errors: none,
	},
	'cloud/location.json': {
		messages: [
			cloudMessage({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YLOC001==',
				type: 'location',
				location: {
					latitude: 52.520008,
					longitude: 13.404954,
					name: 'Alexanderplatz',
					address: 'Alexanderplatz 1, 10178 Berlin',
				},
			}),
		],
		statuses: none,
		errors: none,
	},
	'cloud/reaction.json': {
		messages: [
			cloudMessage({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YREA001==',
				type: 'reaction',
				reaction: { message_id: BUTTON_MESSAGE_ID, emoji: '👍' },
			}),
		],
		statuses: none,
		errors: none,
	},
	'cloud/status_delivered.json': {
		messages: none,
		statuses: [
			cloudStatus({
				message_id: OUTGOING_ID,
				status: 'delivered',
				timestamp: '1750857386',
				conversation: { id: 'a75d17ad06104c51166f948319b03c6a', origin: { type: 'service' } },
				pricing: { billable: false, pricing_model: 'PMP', category: 'service' },
			}),
		],
		errors: none,
	},
	'cloud/status_failed.json': {
		messages: none,
		statuses: [
			cloudStatus({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEkZBSUxFRDAwMDAwMDAwMDAA',
				status: 'failed',
				errors: [{ code: 131047, title: 'Re-engagement message' }],
			}),
		],
		errors: none,
	},
	'cloud/status_read.json': {
		messages: none,
		statuses: [cloudStatus({ message_id: OUTGOING_ID, status: 'read' })],
		errors: none,
	},
	'cloud/status_sent.json': {
		messages: none,
		statuses: [
			cloudStatus({
				message_id: OUTGOING_ID,
				status: 'sent',
				timestamp: '1750857384',
				timestamp_iso: '2025-06-25T13:16:24.000Z',
				conversation: { expiration_timestamp: '1750943820' },
			}),
		],
		errors: none,
	},
	'cloud/text.json': {
		messages: [
			cloudMessage({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YTEXT01==',
				type: 'text',
				text: 'Hallo, ist der Artikel noch verfügbar?',
				timestamp: '1749416383',
				timestamp_iso: '2025-06-08T20:59:43.000Z',
			}),
		],
		statuses: none,
		errors: none,
	},
	'cloud/text_reply_context.json': {
		messages: [
			cloudMessage({
				message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YTEXT02==',
				type: 'text',
				text: 'Ja, genau den meine ich',
				context: {
					from: '4915112345678',
					id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjQ0OTJDNjE1RjUxMjM0NTY3AA==',
				},
			}),
		],
		statuses: none,
		errors: none,
	},
	'onprem/errors_toplevel.json': {
		messages: none,
		statuses: none,
		errors: [
			{
				event: 'error',
				code: 1016,
				title: 'System overloaded',
				message: 'System overloaded',
				details: 'Webhook callback queue is full; webhook is not answering 200',
			},
		],
	},
	'onprem/status_failed.json': {
		messages: none,
		statuses: [
			{
				event: 'status',
				message_id: 'gBGGSRdhNFZnAgkPk3Hs3m7DxMc',
				recipient_id: '4917612345678',
				status: 'failed',
				errors: [{ code: 470 }],
			},
		],
		errors: none,
	},
	'onprem/status_sent.json': {
		messages: none,
		statuses: [
			{
				event: 'status',
				message_id: 'gBGGSRdhNFZnAglL4eF6ioPQn1M',
				status: 'sent',
				pricing: { billable: true, pricing_model: 'CBP', category: 'user_initiated' },
			},
		],
		errors: none,
	},
	'onprem/text.json': {
		messages: [
			{
				event: 'message',
				message_id: 'ABGGSRdhNFZnAgo6EoEcLvvzEvOp',
				from: '4917612345678',
				type: 'text',
				text: 'Hallo, ist der Artikel noch verfügbar?',
				contact: LENA,
			},
		],
		statuses: none,
		errors: none,
	},
};

/** A JSON body that is neither a Cloud API envelope nor an On-Premise notification. */
export const UNRECOGNIZED_BODY = { hello: 'world', note: 'not a WhatsApp notification' };
