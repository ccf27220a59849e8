import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../helpers/messages/messageRules';

/** The body text of an interactive message (buttons, list). */
export function bodyTextProperty(max: number): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: `The message above the choices, up to ${max} characters`,
	};
}

/** A header above the body: text, or for reply buttons also an image, video or document. */
export function headerProperties(mediaAllowed: boolean): INodeProperties[] {
	const mediaTypes = mediaAllowed
		? [
				{ name: 'Image', value: 'image' },
				{ name: 'Video', value: 'video' },
				{ name: 'Document', value: 'document' },
			]
		: [];
	return [
		{
			displayName: 'Header',
			name: 'headerType',
			type: 'options',
			default: 'none',
			options: [{ name: 'None', value: 'none' }, { name: 'Text', value: 'text' }, ...mediaTypes],
			description: 'What to show above the text',
		},
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			description: `Up to ${LIMITS.headerText} characters`,
			displayOptions: { show: { headerType: ['text'] } },
		},
		...(mediaAllowed
			? [
					{
						displayName: 'Header Media',
						name: 'headerMedia',
						type: 'string' as const,
						default: '',
						placeholder: 'e.g. https://example.com/menu.jpg or 1037543291543636',
						description:
							'A public https URL of the file, or the ID of an uploaded media (Media resource, Upload)',
						displayOptions: { show: { headerType: ['image', 'video', 'document'] } },
					},
				]
			: []),
	];
}

export const footerProperty: INodeProperties = {
	displayName: 'Footer',
	name: 'footer',
	type: 'string',
	default: '',
	description: `Small grey text below the message, up to ${LIMITS.footer} characters. Leave empty for none.`,
};
