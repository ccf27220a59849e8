/**
 * The package in n8n's editor, in a real browser: the nodes are in the nodes panel and their
 * parameter panels and the credential dialog render. Screenshots go to .cache/e2e/screenshots/;
 * UPDATE_SCREENSHOTS=1 writes them over the README's ones in docs/screenshots/ instead, so that a
 * test run leaves the clone as it found it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
	expectVisibleText,
	launchBrowser,
	newEditorPage,
	openNodePanel,
	openWorkflow,
	signIn,
} from '../harness/browser/editor';
import { Dialog360 } from '../nodes/Dialog360/Dialog360.node';
import { PROJECT_DIR, stopAllN8n } from '../harness/n8n';
import { TEST_OWNER, startStack, type Stack } from '../harness/stack';
import { ACTION_WORKFLOW_ID, actionWorkflow, STEPS } from '../harness/workflows/actionWorkflow';
import { ASK_NODE, askWorkflow } from '../harness/workflows/askWorkflow';
import { REPLY_NODES, REPLY_WORKFLOW_ID, replyWorkflow } from '../harness/workflows/replyWorkflow';
import {
	TRIGGER_NODE,
	TRIGGER_WORKFLOW_ID,
	triggerWorkflow,
} from '../harness/workflows/triggerWorkflow';

const ASK_WORKFLOW_ID = 'e2eAskPanel00001';

/** Every operation of the action node is an action in the nodes panel. */
function actionCount(): number {
	return new Dialog360().description.properties
		.filter((property) => property.name === 'operation')
		.reduce((count, property) => count + (property.options?.length ?? 0), 0);
}

const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
	? join(PROJECT_DIR, 'docs/screenshots')
	: join(PROJECT_DIR, '.cache/e2e/screenshots');
const FAILURES = join(PROJECT_DIR, '.cache/e2e');

let stack: Stack;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	stack = await startStack({
		workflows: ({ credential, sink }) => [
			triggerWorkflow(credential, sink.url).workflow,
			actionWorkflow(credential),
			replyWorkflow(credential, sink.url),
			askWorkflow(ASK_WORKFLOW_ID, credential, sink.url, {
				to: '={{ $json.from }}',
				message: 'Refund 42.00 EUR for order A-7?',
				responseType: 'approval',
				approvalOptions: { values: { approvalType: 'double' } },
				options: {
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'days' },
					},
				},
			}),
		],
		publish: [TRIGGER_WORKFLOW_ID],
		// A main webhook, without which the published trigger's activation fails.
		emulatorState: ({ sink }) => ({ phoneNumberWebhook: { url: `${sink.url}/main-webhook` } }),
	});
	browser = await launchBrowser();
	page = await newEditorPage(browser);
	await signIn(page, stack.n8n.url, TEST_OWNER);
});

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
	await stopAllN8n();
});

/** After n8n's fade-ins (~300 ms): 'animations: disabled' would freeze some at invisible. */
async function screenshot(file: string) {
	await page.waitForTimeout(600);
	await page.screenshot({ path: join(SCREENSHOTS, file) });
}

/** Runs a browser test; when it fails, what the page showed goes to .cache/e2e/ for a look. */
function browserTest(name: string, file: string, run: () => Promise<void>) {
	test(name, async () => {
		try {
			await run();
		} catch (error) {
			await page.screenshot({ path: join(FAILURES, file) }).catch(() => undefined);
			throw error;
		}
	});
}

