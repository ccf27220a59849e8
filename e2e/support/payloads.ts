import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_DIR } from '../n8n';

const PAYLOADS_DIR = join(PROJECT_DIR, 'test/fixtures/payloads');

/** Every sample notification, as 'cloud/<file>' and 'onprem/<file>', sorted. */
export function samplePayloadNames(): string[] {
	return ['cloud', 'onprem'].flatMap((kind) =>
		readdirSync(join(PAYLOADS_DIR, kind))
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file) => `${kind}/${file}`),
	);
}

export function readPayload(name: string): unknown {
	return JSON.parse(readFileSync(join(PAYLOADS_DIR, name), 'utf8'));
}
