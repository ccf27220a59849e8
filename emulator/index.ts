/** A stateful local stand-in for 360dialog's webhook-configuration API and its notification fan-out. */
export { startEmulator } from './server';
export type {
	DeliveryResult,
	Destination,
	Emulator,
	EmulatorOptions,
	FaultSpec,
	MediaDownloadBehaviour,
	MediaInfo,
	MediaSeed,
	MultiWebhookState,
	ReadReceipt,
	RecordedRequest,
	SentMessage,
	StateInput,
	Template,
	TemplateComponent,
	TemplateInput,
	Webhook,
} from './types';
export { OPERATION_STARTED } from './apiResponses';
export { MAX_DESTINATIONS } from './multiWebhookApi';
export { FOREIGN_HOST_ERROR, NO_MAIN_WEBHOOK_ERROR } from './fanOut';
export { nginxErrorPage } from './faults';
export { sampleMediaNotification, sampleTextNotification } from './sampleNotification';
export type { MessageNotification, SampleMedia } from './sampleNotification';
export { ATTACHMENTS_PATH, LOOKASIDE_ORIGIN } from './mediaUrls';
