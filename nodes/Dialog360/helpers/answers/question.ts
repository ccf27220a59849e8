import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerButtonId, recipientTag } from '../../../shared/answers/answerButtonId';
import { readOptions } from '../calls/options';
import { checkText, checkUnique, LIMITS } from '../messages/messageRules';
import { readRecipient } from '../messages/recipient';
import { sendMessage } from '../messages/sendMessage';
import { invalidParameter } from '../parameters/invalidParameter';
import { readFormFields } from './formFields';
import { triggerListensOnNumber } from './triggerOnNumber';

type AnswerWith = 'auto' | 'replyButtons' | 'links';

interface Answer {
	approved: boolean;
	label: string;
}

/** Approve only, or Approve and Disapprove, with their labels checked against WhatsApp's limit. */
function readApprovalAnswers(context: IExecuteFunctions): Answer[] {
	const {
		approvalType = 'single',
		approveLabel = '✓ Approve',
		disapproveLabel = '✗ Decline',
	} = context.getNodeParameter('approvalOptions.values', 0, {}) as {
		approvalType?: 'single' | 'double';
		approveLabel?: string;
		disapproveLabel?: string;
	};
	const scope = { node: context.getNode(), itemIndex: 0 };
	checkText(scope, 'Approve Button Label', approveLabel, LIMITS.buttonTitle);
	if (approvalType !== 'double') return [{ approved: true, label: approveLabel }];
	checkText(scope, 'Disapprove Button Label', disapproveLabel, LIMITS.buttonTitle);
	checkUnique(scope, 'Button Label', [approveLabel, disapproveLabel]);
	return [
		{ approved: true, label: approveLabel },
		{ approved: false, label: disapproveLabel },
	];
}

/** n8n's signed resume URL for an answer, bound to the recipient (see answerButtonId.ts). */
const resumeUrl = (context: IExecuteFunctions, approved: boolean, to: string) =>
	context.getSignedResumeUrl({ approved: String(approved), to: recipientTag(to) });

/** One button per answer; the tap comes back to n8n through the 360dialog Trigger. */
async function askWithReplyButtons(
	context: IExecuteFunctions,
	to: string,
	message: string,
	answers: Answer[],
) {
	const scope = { node: context.getNode(), itemIndex: 0 };
	checkText(scope, 'Message', message, LIMITS.interactiveBody);
	const buttons = answers.map(({ approved, label }) => {
		const id = answerButtonId(resumeUrl(context, approved, to));
		if (id === undefined) {
			throw invalidParameter(
				scope,
				"n8n's resume URL is too long for a WhatsApp reply button",
				'Choose Options → Answer With → Links, or shorten N8N_WEBHOOK_URL.',
			);
		}
		return { type: 'reply', reply: { id, title: label } };
	});
	return await sendMessage(context, 0, 'interactive', {
		type: 'button',
		body: { text: message },
		action: { buttons },
	});
}

/** One link button to n8n's page (WhatsApp's CTA URL message). */
async function askWithLinkButton(
	context: IExecuteFunctions,
	message: string,
	label: string,
	url: string,
	labelField: string,
) {
	const scope = { node: context.getNode(), itemIndex: 0 };
	checkText(scope, 'Message', message, LIMITS.interactiveBody);
	checkText(scope, labelField, label, LIMITS.buttonTitle);
	return await sendMessage(context, 0, 'interactive', {
		type: 'cta_url',
		body: { text: message },
		action: { name: 'cta_url', parameters: { display_text: label, url } },
	});
}

/** Two answers, two links: in the text, as a CTA URL message holds only one button. */
async function askWithLinksInText(
	context: IExecuteFunctions,
	to: string,
	message: string,
	answers: Answer[],
) {
	const scope = { node: context.getNode(), itemIndex: 0 };
	// The question itself first: the links alone would fill the text otherwise.
	checkText(scope, 'Message', message, LIMITS.textBody);
	const links = answers.map(
		({ approved, label }) => `${label}: ${resumeUrl(context, approved, to)}`,
	);
	const text = `${message}\n\n${links.join('\n')}`;
	checkText(scope, 'Message', text, LIMITS.textBody);
	return await sendMessage(context, 0, 'text', { body: text, preview_url: false });
}

/**
 * Sends the question of Send and Wait for Response: an Approval as reply buttons (or links where
 * no trigger of this n8n listens on the number, or when asked to), Free Text and Custom Form as a
 * button to n8n's answer page. Everything is checked before the call.
 */
export async function sendQuestion(context: IExecuteFunctions): Promise<IDataObject> {
	const to = readRecipient(context, 0);
	const message = String(context.getNodeParameter('message', 0, '') ?? '').trim();
	const responseType = context.getNodeParameter('responseType', 0, 'approval') as string;
	const { requestTimeoutMs } = readOptions(context, 0);

	if (responseType !== 'approval') {
		if (responseType === 'customForm') {
			readFormFields(context.getNode(), context.getNodeParameter('formFields', 0, {}));
		}
		const label = context.getNodeParameter('options.messageButtonLabel', 0, 'Respond') as string;
		const sent = await askWithLinkButton(
			context,
			message,
			label,
			resumeUrl(context, true, to),
			'Message Button Label',
		);
		return { ...sent, answer_with: 'link' };
	}

	const answers = readApprovalAnswers(context);
	const answerWith = context.getNodeParameter('options.answerWith', 0, 'auto') as AnswerWith;
	// Auto takes links where a button id could not hold n8n's resume URL (a long base path).
	const idsFit = () =>
		answers.every(({ approved }) => answerButtonId(resumeUrl(context, approved, to)) !== undefined);
	const buttons =
		answerWith === 'replyButtons' ||
		(answerWith === 'auto' &&
			idsFit() &&
			(await triggerListensOnNumber(context, requestTimeoutMs)));
	if (buttons) {
		return {
			...(await askWithReplyButtons(context, to, message, answers)),
			answer_with: 'reply_buttons',
		};
	}
	const sent =
		answers.length === 1
			? await askWithLinkButton(
					context,
					message,
					answers[0].label,
					resumeUrl(context, true, to),
					'Approve Button Label',
				)
			: await askWithLinksInText(context, to, message, answers);
	return { ...sent, answer_with: 'link' };
}
