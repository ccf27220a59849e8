#!/usr/bin/env node
/**
 * `npm run release -- <patch|minor|major|x.y.z>`: makes a release commit and its tag, here, and
 * nothing else. The publish workflow (.github/workflows/publish.yml) publishes from the tag once
 * it is pushed; this script never pushes and never publishes.
 *
 * 1. Refuses unless the work tree is clean (no changed, staged or untracked file: what is
 *    released is what is committed), HEAD is on a branch, CHANGELOG.md has entries under
 *    `## [Unreleased]`, and the new version is above the current one with no tag yet.
 * 2. Runs `npm run lint` and `npm test`; refuses if either fails. Nothing has been written yet.
 * 3. `npm version <x.y.z> --no-git-tag-version` (package.json and package-lock.json), moves the
 *    Unreleased entries under `## [x.y.z] - YYYY-MM-DD` (today, UTC) and updates the links at
 *    the end of the changelog.
 * 4. Commits those three files ("Release vX.Y.Z") and makes the annotated tag vX.Y.Z.
 * Then push both: `git push origin <branch> vX.Y.Z`.
 *
 * n8n's own `n8n-node release` is not used: it runs release-it, which needs a git remote with an
 * upstream branch and pushes, and auto-changelog, which writes the changelog from commit
 * messages instead of entries written for builders.
 *
 * RELEASE_CHECK_COMMAND, for this script's own tests only (test/release/release.test.ts): a shell
 * command run instead of `npm run lint && npm test` in step 2, so the tests exercise both the
 * passing and the failing path ('true', 'false') in a temporary clone without the full test run.
 * The script says so loudly when it is set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const USAGE =
	'Usage: npm run release -- <patch|minor|major|x.y.z>\n' +
	"  Bumps the version, moves the CHANGELOG's Unreleased entries under it, commits and tags vX.Y.Z.\n" +
	'  Pushes nothing and publishes nothing: push the commit and the tag, and the publish workflow publishes.';

function refuse(message) {
	console.error(`release refused: ${message}`);
	process.exit(1);
}

function git(...args) {
	return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

let root;
try {
	root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
} catch {
	refuse('not inside a git work tree');
}

// ── what to release ──────────────────────────────────────────────────────────────────────────
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/** The version `bump` makes of `current`, as `npm version` would (semver's inc). */
function nextVersion(current, bump) {
	const match = SEMVER.exec(current);
	if (!match) throw new Error(`package.json's version ${current} is not x.y.z`);
	const [major, minor, patch] = match.slice(1, 4).map(Number);
	const pre = match[4] !== undefined;
	if (bump === 'patch')
		return pre ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
	if (bump === 'minor')
		return pre && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
	if (bump === 'major')
		return pre && minor === 0 && patch === 0 ? `${major}.0.0` : `${major + 1}.0.0`;
	if (SEMVER.test(bump.replace(/^v/, ''))) return bump.replace(/^v/, '');
	return undefined;
}

/** Negative, zero or positive as a is below, equal to or above b (x.y.z, a pre-release below its release). */
function compareVersions(a, b) {
	const [, ...pa] = SEMVER.exec(a);
	const [, ...pb] = SEMVER.exec(b);
	for (let i = 0; i < 3; i++)
		if (Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i]);
	if (pa[3] === pb[3]) return 0;
	if (pa[3] === undefined) return 1;
	if (pb[3] === undefined) return -1;
	return pa[3] < pb[3] ? -1 : 1;
}

// ── the changelog ────────────────────────────────────────────────────────────────────────────
const UNRELEASED = /^## \[Unreleased\][^\n]*$/im;

/**
 * The changelog with the Unreleased entries under `## [version] - date`, an empty Unreleased
 * section above it, and the link references at the end updated: Unreleased compares the new tag
 * with HEAD; the new version compares the previous bracketed version's tag with the new one, or
 * is the first tag. Throws when there is nothing to release.
 */
