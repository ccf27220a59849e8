#!/usr/bin/env node
/**
 * `node scripts/check-publish-workflow.mjs [file]`: fails when the publish workflow
 * (.github/workflows/publish.yml unless a file is given) would not publish the way n8n's
 * verification asks. CI (.ci/run) runs it; nothing else here runs the workflow before a tag does.
 *
 * It parses the YAML (with the `yaml` package, which is a devDependency for this) and checks:
 * - it runs on version tags (v*.*.*) only, never on a branch push or a pull request;
 * - the job that publishes has `id-token: write` (npm's provenance needs GitHub's OIDC token)
 *   and `contents: read`;
 * - before `npm publish`, in this order where order matters: checkout, Node 20 with the npm
 *   registry, the tag checked against package.json's version, install, lint, build, unit tests,
 *   the pre-verification scan (npm run verify:cloud); none of them skippable (`if:`) or allowed
 *   to fail (`continue-on-error`);
 * - `npm publish --provenance --access public`, its token from the CI's secrets
 *   (`NODE_AUTH_TOKEN: ${{ secrets.… }}`), and no token written into the file.
 * Every problem is listed with what to do; exit code 1 if there is one.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? join(root, '.github/workflows/publish.yml');
const shown = relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file);

const problems = [];
const fail = (message) => problems.push(message);

/** The shell commands of a step's `run`: comment lines dropped, split at newlines, && || ; and |. */
function commandsOf(step) {
	if (typeof step?.run !== 'string') return [];
	return step.run
		.split('\n')
		.filter((line) => !line.trim().startsWith('#'))
		.join('\n')
		.split(/\n|&&|\|\||;|\|/)
		.map((command) => command.trim().replace(/\s+/g, ' '))
		.filter(Boolean);
}

const runs = (pattern) => (step) => commandsOf(step).some((command) => pattern.test(command));
const uses = (action) => (step) =>
	typeof step?.uses === 'string' && step.uses.split('@')[0] === action;

const isPublish = runs(/^npm publish(\s|$)/);

/** What must come before the publish step, in this order (each after the one before it). */
const BEFORE_PUBLISH = [
	{ name: 'checkout', is: uses('actions/checkout'), add: '`uses: actions/checkout@v4`' },
	{ name: 'Node.js set-up', is: uses('actions/setup-node'), add: '`uses: actions/setup-node@v4`' },
	{
		name: 'install',
		// A global install (npm itself) is not the package's install.
		is: runs(/^npm (install|i|ci)(?!.*\s(-g|--global)(\s|$))(\s|$)/),
		add: '`run: npm install --no-audit --no-fund` (as .ci/run installs)',
	},
	{ name: 'lint', is: runs(/^npm run lint$/), add: '`run: npm run lint` (strict mode)' },
	{ name: 'build', is: runs(/^npm run build$/), add: '`run: npm run build`' },
	{ name: 'unit tests', is: runs(/^npm (test|t|run test)$/), add: '`run: npm test`' },
	{
		name: 'pre-verification scan',
		is: runs(/^npm run verify:cloud$/),
		add: "`run: npm run verify:cloud` (n8n's scan on the packed tarball)",
	},
];

/** The tag check only has to come before the publish: it reads the tag and package.json. */
const isTagCheck = (step) =>
	typeof step?.run === 'string' &&
	/GITHUB_REF_NAME|github\.ref_name/.test(step.run) &&
	/package\.json/.test(step.run);

function checkTriggers(on) {
	const tags = on?.push?.tags;
	if (!Array.isArray(tags) || tags.length === 0) {
		fail("`on: push: tags` is missing: publish on version tags, e.g. tags: ['v*.*.*']");
	} else {
		for (const tag of tags) {
			if (typeof tag !== 'string' || !tag.startsWith('v'))
				fail(`tag pattern ${JSON.stringify(tag)}: tags are vX.Y.Z (npm run release makes them)`);
		}
	}
	if (on?.push?.branches || on?.push?.['branches-ignore'])
		fail('`on: push: branches`: a branch push must never publish, only a version tag');
	for (const event of ['pull_request', 'pull_request_target'])
		if (on && typeof on === 'object' && event in on)
			fail(`\`on: ${event}\`: a pull request must never publish, only a version tag`);
}

function checkPermissions(workflow, job, jobName) {
	const permissions = job.permissions ?? workflow.permissions;
	if (permissions === undefined || typeof permissions !== 'object' || permissions === null) {
		fail(
			`job ${jobName}: no permissions block: add \`permissions: { id-token: write, contents: read }\` (npm --provenance needs the id-token)`,
		);
		return;
	}
	if (permissions['id-token'] !== 'write')
		fail(
			`job ${jobName}: \`permissions: id-token: write\` is missing: npm --provenance signs with GitHub's OIDC token`,
		);
	if (permissions.contents !== 'read')
		fail(
			`job ${jobName}: \`permissions: contents: read\` is missing (publishing writes nothing to the repository)`,
		);
}

function checkSetupNode(step, jobName) {
	const version = String(step.with?.['node-version'] ?? '');
	if (!/^20(\.|$)/.test(version))
		fail(
			`job ${jobName}: actions/setup-node's node-version is ${JSON.stringify(version)}: use '20.x', the Node the package's tools and tests run on`,
		);
	const registry = String(step.with?.['registry-url'] ?? '');
	if (!/^https:\/\/registry\.npmjs\.org\/?$/.test(registry))
		fail(
			`job ${jobName}: actions/setup-node needs registry-url: 'https://registry.npmjs.org' (its .npmrc reads NODE_AUTH_TOKEN)`,
		);
}

