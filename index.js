// n8n finds the nodes and the credential through the "n8n" section of package.json;
// this entry point only lets `require('n8n-nodes-360dialog')` resolve.
module.exports = {};
