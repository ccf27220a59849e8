import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_APPLY_TIMEOUT_SECONDS,
	DEFAULT_REQUEST_TIMEOUT_SECONDS,
} from '../../helpers/calls/options';

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Seconds)',
	name: 'requestTimeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_REQUEST_TIMEOUT_SECONDS,
	description: 'How long to wait for each answer from 360dialog before giving up',
};

/** The Options collection of an operation, holding the given options. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/** For operations that only read. */
export const readOptionsProperty = optionsProperty([requestTimeoutOption]);

/** For operations that change the configuration, which 360dialog applies seconds later. */
export const changeProperties: INodeProperties[] = [
	{
		displayName: 'Wait Until Applied',
		name: 'waitUntilApplied',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until 360dialog shows the change and output the configuration as applied. 360dialog applies changes after several seconds; when off, the output is its answer that the change has started.',
	},
	optionsProperty([
		{
			displayName: 'Apply Timeout (Seconds)',
			name: 'applyTimeout',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_APPLY_TIMEOUT_SECONDS,
			description:
				'How long to wait for the change to show before failing. 360dialog applies a WABA webhook in 15-20 seconds.',
			displayOptions: { show: { '/waitUntilApplied': [true] } },
		},
		requestTimeoutOption,
	]),
];
