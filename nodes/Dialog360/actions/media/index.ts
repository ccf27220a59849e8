import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as upload from './upload.operation';

export const operations: Record<string, Operation> = { upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file from an earlier node and get its media ID',
				action: 'Upload a media file',
			},
		],
		default: 'upload',
	},
	...upload.description,
];
