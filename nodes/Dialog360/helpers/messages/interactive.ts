import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mediaReference } from './mediaReference';
import { checkOptionalText, checkText, LIMITS } from './messageRules';

/** The Header parameters as an interactive message's header, or undefined for none. */
export function readHeader(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const scope = { node: this.getNode(), itemIndex };
	const type = this.getNodeParameter('headerType', itemIndex, 'none') as string;
	if (type === 'none') return undefined;
	if (type === 'text') {
		const text = this.getNodeParameter('headerText', itemIndex, '') as string;
		checkText(scope, 'Header Text', text, LIMITS.headerText);
		return { type: 'text', text };
	}
	const media = this.getNodeParameter('headerMedia', itemIndex, '') as string;
	return { type, [type]: mediaReference(scope, 'Header Media', media) };
}

export function readFooter(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const footer = this.getNodeParameter('footer', itemIndex, '') as string;
	if (footer === '') return undefined;
	checkOptionalText({ node: this.getNode(), itemIndex }, 'Footer', footer, LIMITS.footer);
	return { text: footer };
}

/** The body, header and footer every interactive message shares, checked. */
export function readInteractiveFrame(
	this: IExecuteFunctions,
	itemIndex: number,
	bodyMax: number,
): IDataObject {
	const text = this.getNodeParameter('text', itemIndex, '') as string;
	checkText({ node: this.getNode(), itemIndex }, 'Text', text, bodyMax);
	const header = readHeader.call(this, itemIndex);
	const footer = readFooter.call(this, itemIndex);
	return {
		...(header ? { header } : {}),
		body: { text },
		...(footer ? { footer } : {}),
	};
}
