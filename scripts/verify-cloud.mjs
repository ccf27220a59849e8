#!/usr/bin/env node
/**
 * `npm run verify:cloud`: what n8n checks before it verifies a community package for n8n Cloud,
 * run here. @n8n/scan-community-package lints the source a published version's provenance points
 * at (package.json, nodes/, credentials/) and the compiled .js and package.json of its tarball;
 * this runs its own analysis (analyzePackage, same rules) on this checkout and on the tarball
 * `npm pack` makes of it. The registry steps of the real scan (provenance, fetching the attested
 * source from GitHub) need a published version and are left to the release.
 * ESM: the scanner is an ES module.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'n8n-360dialog-verify-'));
let passed = false;
try {
	const output = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', work],
		{ cwd: root, encoding: 'utf8' },
	);
	// npm prints notices before the JSON on some versions.
	const [packed] = JSON.parse(output.slice(output.indexOf('[')));
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', [
		'-xzf',
		join(work, packed.filename),
		'-C',
		unpacked,
		'--strip-components=1',
	]);

	const checks = [
		[
			'source (package.json, nodes/, credentials/)',
			await analyzePackage(root, SOURCE_FILE_PATTERNS),
		],
		[
			`tarball ${packed.filename} (.js, package.json)`,
			await analyzePackage(unpacked, ['**/*.js', 'package.json']),
		],
	];
	for (const [what, result] of checks) {
		console.log(
			`${result.passed ? 'passed' : 'FAILED'}: ${what}${result.message ? `: ${result.message}` : ''}`,
		);
		if (result.details) console.log(result.details);
	}
	passed = checks.every(([, result]) => result.passed);
	console.log(
		passed
			? "verify:cloud passed: n8n's pre-verification scan finds nothing in the source or the tarball"
			: 'verify:cloud failed: see above',
	);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(passed ? 0 : 1);
