#!/usr/bin/env bash
# Lints the API description's snapshot with the pinned Spectral of this directory and the repository's .spectral.yaml
# (spectral:oas + the OWASP ruleset). Any error fails; warnings are printed. Run by the web-module build in `verify`
# (skip only on purpose with -Dspectral.skip=true). Without node/npm this fails: the lint never quietly shrinks.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
snapshot="${1:-$root/web-module/src/main/openapi/openapi.json}"
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "spectral: $tool is missing (install Node 20+); the API description is not linted" >&2; exit 1; }
done
cd "$here"
# `npm ci` once (and again when package-lock.json changes); later builds run offline.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  SCARF_ANALYTICS=false npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
# .spectral.yaml extends "@stoplight/spectral-owasp-ruleset": resolved from this directory's node_modules.
export NODE_PATH="$here/node_modules"
exec node node_modules/@stoplight/spectral-cli/dist/index.js lint --ruleset "$root/.spectral.yaml" \
  --fail-severity error "$snapshot"
