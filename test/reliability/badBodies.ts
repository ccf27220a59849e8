import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small seeded generator (mulberry32), so a failing body can be reproduced from its index. */
export function seededRandom(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface BadBody {
	kind: string;
	contentType: string;
	body: string;
}

const payloadDir = join(__dirname, '..', 'fixtures', 'payloads');
const samples = ['cloud', 'onprem'].flatMap((dir) =>
	readdirSync(join(payloadDir, dir)).map((file) =>
		readFileSync(join(payloadDir, dir, file), 'utf8'),
	),
);

const oddStrings = [
	'\u0000',
	'\ud800',
	'\uffff',
	'\u202e\u202d',
	'\ufeff',
	'𝕳𝖊𝖑𝖑𝖔',
	'👍🏽‍🔥',
	'a\u0301\u0301\u0301',
	'\u2028\u2029',
	'"\\',
];
const wrongValues: unknown[] = [
	null,
	0,
	-1,
	1e308,
	true,
	'',
	'x',
	[],
	{},
	[[]],
	{ entry: 'x' },
	'1749416383abc',
];

type Json = unknown;

function pick<T>(random: () => number, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

/** Every path to a value inside a JSON document, so one can be replaced or removed. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
	if (value === null || typeof value !== 'object') return [prefix];
	const children = Array.isArray(value)
		? value.flatMap((child, index) => paths(child, [...prefix, index]))
		: Object.entries(value).flatMap(([key, child]) => paths(child, [...prefix, key]));
	return [prefix, ...children];
}

function mutate(
	document: Json,
	path: Array<string | number>,
	change: (parent: Record<string | number, Json>, key: string | number) => void,
) {
	if (path.length === 0) return;
	let parent = document as Record<string | number, Json>;
	for (const key of path.slice(0, -1)) {
		parent = parent[key] as Record<string | number, Json>;
		// An earlier change may have replaced this branch: nothing left to change here.
		if (parent === null || typeof parent !== 'object') return;
	}
	change(parent, path[path.length - 1]);
}

function nested(depth: number, open: string, close: string, core = '1') {
	return `${open.repeat(depth)}${core}${close.repeat(depth)}`;
}

const generators: Array<(random: () => number) => BadBody> = [
	(random) => {
		const sample = pick(random, samples);
		return {
			kind: 'truncated JSON',
			contentType: 'application/json',
			body: sample.slice(0, Math.floor(random() * (sample.length - 1))),
		};
	},
	(random) => {
		const document = JSON.parse(pick(random, samples)) as Json;
		mutate(
			document,
			pick(
				random,
				paths(document).filter((p) => p.length),
			),
			(parent, key) => {
				parent[key] = pick(random, wrongValues);
			},
		);
		return { kind: 'wrong types', contentType: 'application/json', body: JSON.stringify(document) };
	},
	(random) => {
		const document = JSON.parse(pick(random, samples)) as Json;
		mutate(
			document,
			pick(
				random,
				paths(document).filter((p) => p.length),
			),
			(parent, key) => {
				if (Array.isArray(parent)) parent.splice(Number(key), 1);
				else delete parent[key];
			},
		);
		return {
			kind: 'missing fields',
			contentType: 'application/json',
			body: JSON.stringify(document),
		};
	},
	(random) => {
		const count = 1000 + Math.floor(random() * 20000);
		const element = pick(random, [
			'0',
			'{}',
			'"x"',
			'{"id":"m","type":"text","text":{"body":"b"}}',
			'null',
		]);
		const list = `[${Array(count).fill(element).join(',')}]`;
		const body =
			random() < 0.5
				? list
				: `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":${list}}}]}]}`;
		return { kind: 'huge arrays', contentType: 'application/json', body };
	},
	(random) => {
		const depth = 500 + Math.floor(random() * 5000);
		const body = random() < 0.5 ? nested(depth, '[', ']') : nested(depth, '{"entry":', '}', '[]');
		return { kind: 'deep nesting', contentType: 'application/json', body };
	},
	(random) => {
		const document = JSON.parse(pick(random, samples)) as Json;
		const strings = paths(document).filter((p) => p.length);
		for (let i = 0; i < 3; i++) {
			mutate(document, pick(random, strings), (parent, key) => {
				parent[key] = pick(random, oddStrings).repeat(1 + Math.floor(random() * 50));
			});
		}
		return { kind: 'odd unicode', contentType: 'application/json', body: JSON.stringify(document) };
	},
	(random) => ({
		kind: 'not JSON',
		contentType: pick(random, [
			'text/plain',
			'application/octet-stream',
			'application/x-www-form-urlencoded',
		]),
		body: pick(random, ['', 'hello', '<xml/>', 'a=1&b=2', '\u0000\u0001', '{"unterminated": ']),
	}),
	(random) => ({
		kind: 'JSON scalars',
		contentType: 'application/json',
		body: JSON.stringify(pick(random, wrongValues)),
	}),
];

export function badBodies(count: number, seed = 360): BadBody[] {
	const random = seededRandom(seed);
	return Array.from({ length: count }, (_, index) => generators[index % generators.length](random));
}
