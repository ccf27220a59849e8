/** A Cloud API text-message notification, shaped like test/fixtures/payloads/cloud/text.json. */
export function sampleTextNotification(
	ids: { wabaId?: string; phoneNumberId?: string; displayPhoneNumber?: string } = {},
	text = 'Hello from the 360dialog emulator',
): unknown {
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
									id: `wamid.emulator.${Date.now()}`,
									timestamp: `${Math.floor(Date.now() / 1000)}`,
									type: 'text',
									text: { body: text },
								},
							],
						},
					},
				],
			},
		],
	};
}
