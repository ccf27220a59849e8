import type { INodeProperties } from 'n8n-workflow';

import { BLOCK_REQUEST_MAX } from '../../helpers/blockedUsers/blocklist';

/** The users a Block or Unblock acts on. */
export const usersProperty: INodeProperties = {
	displayName: 'Users',
	name: 'users',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +49 176 1234567, 4917698765432 or {{ $json.from }}',
	description: `Phone numbers with their country code or WhatsApp IDs, separated by commas (or a list from an expression), up to ${BLOCK_REQUEST_MAX}`,
};
