import type { INode } from 'n8n-workflow';

import { invalidParameter } from '../parameters/invalidParameter';
import type { FormField } from './answerPage';

interface FieldParameter {
	fieldLabel?: string;
	fieldType?: FormField['type'];
	fieldOptions?: string;
	requiredField?: boolean;
}

/**
 * The Custom Form's fields (the Form Fields parameter), checked before the question goes out:
 * the page is built only when the customer opens it, when nobody could fix a field any more.
 */
export function readFormFields(node: INode, formFields: unknown): FormField[] {
	const scope = { node, itemIndex: 0 };
	const { values = [] } = (formFields ?? {}) as { values?: FieldParameter[] };
	if (values.length === 0) {
		throw invalidParameter(scope, 'The Custom Form has no fields', 'Add at least one Form Field.');
	}
	const fields = values.map((value, index): FormField => {
		const label = (value.fieldLabel ?? '').trim();
		if (!label) {
			throw invalidParameter(
				scope,
				`Form Field ${index + 1} has no label`,
				'Enter its Field Label.',
			);
		}
		const type = value.fieldType ?? 'text';
		const options = (value.fieldOptions ?? '')
			.split(',')
			.map((option) => option.trim())
			.filter(Boolean);
		if (type === 'dropdown' && options.length === 0) {
			throw invalidParameter(
				scope,
				`Form Field "${label}" is a dropdown list without choices`,
				'Enter its Field Options, separated by commas.',
			);
		}
		return { label, type, options, required: value.requiredField === true };
	});
	const labels = fields.map((field) => field.label);
	const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
	if (repeated !== undefined) {
		throw invalidParameter(
			scope,
			`Two Form Fields are labelled "${repeated}"`,
			'Give each field its own label: it is its key in the output.',
		);
	}
	return fields;
}