function moveUnreleased(changelog, version, date, repositoryUrl) {
	const heading = UNRELEASED.exec(changelog);
	if (!heading) throw new Error('CHANGELOG.md has no "## [Unreleased]" heading');
	const start = heading.index + heading[0].length;
	const rest = changelog.slice(start);
	// The Unreleased section ends at the next version heading or at the link references.
	const ends = [rest.search(/^## /m), rest.search(/^\[[^\]]+\]:\s*\S+/m)].filter((at) => at !== -1);
	const end = ends.length ? Math.min(...ends) : rest.length;
	const entries = rest.slice(0, end).trim();
	if (!/^\s*[-*] /m.test(entries))
		throw new Error(
			'nothing under "## [Unreleased]" in CHANGELOG.md to release: write the entries first',
		);

	let after = rest.slice(end).trim();
	if (repositoryUrl) {
		const base = repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '');
		const previous = /^## \[(\d+\.\d+\.\d+[^\]]*)\]/m.exec(after)?.[1];
		const links =
			`[Unreleased]: ${base}/compare/v${version}...HEAD\n` +
			(previous
				? `[${version}]: ${base}/compare/v${previous}...v${version}`
				: `[${version}]: ${base}/releases/tag/v${version}`);
		after = /^\[Unreleased\]:.*$/im.test(after)
			? after.replace(/^\[Unreleased\]:.*$/im, links)
			: `${after}\n\n${links}`.trim();
	}
	return `${changelog.slice(0, start)}\n\n## [${version}] - ${date}\n\n${entries}\n${after ? `\n${after}\n` : ''}`;
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────
const bump = process.argv[2];
if (!bump || bump === '--help' || bump === '-h' || process.argv.length > 3) {
	console.error(USAGE);
	process.exit(bump === '--help' || bump === '-h' ? 0 : 1);
}

const status = git('status', '--porcelain', '--untracked-files=all');
if (status) {
	refuse(
		`the work tree is not clean; commit or remove these first (a release is what is committed):\n${status}`,
	);
}
const branch = spawnSync('git', ['symbolic-ref', '--short', '-q', 'HEAD'], {
	cwd: root,
	encoding: 'utf8',
}).stdout.trim();
if (!branch) refuse('HEAD is not on a branch (detached): check out the branch to release from');

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const current = packageJson.version;
let version;
try {
	version = nextVersion(current, bump);
} catch (error) {
	refuse(error.message);
}
if (!version) refuse(`"${bump}" is neither patch, minor, major nor a version x.y.z\n${USAGE}`);
if (compareVersions(version, current) <= 0)
	refuse(`${version} is not above the current version ${current}`);
const tag = `v${version}`;
if (git('tag', '--list', tag)) refuse(`the tag ${tag} already exists`);

const changelogPath = join(root, 'CHANGELOG.md');
const date = new Date().toISOString().slice(0, 10);
const repositoryUrl =
	typeof packageJson.repository === 'string' ? packageJson.repository : packageJson.repository?.url;
let changelog;
try {
	changelog = moveUnreleased(readFileSync(changelogPath, 'utf8'), version, date, repositoryUrl);
} catch (error) {
	refuse(error.message);
}

const checkCommand = process.env.RELEASE_CHECK_COMMAND;
if (checkCommand) {
	console.log(
		`== RELEASE_CHECK_COMMAND is set: running \`${checkCommand}\` INSTEAD OF npm run lint and npm test (for this script's own tests only)`,
	);
} else {
	console.log('== lint and unit tests (npm run lint, npm test)');
}
const checks = spawnSync(checkCommand ?? 'npm run lint && npm test', {
	cwd: root,
	shell: true,
	stdio: 'inherit',
});
if (checks.status !== 0) {
	refuse(
		`${checkCommand ? `\`${checkCommand}\`` : 'lint or the unit tests'} failed (exit ${checks.status ?? checks.signal}): nothing was changed`,
	);
}
const changedByChecks = git('status', '--porcelain', '--untracked-files=all');
if (changedByChecks)
	refuse(`the checks changed the work tree; nothing was released:\n${changedByChecks}`);

console.log(`== ${current} → ${version}`);
execFileSync('npm', ['version', version, '--no-git-tag-version'], {
	cwd: root,
	stdio: ['ignore', 'ignore', 'inherit'],
});
writeFileSync(changelogPath, changelog);
const files = ['package.json', 'package-lock.json', 'CHANGELOG.md'];
git('add', '--', ...files);
git(
	'commit',
	'--quiet',
	'-m',
	`Release ${tag}`,
	'-m',
	`CHANGELOG.md: the entries released as ${version}.`,
	'--',
	...files,
);
git('tag', '-a', tag, '-m', `${packageJson.name} ${version}`);
console.log(
	`Committed "Release ${tag}" and tagged ${tag} on ${branch}. Nothing was pushed or published.\n` +
		`Publish: git push origin ${branch} ${tag}  (the publish workflow runs on the tag)`,
);
