/**
 * What WhatsApp's own error codes (passed through by 360dialog in Meta's envelope) mean for a
 * builder, and what to do about them. 360dialog's messaging contract §5 lists the codes. Generic
 * ones (100 invalid parameter, 131000 something went wrong) keep the general wording, which
 * already quotes WhatsApp's details naming the field.
 */

export interface WhatsAppExplanation {
	message: string;
	description: string;
}

/** The part of a template a 132xxx error's details name ("body: number of ..."), if any. */
function templatePart(details: string | undefined): string {
	const part = /^(header|body|button \d+)\b/i.exec(details ?? '')?.[1];
	if (!part) return 'the template';
	return /^button/i.test(part)
		? `button ${part.split(' ')[1]} of the template`
		: `the template's ${part}`;
}

const SLOW_DOWN =
	'Space the messages out, for example with a Loop Over Items node and a Wait node, and send the rest later.';

/**
 * How each documented code reads; `says` is 360dialog's own message, ready to prefix. 131047 and
 * 131026 may instead come after a 200, as a `failed` status with these codes (contract §1 and §8,
 * UNVERIFIED which): the trigger's Statuses output carries those, so both ways reach the builder.
 */
const EXPLANATIONS: Record<
	number,
	(details: string | undefined, says: string) => WhatsAppExplanation
> = {
	131047: (_details, says) => ({
		message: 'WhatsApp refused the message: the 24-hour customer service window is closed (131047)',
		description: `${says}More than 24 hours have passed since the customer last wrote, and outside that window WhatsApp delivers only template messages. Send an approved template with the Send Template operation, or wait until the customer writes again.`,
	}),
	132000: (details, says) => ({
		message: `WhatsApp refused the template: ${templatePart(details)} got the wrong number of parameters (132000)`,
		description: `${says}Give exactly the parameters the template has. Check Template Parameters (open the field list again if the template was edited in the 360dialog Hub) and the JSON components.`,
	}),
	132001: (_details, says) => ({
		message: 'WhatsApp refused the template: it does not exist in this language (132001)',
		description: `${says}The template name must match exactly, and the template must be approved in the chosen language. Pick the template and its language from the lists of Send Template, or check them in the 360dialog Hub.`,
	}),
	132005: (details, says) => ({
		message: `WhatsApp refused the template: ${templatePart(details)} is too long once filled in (132005)`,
		description: `${says}Shorten the parameter values: a template body may hold 1024 characters and a text header 60, with the parameters filled in.`,
	}),
	132012: (details, says) => ({
		message: `WhatsApp refused the template: a parameter of ${templatePart(details)} has the wrong format (132012)`,
		description: `${says}Give each parameter the kind the template expects: text for a text placeholder, an image, video or document for a media header, a code for a copy-code button.`,
	}),
	131026: (_details, says) => ({
		message: 'WhatsApp could not deliver the message (131026)',
		description: `${says}The recipient may not have WhatsApp, may use an outdated app, or has not accepted WhatsApp's current terms. Check the number, and do not resend the message automatically.`,
	}),
	130429: (_details, says) => ({
		message: "WhatsApp is limiting this number's throughput: slow down (130429)",
		description: `${says}A number sends 80 messages per second by default (in and out together). ${SLOW_DOWN}`,
	}),
	// The pair limit (about 1 message per 6 s to one user) is UNVERIFIED: third-party summaries.
	131056: (_details, says) => ({
		message: 'Too many messages to this recipient in a short time: slow down (131056)',
		description: `${says}WhatsApp limits how many messages one number sends to the same recipient in a short time. Wait before sending this recipient more. ${SLOW_DOWN}`,
	}),
	131051: (_details, says) => ({
		message: 'WhatsApp does not support this message type (131051)',
		description: `${says}Use one of the Message operations of this node.`,
	}),
	368: (_details, says) => ({
		message: 'WhatsApp blocked this number for a policy violation (368)',
		description: `${says}Check the number's status and messages in the 360dialog Hub and WhatsApp Manager.`,
	}),
	131031: (_details, says) => ({
		message: 'WhatsApp locked this account (131031)',
		description: `${says}Check the account's status in the 360dialog Hub and WhatsApp Manager.`,
	}),
	// On-Premise's form of 131047.
	470: (details, says) => EXPLANATIONS[131047](details, says),
};

/** The rate-limit codes: callers back off instead of failing. */
export const WHATSAPP_RATE_LIMIT_CODES = new Set([130429, 131056]);

export function explainWhatsAppCode(
	code: number,
	details: string | undefined,
	says: string,
): WhatsAppExplanation | undefined {
	return EXPLANATIONS[code]?.(details, says);
}
