/**
 * scripts/check-publish-workflow.mjs, as CI runs it: the real publish workflow passes, and copies
 * of it with a YAML error or a step gone fail, naming what is missing.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const CHECK = join(ROOT, 'scripts/check-publish-workflow.mjs');
const WORKFLOW = readFileSync(join(ROOT, '.github/workflows/publish.yml'), 'utf8');

let work: string;
beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'n8n-360dialog-publish-workflow-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(text: string) {
	const file = join(work, `publish-${Math.random().toString(36).slice(2)}.yml`);
	writeFileSync(file, text);
	const run = spawnSync(process.execPath, [CHECK, file], { encoding: 'utf8' });
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The real workflow with one change; fails the test if `from` is not in it (the mutation would test nothing). */
function changed(from: string | RegExp, to: string) {
	const text = WORKFLOW.replace(from, to);
	expect(text).not.toBe(WORKFLOW);
	return text;
}

test('the real publish workflow passes', () => {
	const run = check(WORKFLOW);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	expect(run.stdout).toContain('npm publish --provenance --access public');
});

test('the check run without arguments reads .github/workflows/publish.yml and passes', () => {
	const run = spawnSync(process.execPath, [CHECK], { cwd: ROOT, encoding: 'utf8' });
	expect(run.status).toBe(0);
	expect(run.stdout).toContain('.github/workflows/publish.yml');
});

test("a YAML error fails with the parser's message and where it is", () => {
	const run = check(
		changed('      - uses: actions/checkout@v4', '      - uses: [actions/checkout@v4'),
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('not valid YAML');
	expect(run.stderr).toMatch(/line \d+/);
});

test('a duplicated key is a YAML error too', () => {
	const run = check(
		changed('    runs-on: ubuntu-latest', '    runs-on: ubuntu-latest\n    runs-on: ubuntu-22.04'),
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('not valid YAML');
});

test('npm publish without --provenance fails', () => {
	const run = check(
		changed('npm publish --provenance --access public', 'npm publish --access public'),
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('has no --provenance flag');
});

test('npm publish without --access public fails', () => {
	const run = check(
		changed('npm publish --provenance --access public', 'npm publish --provenance'),
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('needs --access public');
});

test('without the id-token permission it fails', () => {
	const run = check(changed(/^\s*id-token: write\n/m, '\n'));
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('`permissions: id-token: write` is missing');
});

test.each([
	['lint', 'run: npm run lint', 'no lint step before npm publish'],
	['unit tests', 'run: npm test', 'no unit tests step before npm publish'],
	['scan', 'run: npm run verify:cloud', 'no pre-verification scan step before npm publish'],
	['build', 'run: npm run build', 'no build step before npm publish'],
	// The workflow also installs npm itself (npm install -g): that does not count as the install.
	['install', 'run: npm install --no-audit --no-fund', 'no install step before npm publish'],
])('without the %s step it fails', (_what, line, message) => {
	const run = check(changed(line, 'run: echo skipped'));
	expect(run.status).toBe(1);
	expect(run.stderr).toContain(message);
});

test('without any publish step it fails', () => {
	const run = check(changed('npm publish --provenance --access public', 'echo not publishing'));
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('no job runs `npm publish');
});

test('a step only mentioned in a comment does not count', () => {
	const run = check(
		changed('run: npm test', 'run: |\n          # npm test\n          echo no tests'),
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('no unit tests step');
});

test('the end-to-end tests do not count as the unit tests', () => {
	const run = check(changed('run: npm test', 'run: npm run test:e2e'));
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('no unit tests step');
});

test('a scan that only runs after the publish fails', () => {
	const withoutScan = changed(
		/\n {6}- name: Pre-verification scan on the packed tarball\n {8}run: npm run verify:cloud\n/,
		'\n',
	);
	const run = check(
		`${withoutScan.trimEnd()}\n\n      - name: Scan afterwards\n        run: npm run verify:cloud\n`,
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('the pre-verification scan step comes after npm publish');
});

test('a skippable or failure-tolerant test step fails', () => {
	const skippable = check(
		changed(
			'        run: npm test',
			"        if: github.event_name == 'never'\n        run: npm test",
		),
	);
	expect(skippable.status).toBe(1);
	expect(skippable.stderr).toContain('the unit tests step has `if:');
	const tolerant = check(
		changed('        run: npm test', '        continue-on-error: true\n        run: npm test'),
	);
	expect(tolerant.status).toBe(1);
	expect(tolerant.stderr).toContain('the unit tests step has continue-on-error');
});

test('without the tag check it fails', () => {
	const run = check(changed(/GITHUB_REF_NAME/g, 'GITHUB_SHA'));
	expect(run.status).toBe(1);
	expect(run.stderr).toContain("compares the tag ($GITHUB_REF_NAME) with package.json's version");
});

test('a token in the file instead of the CI secrets fails', () => {
	const run = check(
		changed(
			'NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
			`NODE_AUTH_TOKEN: npm_${'a1B2'.repeat(9)}`,
		),
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('contains an npm access token');
	expect(run.stderr).toContain('something other than a CI secret');
});

test('publishing on a branch push or a pull request fails', () => {
	const run = check(
		changed(
			"    tags:\n      - 'v*.*.*'",
			"    tags:\n      - 'v*.*.*'\n    branches: [main]\n  pull_request:",
		),
	);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('a branch push must never publish');
	expect(run.stderr).toContain('a pull request must never publish');
});

test('another Node than 20 fails', () => {
	const run = check(changed("node-version: '20.x'", "node-version: '18.x'"));
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('node-version is "18.x"');
});
