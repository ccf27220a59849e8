/**
 * `npm run release` (scripts/release.mjs) in a temporary clone of this repository, whose remote
 * is an empty bare repository of its own: what it refuses, the changelog and version it writes,
 * the commit and tag it makes, and that it pushes nothing (the remote stays empty).
 *
 * The lint and unit-test step is replaced by RELEASE_CHECK_COMMAND ('true' or 'false'), which
 * the script offers for exactly this: the tests exercise its passing and failing path without
 * running the whole test suite inside the test suite. Every other step runs for real (git, npm
 * version).
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const RELEASE = join(ROOT, 'scripts/release.mjs');

/** A fixed identity and no signing, whatever the machine's git configuration says. */
const GIT_ENV = {
	GIT_AUTHOR_NAME: 'Release Test',
	GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
	GIT_COMMITTER_NAME: 'Release Test',
	GIT_COMMITTER_EMAIL: 'release-test@example.invalid',
	GIT_CONFIG_COUNT: '2',
	GIT_CONFIG_KEY_0: 'commit.gpgsign',
	GIT_CONFIG_VALUE_0: 'false',
	GIT_CONFIG_KEY_1: 'tag.gpgsign',
	GIT_CONFIG_VALUE_1: 'false',
};

const CHANGELOG = `# Changelog

What each version changes.

## [Unreleased]

### Added

- **A new operation**: what it does for a builder.

### Fixed

- A fix, and what to do about it.

## 0.1.0 - 2026-11-22

Never published.
`;

let work: string;
let clone: string;
let remote: string;
let repositoryBase: string;

const git = (cwd: string, ...args: string[]) =>
	execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();

