import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mediaReference } from '../media/mediaReference';
import { checkOptionalText, checkText, LIMITS } from './messageRules';

/** The Header parameters as an interactive message's header, or undefined for none. */
export function readHeader(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const scope = { node: context.getNode(), itemIndex };
	const type = context.getNodeParameter('headerType', itemIndex, 'none') as string;
	if (type === 'none') return undefined;
	if (type === 'text') {
		const text = context.getNodeParameter('headerText', itemIndex, '') as string;
		checkText(scope, 'Header Text', text, LIMITS.headerText);
		return { type: 'text', text };
	}
	const media = context.getNodeParameter('headerMedia', itemIndex, '') as string;
	return { type, [type]: mediaReference(scope, 'Header Media', media) };
}

export function readFooter(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const footer = context.getNodeParameter('footer', itemIndex, '') as string;
	if (footer === '') return undefined;
	checkOptionalText({ node: context.getNode(), itemIndex }, 'Footer', footer, LIMITS.footer);
	return { text: footer };
}

/** The body, header and footer every interactive message shares, checked. */
export function readInteractiveFrame(
	context: IExecuteFunctions,
	itemIndex: number,
	bodyMax: number,
): IDataObject {
	const text = context.getNodeParameter('text', itemIndex, '') as string;
	checkText({ node: context.getNode(), itemIndex }, 'Text', text, bodyMax);
	const header = readHeader(context, itemIndex);
	const footer = readFooter(context, itemIndex);
	return {
		...(header ? { header } : {}),
		body: { text },
		...(footer ? { footer } : {}),
	};
}
