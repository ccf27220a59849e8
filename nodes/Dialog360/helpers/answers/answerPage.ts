/**
 * The answer pages n8n serves at the signed resume URL of Send and Wait for Response, when the
 * customer answers through a link instead of a reply button: small self-contained HTML with no
 * script, every text escaped. A form posts back to the same signed URL.
 */

export interface FormField {
	label: string;
	type: 'text' | 'textarea' | 'number' | 'email' | 'date' | 'dropdown';
	options: string[];
	required: boolean;
}

/** What a browser may load for these pages: nothing but the page and its inline style. */
export const ANSWER_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
	);

const paragraphs = (text: string) =>
	text
		.split(/\n{2,}/)
		.map((block) => `<p>${escape(block).replace(/\n/g, '<br>')}</p>`)
		.join('');

function page(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title || 'Your answer')}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f2933}label{display:block;margin:1rem 0 .3rem;font-weight:600}input,textarea,select{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}button{margin-top:1.2rem;padding:.6rem 1.2rem;font:inherit;background:#25d366;border:0;border-radius:.4rem;color:#fff}</style></head><body>${title ? `<h1>${escape(title)}</h1>` : ''}${body}</body></html>`;
}

/** Approval through a link: a button to confirm, so a link preview or a bot approves nothing. */
export function confirmPage(message: string, label: string): string {
	return page(
		'',
		`${paragraphs(message)}<form method="post"><input type="hidden" name="confirm" value="1"><button type="submit">${escape(label)}</button></form>`,
	);
}

function fieldHtml(field: FormField, index: number): string {
	const name = `field-${index}`;
	const required = field.required ? ' required' : '';
	const label = `<label for="${name}">${escape(field.label)}${field.required ? ' *' : ''}</label>`;
	if (field.type === 'textarea')
		return `${label}<textarea id="${name}" name="${name}" rows="5"${required}></textarea>`;
	if (field.type === 'dropdown') {
		const options = field.options.map((option) => `<option>${escape(option)}</option>`).join('');
		return `${label}<select id="${name}" name="${name}"${required}><option value=""></option>${options}</select>`;
	}
	return `${label}<input id="${name}" name="${name}" type="${field.type}"${required}>`;
}

export function formPage(
	texts: { title: string; description: string; buttonLabel: string },
	fields: FormField[],
): string {
	const inputs = fields.map(fieldHtml).join('');
	return page(
		texts.title,
		`${paragraphs(texts.description)}<form method="post">${inputs}<button type="submit">${escape(texts.buttonLabel)}</button></form>`,
	);
}

export const RECORDED_PAGE = page(
	'Got it, thanks',
	'<p>Your answer is recorded. This page can be closed now.</p>',
);
