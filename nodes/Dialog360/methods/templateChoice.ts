import type { ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * The template and language the editor has chosen so far. An expression the editor cannot
 * resolve (it refers to input items) counts as not chosen yet.
 */
export function chosenTemplateName(context: ILoadOptionsFunctions): string {
	return chosen(() => context.getNodeParameter('template', undefined, { extractValue: true }));
}

export function chosenLanguage(context: ILoadOptionsFunctions): string {
	return chosen(() => context.getNodeParameter('language', undefined));
}

function chosen(read: () => unknown): string {
	try {
		const value = read();
		return typeof value === 'string' && !value.startsWith('=') ? value.trim() : '';
	} catch {
		// Unresolvable in the editor; the execution resolves it per item.
		return '';
	}
}
