// Puts what tsc does not emit beside the compiled code, where n8n looks for it once installed:
// the light and dark SVG icons (the `file:` icon paths) and each node's codex file.
const { src, dest, parallel } = require('gulp');

function icons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function codex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(icons, codex);
exports.default = exports['build:icons'];
