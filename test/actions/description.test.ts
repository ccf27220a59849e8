import { SEND_AND_WAIT_OPERATION, type INodePropertyOptions } from 'n8n-workflow';

import { Dialog360 } from '../../nodes/Dialog360/Dialog360.node';
import * as media from '../../nodes/Dialog360/actions/media';
import * as message from '../../nodes/Dialog360/actions/message';
import * as multiWebhook from '../../nodes/Dialog360/actions/multiWebhook';
import * as phoneNumberWebhook from '../../nodes/Dialog360/actions/phoneNumberWebhook';
import * as template from '../../nodes/Dialog360/actions/template';
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
		['media', media.operations],
		// Send and Wait is routed on its own (once per execution, then it waits): see router.ts.
		['message', { ...message.operations, [SEND_AND_WAIT_OPERATION]: undefined }],
		['template', template.operations],
		['multiWebhook', multiWebhook.operations],
		['phoneNumberWebhook', phoneNumberWebhook.operations],
		['wabaWebhook', wabaWebhook.operations],
	])('routes every %s operation the editor offers', (resource, operations) => {
		expect(optionValues('resource')).toContain(resource);
		expect(optionValues('operation', resource).sort()).toEqual(Object.keys(operations).sort());
	});

	it('keeps Multi-Webhook the default resource, so saved workflows keep their meaning', () => {
		// n8n leaves parameters at their default out of saved workflows.
		expect(description.properties.find(({ name }) => name === 'resource')?.default).toBe(
			'multiWebhook',
		);
	});

	it('gives an AI agent what it needs to send a text or buttons: actions and described fields', () => {
		const operation = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes('message'),
		);
		const actions = ((operation?.options ?? []) as INodePropertyOptions[]).map(
			({ value, action }) => [value, action],
		);
		expect(actions).toEqual(
			expect.arrayContaining([
				['sendText', 'Send a text message'],
				['sendButtons', 'Send a message with reply buttons'],
			]),
		);
		const shownFor = (operationName: string) =>
			description.properties.filter((property) =>
				property.displayOptions?.show?.operation?.includes(operationName),
			);
		for (const name of ['sendText', 'sendButtons']) {
			const fields = shownFor(name).filter(({ type }) => type !== 'collection');
			for (const field of fields)
				expect([name, field.name, field.description]).toEqual([
					name,
					field.name,
					expect.stringMatching(/\w{3}/),
				]);
		}
		expect(shownFor('sendButtons').map(({ name }) => name)).toEqual(
			expect.arrayContaining(['to', 'text', 'specifyButtons', 'buttonsJson']),
		);
	});
});