function checkPublishStep(step, jobName) {
	const command = commandsOf(step).find((c) => /^npm publish(\s|$)/.test(c));
	const flags = command.split(' ').slice(2);
	if (!flags.includes('--provenance'))
		fail(
			`job ${jobName}: \`${command}\` has no --provenance flag: n8n verifies only packages published with npm provenance`,
		);
	if (!flags.includes('--access=public') && !/--access public(\s|$)/.test(command))
		fail(`job ${jobName}: \`${command}\` needs --access public`);
	if (flags.some((flag) => flag === '--dry-run' || flag.startsWith('--dry-run=')))
		fail(`job ${jobName}: \`${command}\` is a dry run: it would publish nothing`);
	if (step.if !== undefined)
		fail(`job ${jobName}: the publish step has \`if: ${step.if}\`: it must always run`);
	const token = step.env?.NODE_AUTH_TOKEN;
	if (typeof token !== 'string' || !/^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/.test(token))
		fail(
			`job ${jobName}: the publish step needs \`env: NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\` (the token from the CI's secrets, never in the file)`,
		);
}

function checkJob(job, jobName) {
	const steps = Array.isArray(job.steps) ? job.steps : [];
	const publishAt = steps.findIndex(isPublish);
	const before = steps.slice(0, publishAt);
	let previous = -1;
	let previousName = 'the start';
	for (const { name, is, add } of BEFORE_PUBLISH) {
		const at = before.findIndex(is);
		if (at === -1) {
			const later = steps.findIndex(is);
			fail(
				later === -1
					? `job ${jobName}: no ${name} step before npm publish: add ${add}`
					: `job ${jobName}: the ${name} step comes after npm publish: move it before`,
			);
			continue;
		}
		if (at < previous)
			fail(
				`job ${jobName}: the ${name} step (step ${at + 1}) must come after ${previousName} (step ${previous + 1})`,
			);
		const step = before[at];
		if (step.if !== undefined)
			fail(`job ${jobName}: the ${name} step has \`if: ${step.if}\`: it must always run`);
		if (step['continue-on-error'] !== undefined && step['continue-on-error'] !== false)
			fail(
				`job ${jobName}: the ${name} step has continue-on-error: a failure must stop the publish`,
			);
		if (name === 'Node.js set-up') checkSetupNode(step, jobName);
		previous = Math.max(previous, at);
		previousName = `the ${name} step`;
	}
	if (!before.some(isTagCheck))
		fail(
			`job ${jobName}: no step before npm publish compares the tag ($GITHUB_REF_NAME) with package.json's version`,
		);
	checkPublishStep(steps[publishAt], jobName);
}

/** Tokens must come from the CI's secrets, never from the file. */
function checkNoSecrets(text) {
	if (/\bnpm_[A-Za-z0-9]{36}\b/.test(text))
		fail('the file contains an npm access token: remove it and revoke it');
	if (/_authToken\s*=\s*(?!\$)/.test(text))
		fail('the file writes a literal _authToken: take the token from the CI secrets instead');
	for (const match of text.matchAll(/^\s*(NODE_AUTH_TOKEN|NPM_TOKEN)\s*:\s*(.+)$/gm)) {
		if (!/^\$\{\{\s*secrets\./.test(match[2].trim()))
			fail(`${match[1]} is set to something other than a CI secret: \${{ secrets.NPM_TOKEN }}`);
	}
}

let text;
try {
	text = readFileSync(file, 'utf8');
} catch (error) {
	console.error(`publish workflow ${shown}: cannot be read: ${error.message}`);
	process.exit(1);
}

const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
if (document.errors.length > 0) {
	console.error(`publish workflow ${shown}: not valid YAML:`);
	for (const error of document.errors) console.error(`  ${error.message.split('\n').join('\n  ')}`);
	process.exit(1);
}
const workflow = document.toJS();
if (workflow === null || typeof workflow !== 'object' || Array.isArray(workflow)) {
	console.error(`publish workflow ${shown}: not a workflow (the YAML is not a mapping)`);
	process.exit(1);
}

checkTriggers(workflow.on);
checkNoSecrets(text);
const jobs = Object.entries(workflow.jobs ?? {}).filter(
	([, job]) => Array.isArray(job?.steps) && job.steps.some(isPublish),
);
if (jobs.length === 0) fail('no job runs `npm publish --provenance --access public`');
if (jobs.length > 1)
	fail(`${jobs.length} jobs run npm publish (${jobs.map(([name]) => name).join(', ')}): keep one`);
for (const [jobName, job] of jobs) {
	checkPermissions(workflow, job, jobName);
	checkJob(job, jobName);
}

if (problems.length > 0) {
	console.error(
		`publish workflow ${shown}: ${problems.length} problem${problems.length > 1 ? 's' : ''}:`,
	);
	for (const problem of problems) console.error(`  - ${problem}`);
	process.exit(1);
}
console.log(
	`publish workflow ${shown}: on tags ${workflow.on.push.tags.join(', ')}; job ${jobs[0][0]}: ` +
		`checkout, Node 20, tag = version, install, lint, build, unit tests, pre-verification scan, ` +
		`npm publish --provenance --access public with id-token: write and the token from the CI's secrets`,
);
