import type { IDataObject } from 'n8n-workflow';

export type NotificationEvent = 'message' | 'status' | 'error';

export interface SplitNotification {
	messages: IDataObject[];
	statuses: IDataObject[];
	errors: IDataObject[];
}

/** Where one change of a notification came from; every item built from it carries these. */
export interface NotificationOrigin {
	waba_id?: string;
	phone_number_id?: string;
	display_phone_number?: string;
	messaging_product?: string;
}
