import type { INodeParameters } from 'n8n-workflow';

import { fromList, run, useEmulator } from '../actions/helpers';
import { ALL_TEMPLATES } from '../fixtures/templates';
import { fileItem, message, onlySent, templateParameters } from './helpers';

// Send Template with Header File: the image of order_update's header comes from an earlier node's
// binary data, uploaded first (as Send Media's Binary File), and goes out by its media ID.

const emulator = useEmulator();
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(300, 1)]);

beforeEach(() => emulator().registerTemplates(ALL_TEMPLATES));

async function sendTemplate(
	name: string,
	values: Record<string, string>,
	extra: INodeParameters,
	item = fileItem(JPEG, 'image/jpeg', 'parcel.jpg', 'photo'),
) {
	const parameters = await templateParameters(emulator(), name, 'en_US', values);
	emulator().clearRequests();
	return await run(
		emulator(),
		message('sendTemplate', {
			template: fromList(name),
			language: 'en_US',
			templateParameters: parameters,
			...extra,
		}),
		{ items: [item] },
	);
}

const orderValues = {
	'body:1': 'Ana',
	'body:2': 'A-7',
	'button:0:url': 'A-7',
	'button:1:copy_code': 'SAVE10',
};

it('uploads the file, then sends the header by its media ID (no header field filled in)', async () => {
	const result = await sendTemplate('order_update', orderValues, { headerBinaryField: 'photo' });

	expect(result.error).toBeUndefined();
	const [upload, send] = emulator().requests;
	expect([upload.path, send.path]).toEqual(['/media', '/messages']);
	const [stored] = emulator().media();
	expect(stored).toMatchObject({ mimeType: 'image/jpeg', fileSize: JPEG.length });
	const { components } = onlySent(emulator()).template as { components: unknown[] };
	expect(components[0]).toEqual({
		type: 'header',
		parameters: [{ type: 'image', image: { id: stored.id } }],
	});
	expect(components).toHaveLength(4);
	expect(result.items[0].json).toMatchObject({ media: { id: stored.id, mime_type: 'image/jpeg' } });
});

it('refuses a Header File when the fields hold no media header, before any call', async () => {
	const result = await run(
		emulator(),
		message('sendTemplate', {
			template: fromList('order_update'),
			language: 'en_US',
			templateParameters: { mappingMode: 'defineBelow', value: {}, schema: [] },
			headerBinaryField: 'data',
		}),
		{ items: [fileItem(JPEG, 'image/jpeg', 'a.jpg')] },
	);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(/no image, video or document header to fill/);
	expect(emulator().requests).toEqual([]);
});

it('refuses a file WhatsApp would not take for an image header, before any upload', async () => {
	const pdf = fileItem(Buffer.from('%PDF-1.4'), 'application/pdf', 'a.pdf', 'photo');
	const result = await sendTemplate(
		'order_update',
		orderValues,
		{ headerBinaryField: 'photo' },
		pdf,
	);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(/application\/pdf/);
	expect(emulator().requests).toEqual([]);
});
