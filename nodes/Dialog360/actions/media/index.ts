import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as deleteMedia from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as upload from './upload.operation';

export const operations: Record<string, Operation> = { delete: deleteMedia, download, get, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a file from 360dialog',
				action: 'Delete a media file',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download a file, such as one a customer sent, as binary data',
				action: 'Download a media file',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a file's URL, MIME type, size and sha256",
				action: 'Get a media file',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file from an earlier node and get its media ID',
				action: 'Upload a media file',
			},
		],
		default: 'upload',
	},
	...deleteMedia.description,
	...download.description,
	...get.description,
	...upload.description,
];
