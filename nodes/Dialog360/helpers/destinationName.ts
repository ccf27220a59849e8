import type { IExecuteFunctions } from 'n8n-workflow';

import { checkDestinationName } from './validation';

/** The Destination locator's value: the exact name, whichever mode gave it. */
export function readDestinationName(this: IExecuteFunctions, itemIndex: number): string {
	const name = this.getNodeParameter('destinationName', itemIndex, '', { extractValue: true });
	const text = typeof name === 'string' ? name : String(name ?? '');
	checkDestinationName({ node: this.getNode(), itemIndex }, text);
	return text;
}
