import type { INodePropertyOptions } from 'n8n-workflow';

import { Dialog360 } from '../../nodes/Dialog360/Dialog360.node';
import * as multiWebhook from '../../nodes/Dialog360/actions/multiWebhook';
import * as phoneNumberWebhook from '../../nodes/Dialog360/actions/phoneNumberWebhook';
import * as wabaWebhook from '../../nodes/Dialog360/actions/wabaWebhook';

const { description } = new Dialog360();

function optionValues(name: string, resource?: string): string[] {
	const property = description.properties.find(
		(candidate) =>
			candidate.name === name &&
			(resource === undefined || candidate.displayOptions?.show?.resource?.includes(resource)),
	);
	return ((property?.options ?? []) as INodePropertyOptions[]).map(({ value }) => String(value));
}

describe('360dialog node description', () => {
	it('is a tool-usable action node with the 360dialog credential', () => {
		expect(description).toMatchObject({
			name: 'dialog360',
			version: 1,
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'dialog360Api', required: true }],
			icon: {
				light: 'file:../../icons/360dialog.svg',
				dark: 'file:../../icons/360dialog.dark.svg',
			},
		});
	});

	it.each([
		['multiWebhook', multiWebhook.operations],
		['phoneNumberWebhook', phoneNumberWebhook.operations],
		['wabaWebhook', wabaWebhook.operations],
	])('routes every %s operation the editor offers', (resource, operations) => {
		expect(optionValues('resource')).toContain(resource);
		expect(optionValues('operation', resource).sort()).toEqual(Object.keys(operations).sort());
	});
});