browserTest(
	'the 360dialog Trigger parameter panel renders',
	'failed-trigger-panel.png',
	async () => {
		await openWorkflow(page, stack.n8n.url, TRIGGER_WORKFLOW_ID, TRIGGER_NODE);
		const panel = await openNodePanel(page, TRIGGER_NODE);
		await expectVisibleText(panel, 'Events');
		for (const event of ['Messages', 'Statuses', 'Errors']) await expectVisibleText(panel, event);
		await expectVisibleText(panel, 'Options');
		await panel.getByText(/adds its own destination to the phone number's multi-webhook/).waitFor();
		await screenshot('trigger-panel.png');
	},
);

browserTest(
	"the credential's edit dialog renders and its test passes",
	'failed-credential.png',
	async () => {
		await openWorkflow(page, stack.n8n.url, TRIGGER_WORKFLOW_ID, TRIGGER_NODE);
		const panel = await openNodePanel(page, TRIGGER_NODE);
		await panel.locator('[data-test-id="credential-edit-button"]').click();
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.waitFor();
		// Required fields' labels end in an asterisk.
		for (const label of [/^API Key/, /^Hosting/, /^Base URL/])
			await expectVisibleText(dialog, label);
		await expect(
			dialog.locator('[data-test-id="parameter-input-hosting"] input').inputValue(),
		).resolves.toBe('Custom');
		await dialog.getByText('Connection tested successfully').waitFor();
		// Opening the dialog tests the credential again; its button is disabled until that ends.
		await dialog.locator('button:enabled', { hasText: 'Retry' }).waitFor();
		await screenshot('credential.png');
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
	},
);

browserTest(
	'a 360dialog action node parameter panel renders',
	'failed-action-panel.png',
	async () => {
		await openWorkflow(page, stack.n8n.url, ACTION_WORKFLOW_ID, STEPS.update);
		const panel = await openNodePanel(page, STEPS.update);
		for (const label of ['Resource', 'Operation', 'Destination', 'URL', 'Headers']) {
			await expectVisibleText(panel, label);
		}
		await expect(
			panel.locator('[data-test-id="parameter-input-resource"] input').inputValue(),
		).resolves.toBe('Multi-Webhook');
		await expect(
			panel.locator('[data-test-id="parameter-input-operation"] input').inputValue(),
		).resolves.toBe('Update Destination');
		await screenshot('action-panel.png');
		await page.locator('[data-test-id="ndv-close-button"]').click();
	},
);

browserTest(
	"the Send Buttons parameter panel renders, filled from the trigger's item",
	'failed-send-buttons-panel.png',
	async () => {
		// Tall enough for the buttons, header and footer in one screenshot.
		await page.setViewportSize({ width: 1440, height: 1200 });
		await openWorkflow(page, stack.n8n.url, REPLY_WORKFLOW_ID, REPLY_NODES.reply);
		const panel = await openNodePanel(page, REPLY_NODES.reply);
		for (const label of ['Resource', 'Operation', 'To', 'Text', 'Buttons', 'Header', 'Footer']) {
			await expectVisibleText(panel, label);
		}
		await expect(
			panel.locator('[data-test-id="parameter-input-resource"] input').inputValue(),
		).resolves.toBe('Message');
		await expect(
			panel.locator('[data-test-id="parameter-input-operation"] input').inputValue(),
		).resolves.toBe('Send Buttons');
		await screenshot('send-buttons-panel.png');
		await page.locator('[data-test-id="ndv-close-button"]').click();
		await page.setViewportSize({ width: 1440, height: 900 });
	},
);

browserTest(
	'the Send and Wait for Response panel renders with its approval options',
	'failed-send-and-wait-panel.png',
	async () => {
		await page.setViewportSize({ width: 1440, height: 1200 });
		await openWorkflow(page, stack.n8n.url, ASK_WORKFLOW_ID, ASK_NODE);
		const panel = await openNodePanel(page, ASK_NODE);
		for (const label of ['To', 'Message', 'Response Type', 'Approval Options', 'Limit Wait Time']) {
			await expectVisibleText(panel, label);
		}
		await expect(
			panel.locator('[data-test-id="parameter-input-operation"] input').inputValue(),
		).resolves.toBe('Send and Wait for Response');
		await screenshot('send-and-wait-panel.png');
		await page.locator('[data-test-id="ndv-close-button"]').click();
		await page.setViewportSize({ width: 1440, height: 900 });
	},
);

browserTest(
	'the nodes panel finds both nodes when searching for "360dialog"',
	'failed-nodes-panel.png',
	async () => {
		// Tall enough for the actions and the trigger of the entry in one screenshot.
		await page.setViewportSize({ width: 1440, height: 1200 });
		await openWorkflow(page, stack.n8n.url, ACTION_WORKFLOW_ID, STEPS.update);
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		const creator = page.locator('[data-test-id="node-creator"]');
		await creator.waitFor();
		// The search field has the focus as the panel opens.
		await page.keyboard.type('360dialog');
		// n8n lists "360dialog" and "360dialog Trigger" as one entry; opening it shows both.
		await creator
			.locator('[data-test-id="node-creator-item-name"]', { hasText: '360dialog' })
			.first()
			.click();
		await expectVisibleText(creator, new RegExp(`^Actions \\(${actionCount()}\\)`));
		await expectVisibleText(creator, 'Add destinations to multiple webhooks');
		await expectVisibleText(creator, 'Set the WABA webhook');
		// The trigger is listed once per event it offers, in a section that starts collapsed.
		await creator.getByText(/^Triggers \(3\)/).click();
		for (const trigger of ['On messages', 'On statuses', 'On errors']) {
			await expectVisibleText(creator, trigger);
		}
		await screenshot('nodes-panel.png');
	},
);
