import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'n8n-nodes-360dialog';

/** The package's root, whether this runs compiled from .build/ or in place through ts-jest. */
export const PROJECT_DIR = findProjectDir(__dirname);

function findProjectDir(start: string): string {
	for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && readJsonName(manifest) === PACKAGE_NAME) return dir;
	}
	throw new Error(`No package.json of ${PACKAGE_NAME} above ${start}`);
}

function readJsonName(file: string): unknown {
	try {
		return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
	} catch {
		return undefined;
	}
}