function release(args: string[], checkCommand = 'true') {
	const run = spawnSync(process.execPath, [RELEASE, ...args], {
		cwd: clone,
		encoding: 'utf8',
		env: { ...process.env, ...GIT_ENV, RELEASE_CHECK_COMMAND: checkCommand },
	});
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const readJson = (file: string) => JSON.parse(readFileSync(join(clone, file), 'utf8'));
const today = () => new Date().toISOString().slice(0, 10);

/** What a refused release must leave behind: the same commit, no tag, a clean tree. */
function expectNothingChanged(head: string, dirty = '') {
	expect(git(clone, 'rev-parse', 'HEAD')).toBe(head);
	expect(git(clone, 'tag', '--list')).toBe('');
	expect(git(clone, 'status', '--porcelain', '--untracked-files=all')).toBe(dirty);
	expect(readJson('package.json').version).toBe('0.4.2');
}

beforeEach(() => {
	work = mkdtempSync(join(tmpdir(), 'n8n-360dialog-release-'));
	clone = join(work, 'clone');
	remote = join(work, 'remote.git');
	git(work, 'clone', '--quiet', ROOT, clone);
	git(work, 'init', '--quiet', '--bare', remote);
	git(clone, 'remote', 'set-url', 'origin', remote);
	git(clone, 'checkout', '--quiet', '-B', 'main');
	// The fixture: version 0.4.2 and a changelog with entries under Unreleased.
	const packageJson = readJson('package.json');
	packageJson.version = '0.4.2';
	writeFileSync(join(clone, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
	const lock = readJson('package-lock.json');
	lock.version = '0.4.2';
	lock.packages[''].version = '0.4.2';
	writeFileSync(join(clone, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
	writeFileSync(join(clone, 'CHANGELOG.md'), CHANGELOG);
	git(clone, 'add', 'package.json', 'package-lock.json', 'CHANGELOG.md');
	git(clone, 'commit', '--quiet', '-m', 'Fixture: version 0.4.2 with unreleased entries');
	repositoryBase = String(packageJson.repository.url)
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

test('releases a minor version: package files, changelog, one commit, one annotated tag, nothing pushed', () => {
	const run = release(['minor']);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	expect(run.stdout).toContain('INSTEAD OF npm run lint and npm test');
	expect(run.stdout).toContain('0.4.2 → 0.5.0');
	expect(run.stdout).toContain('git push origin main v0.5.0');

	expect(readJson('package.json').version).toBe('0.5.0');
	const lock = readJson('package-lock.json');
	expect([lock.version, lock.packages[''].version]).toEqual(['0.5.0', '0.5.0']);
	expect(readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')).toBe(`# Changelog

What each version changes.

## [Unreleased]

## [0.5.0] - ${today()}

### Added

- **A new operation**: what it does for a builder.

### Fixed

- A fix, and what to do about it.

## 0.1.0 - 2026-11-22

Never published.

[Unreleased]: ${repositoryBase}/compare/v0.5.0...HEAD
[0.5.0]: ${repositoryBase}/releases/tag/v0.5.0
`);

	expect(git(clone, 'log', '-1', '--format=%s')).toBe('Release v0.5.0');
	expect(git(clone, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
		'CHANGELOG.md',
		'package-lock.json',
		'package.json',
	]);
	expect(git(clone, 'cat-file', '-t', 'v0.5.0')).toBe('tag');
	expect(git(clone, 'rev-parse', 'v0.5.0^{commit}')).toBe(git(clone, 'rev-parse', 'HEAD'));
	expect(git(clone, 'status', '--porcelain', '--untracked-files=all')).toBe('');
	// Nothing pushed: the remote (origin) is still empty.
	expect(git(clone, 'remote', 'get-url', 'origin')).toBe(remote);
	expect(git(remote, 'for-each-ref')).toBe('');
});

test('the next release compares with the previous tag and keeps the earlier versions', () => {
	expect(release(['minor']).status).toBe(0);
	writeFileSync(
		join(clone, 'CHANGELOG.md'),
		readFileSync(join(clone, 'CHANGELOG.md'), 'utf8').replace(
			'## [Unreleased]\n',
			'## [Unreleased]\n\n### Fixed\n\n- A second fix.\n',
		),
	);
	git(clone, 'commit', '--quiet', '-am', 'A second fix');
	const run = release(['patch']);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);

	const changelog = readFileSync(join(clone, 'CHANGELOG.md'), 'utf8');
	expect(changelog).toContain(
		`## [Unreleased]\n\n## [0.5.1] - ${today()}\n\n### Fixed\n\n- A second fix.\n\n## [0.5.0] - ${today()}\n`,
	);
	expect(
		changelog.endsWith(
			`[Unreleased]: ${repositoryBase}/compare/v0.5.1...HEAD\n` +
				`[0.5.1]: ${repositoryBase}/compare/v0.5.0...v0.5.1\n` +
				`[0.5.0]: ${repositoryBase}/releases/tag/v0.5.0\n`,
		),
	).toBe(true);
	expect(git(clone, 'tag', '--list').split('\n')).toEqual(['v0.5.0', 'v0.5.1']);
});

test('major makes the next major version', () => {
	expect(release(['major']).stdout).toContain('0.4.2 → 1.0.0');
	expect(git(clone, 'tag', '--list')).toBe('v1.0.0');
});

test('an explicit version is taken as it is, with or without its v', () => {
	expect(release(['v0.4.10']).stdout).toContain('0.4.2 → 0.4.10');
	expect(readJson('package.json').version).toBe('0.4.10');
});

test('refuses without a version, or with something that is none', () => {
	const head = git(clone, 'rev-parse', 'HEAD');
	const none = release([]);
	expect(none.status).toBe(1);
	expect(none.stderr).toContain('Usage: npm run release -- <patch|minor|major|x.y.z>');
	const wrong = release(['bigger']);
	expect(wrong.status).toBe(1);
	expect(wrong.stderr).toContain('"bigger" is neither patch, minor, major nor a version x.y.z');
	expectNothingChanged(head);
});

test('refuses with a changed tracked file, even though lint and the tests would pass', () => {
	const head = git(clone, 'rev-parse', 'HEAD');
	writeFileSync(join(clone, 'README.md'), 'changed\n');
	const run = release(['patch']);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('release refused: the work tree is not clean');
	expect(run.stderr).toContain('README.md');
	expect(run.stdout).toBe('');
	expectNothingChanged(head, 'M README.md');
});

test('refuses with an untracked file', () => {
	const head = git(clone, 'rev-parse', 'HEAD');
	writeFileSync(join(clone, 'stray.txt'), 'not committed\n');
	const run = release(['patch']);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('the work tree is not clean');
	expect(run.stderr).toContain('stray.txt');
	expectNothingChanged(head, '?? stray.txt');
});

test('refuses when lint or the unit tests fail, and changes nothing', () => {
	const head = git(clone, 'rev-parse', 'HEAD');
	const run = release(['patch'], 'false');
	expect(run.status).toBe(1);
	expect(run.stdout).toContain('running `false` INSTEAD OF npm run lint and npm test');
	expect(run.stderr).toContain('release refused: `false` failed (exit 1): nothing was changed');
	expectNothingChanged(head);
	expect(readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
});

test('refuses when the checks leave a file behind', () => {
	const head = git(clone, 'rev-parse', 'HEAD');
	const run = release(['patch'], 'echo leftover > left-by-tests.txt');
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('the checks changed the work tree');
	expectNothingChanged(head, '?? left-by-tests.txt');
});

test('refuses with nothing under Unreleased', () => {
	writeFileSync(
		join(clone, 'CHANGELOG.md'),
		CHANGELOG.replace(
			/## \[Unreleased\][\s\S]*?(?=## 0\.1\.0)/,
			'## [Unreleased]\n\n### Added\n\n',
		),
	);
	git(clone, 'commit', '--quiet', '-am', 'Nothing unreleased');
	const head = git(clone, 'rev-parse', 'HEAD');
	const run = release(['patch']);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('nothing under "## [Unreleased]" in CHANGELOG.md to release');
	expectNothingChanged(head);
});

test('refuses a version that is not above the current one, and a tag that exists', () => {
	const head = git(clone, 'rev-parse', 'HEAD');
	const same = release(['0.4.2']);
	expect(same.status).toBe(1);
	expect(same.stderr).toContain('0.4.2 is not above the current version 0.4.2');
	git(clone, 'tag', 'v0.4.3');
	const tagged = release(['patch']);
	expect(tagged.status).toBe(1);
	expect(tagged.stderr).toContain('the tag v0.4.3 already exists');
	git(clone, 'tag', '-d', 'v0.4.3');
	expectNothingChanged(head);
});

test('refuses on a detached HEAD', () => {
	git(clone, 'checkout', '--quiet', '--detach');
	const head = git(clone, 'rev-parse', 'HEAD');
	const run = release(['patch']);
	expect(run.status).toBe(1);
	expect(run.stderr).toContain('HEAD is not on a branch');
	expectNothingChanged(head);
});
