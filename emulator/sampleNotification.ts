export interface NotificationIds {
	wabaId?: string;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
}

/** A media message's content as WhatsApp sends it (a voice note is audio with voice: true). */
export interface SampleMedia {
	type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
	/** A media id the emulator holds (seedMedia), or any other to see a download fail. */
	id: string;
	mimeType: string;
	sha256: string;
	/** Documents carry the file's own name. */
	fileName?: string;
	caption?: string;
	voice?: boolean;
}

/** A Cloud API notification of one incoming message, as the samples build it. */
export interface MessageNotification {
	object: string;
	entry: Array<{
		id: string;
		changes: Array<{
			field: string;
			value: {
				messaging_product: string;
				metadata: { display_phone_number: string; phone_number_id: string };
				contacts: Array<{ profile: { name: string }; wa_id: string }>;
				messages: Array<{ id: string; from: string; type: string } & Record<string, unknown>>;
			};
		}>;
	}>;
}

let sequence = 0;

/** One incoming message from the sample customer, in a Cloud API notification envelope. */
function messageNotification(
	ids: NotificationIds,
	message: { type: string } & Record<string, unknown>,
): MessageNotification {
	sequence += 1;
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: ids.wabaId ?? '102290129340398',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: ids.displayPhoneNumber ?? '4915112345678',
								phone_number_id: ids.phoneNumberId ?? '106540352242922',
							},
							contacts: [{ profile: { name: 'Lena Fischer' }, wa_id: '4917612345678' }],
							messages: [
								{
									from: '4917612345678',
									id: `wamid.emulator.${Date.now()}.${sequence}`,
									timestamp: `${Math.floor(Date.now() / 1000)}`,
									...message,
								},
							],
						},
					},
				],
			},
		],
	};
}

/** A Cloud API text-message notification, shaped like test/fixtures/payloads/cloud/text.json. */
export function sampleTextNotification(
	ids: NotificationIds = {},
	text = 'Hello from the 360dialog emulator',
): MessageNotification {
	return messageNotification(ids, { type: 'text', text: { body: text } });
}

/** A Cloud API notification of a media message, shaped like test/fixtures/payloads/cloud/image.json. */
export function sampleMediaNotification(
	media: SampleMedia,
	ids: NotificationIds = {},
): MessageNotification {
	return messageNotification(ids, {
		type: media.type,
		[media.type]: {
			...(media.caption !== undefined ? { caption: media.caption } : {}),
			...(media.fileName !== undefined ? { filename: media.fileName } : {}),
			mime_type: media.mimeType,
			sha256: media.sha256,
			id: media.id,
			...(media.voice !== undefined ? { voice: media.voice } : {}),
		},
	});
}
