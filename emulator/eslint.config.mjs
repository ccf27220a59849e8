// The lint of code that does not ship: see ../eslint.tools.config.mjs.
export { default } from '../eslint.tools.config.mjs';
