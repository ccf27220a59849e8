/** Cloud API notifications of a given size, shaped like the samples in test/fixtures/payloads. */
export function cloudNotification(kind: 'messages' | 'statuses', count: number): string {
	const items = Array.from({ length: count }, (_, index) =>
		kind === 'messages'
			? {
					from: '4917612345678',
					id: `wamid.HBgNNDkxNzYxMjM0NTY3OBUCABIYFDNBM0YTEXT${String(index).padStart(4, '0')}==`,
					timestamp: String(1749416383 + index),
					type: 'text',
					text: { body: `Hallo, ist der Artikel ${index} noch verfügbar?` },
				}
			: {
					id: `wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjU5NkU1QjQ4QkI0QzUzQTQ3RgA${index}=`,
					status: 'delivered',
					timestamp: String(1750857386 + index),
					recipient_id: '4917612345678',
					conversation: { id: 'a75d17ad06104c51166f948319b03c6a', origin: { type: 'service' } },
					pricing: {
						billable: false,
						pricing_model: 'PMP',
						category: 'service',
						type: 'free_customer_service',
					},
				},
	);
	const value: Record<string, unknown> = {
		messaging_product: 'whatsapp',
		metadata: { display_phone_number: '4915112345678', phone_number_id: '106540352242922' },
		[kind]: items,
	};
	if (kind === 'messages')
		value.contacts = [{ profile: { name: 'Lena Fischer' }, wa_id: '4917612345678' }];
	return JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [{ id: '102290129340398', changes: [{ field: 'messages', value }] }],
	});
}

/**
 * The load's bodies: one text message each, like test/fixtures/payloads/cloud/text.json, with
 * a message id no other request of the run has (each is a new event, as real traffic is: a
 * repeated id would be dropped as a redelivery).
 */
export function uniqueTextMessage(n: number): string {
	return cloudNotification('messages', 1).replace(
		/"id":"wamid\.[^"]*"/,
		`"id":"wamid.bench.${process.pid}.${n}"`,
	);
}
