import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Owner } from '../n8n';
import { CHROMIUM_PATH } from './chromium';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
	return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page sized like a laptop screen, so screenshots read well in the README. */
export async function newEditorPage(browser: Browser): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(20_000);
	return page;
}

export async function signIn(page: Page, baseUrl: string, owner: Owner): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', owner.email);
	await page.fill('input[name=password]', owner.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

export function canvasNode(page: Page, name: string): Locator {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

export async function openWorkflow(page: Page, baseUrl: string, id: string, node: string) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await canvasNode(page, node).waitFor();
}

/** Double-clicks a node on the canvas and resolves with its parameter panel (n8n's NDV). */
export async function openNodePanel(page: Page, name: string): Promise<Locator> {
	await canvasNode(page, name).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.locator('[data-test-id="node-parameters"]').waitFor();
	return panel;
}

/** Waits until a text (exact when a string) is visible in the scope; fails the test when never. */
export async function expectVisibleText(scope: Locator | Page, text: string | RegExp) {
	await scope.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
}
