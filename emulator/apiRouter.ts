import type { ApiContext, ApiRequest } from './apiContext';
import { errorResponse, unauthorized, type ApiResponse, type ErrorFamily } from './apiResponses';
import {
	deleteMultiWebhook,
	getMultiWebhook,
	patchMultiWebhook,
	postMultiWebhook,
	putMultiWebhook,
} from './multiWebhookApi';
import {
	getBusinessProfile,
	postBusinessProfile,
	postUploadData,
	postUploadSession,
} from './businessProfileApi';
import { deleteBlockUsers, getBlockUsers, postBlockUsers } from './blockUsersApi';
import { deleteMedia, downloadMedia, getMedia, postMedia } from './mediaApi';
import { ATTACHMENTS_PATH } from './mediaUrls';
import { postMessages } from './messagesApi';
import { deleteTemplate, getTemplates, postTemplate, TEMPLATE_PATH_PREFIX } from './templatesApi';
import {
	getPhoneNumberWebhook,
	getWabaWebhook,
	postPhoneNumberWebhook,
	postWabaWebhook,
} from './webhookConfigApi';
import { isPlainObject } from './webhookRules';

type Handler =
	| { needsBody: false; run: (ctx: ApiContext, pathParam: string) => ApiResponse }
	| { needsBody: true; run: (ctx: ApiContext, body: Record<string, unknown>) => ApiResponse }
	/** Reads the request itself: its query or its raw (multipart) body. */
	| {
			readsRequest: true;
			run: (ctx: ApiContext, request: ApiRequest) => ApiResponse | Promise<ApiResponse>;
	  };

interface Route {
	family: ErrorFamily;
	methods: Record<string, Handler>;
	/** Set for /multi_webhook/{name} (the raw, still encoded name) and /{media-id}. */
	pathParam: string;
}

const DESTINATION_PATH_PREFIX = '/multi_webhook/';
/** /{media-id}: WhatsApp's media ids are digits. */
const MEDIA_ID_PATH = /^\/\d+$/;
/** /upload:{session id}, where the Resumable Upload API takes a file's bytes. */
const UPLOAD_SESSION_PREFIX = '/upload:';

function findRoute(path: string): Route | undefined {
	switch (path) {
		case '/multi_webhook':
			return {
				family: 'multiWebhook',
				pathParam: '',
				methods: {
					GET: { needsBody: false, run: getMultiWebhook },
					POST: { needsBody: true, run: postMultiWebhook },
					PUT: { needsBody: true, run: putMultiWebhook },
					PATCH: { needsBody: true, run: patchMultiWebhook },
				},
			};
		case '/v1/configs/webhook':
			return {
				family: 'meta',
				pathParam: '',
				methods: {
					GET: { needsBody: false, run: getPhoneNumberWebhook },
					POST: { needsBody: true, run: postPhoneNumberWebhook },
				},
			};
		case '/messages':
			return {
				family: 'graph',
				pathParam: '',
				methods: { POST: { needsBody: true, run: postMessages } },
			};
		case '/media':
			return {
				family: 'graph',
				pathParam: '',
				methods: {
					POST: { readsRequest: true, run: postMedia },
				},
			};
		case ATTACHMENTS_PATH:
			return {
				family: 'graph',
				pathParam: '',
				methods: { GET: { readsRequest: true, run: downloadMedia } },
			};
		case '/v1/configs/templates':
			return {
				family: 'meta',
				pathParam: '',
				methods: {
					GET: { readsRequest: true, run: getTemplates },
					POST: { needsBody: true, run: postTemplate },
				},
			};
		case '/block_users':
			return {
				family: 'graph',
				pathParam: '',
				methods: {
					GET: { readsRequest: true, run: getBlockUsers },
					POST: { needsBody: true, run: postBlockUsers },
					DELETE: { needsBody: true, run: deleteBlockUsers },
				},
			};
		case '/whatsapp_business_profile':
			return {
				family: 'graph',
				pathParam: '',
				methods: {
					GET: { readsRequest: true, run: getBusinessProfile },
					POST: { needsBody: true, run: postBusinessProfile },
				},
			};
		case '/uploads':
			return {
				family: 'graph',
				pathParam: '',
				methods: { POST: { readsRequest: true, run: postUploadSession } },
			};
		case '/waba_webhook':
			return {
				family: 'meta',
				pathParam: '',
				methods: {
					GET: { needsBody: false, run: getWabaWebhook },
					POST: { needsBody: true, run: postWabaWebhook },
				},
			};
	}
	if (path.startsWith(UPLOAD_SESSION_PREFIX)) {
		return {
			family: 'graph',
			pathParam: '',
			methods: { POST: { readsRequest: true, run: postUploadData } },
		};
	}
	if (MEDIA_ID_PATH.test(path)) {
		return {
			family: 'graph',
			pathParam: path.slice(1),
			methods: {
				GET: { needsBody: false, run: getMedia },
				DELETE: { needsBody: false, run: deleteMedia },
			},
		};
	}
	if (path.startsWith(TEMPLATE_PATH_PREFIX) && path.length > TEMPLATE_PATH_PREFIX.length) {
		return {
			family: 'meta',
			pathParam: '',
			methods: { DELETE: { readsRequest: true, run: deleteTemplate } },
		};
	}
	if (path.startsWith(DESTINATION_PATH_PREFIX)) {
		return {
			family: 'multiWebhook',
			pathParam: path.slice(DESTINATION_PATH_PREFIX.length),
			methods: { DELETE: { needsBody: false, run: deleteMultiWebhook } },
		};
	}
	return undefined;
}

/** The error shape a path answers in (unknown paths use the multi-webhook one). */
export function errorFamilyOf(path: string): ErrorFamily {
	return findRoute(path)?.family ?? 'multiWebhook';
}

/** One call to a 360dialog endpoint: route, check the key, check the body, run. */
export function handleApiRequest(
	ctx: ApiContext,
	apiKey: string,
	request: ApiRequest,
): ApiResponse | Promise<ApiResponse> {
	const route = findRoute(request.path);
	if (!route) return errorResponse('multiWebhook', 404, `Not found: ${request.path}`);
	if (request.headers['d360-api-key'] !== apiKey) return unauthorized(route.family);
	const handler = route.methods[request.method];
	if (!handler) {
		const response = errorResponse(route.family, 405, `Method ${request.method} not allowed`);
		return { ...response, headers: { allow: Object.keys(route.methods).join(', ') } };
	}
	if ('readsRequest' in handler) return handler.run(ctx, request);
	if (!handler.needsBody) return handler.run(ctx, route.pathParam);
	if (!isPlainObject(request.body)) {
		return errorResponse(route.family, 400, 'Request body must be a JSON object');
	}
	return handler.run(ctx, request.body);
}
