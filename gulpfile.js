// Copies the light and dark SVG icons next to the compiled nodes and credential, where n8n's
// `file:` icon paths point once the package is installed.
const { src, dest } = require('gulp');

function buildIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
exports.default = buildIcons;
