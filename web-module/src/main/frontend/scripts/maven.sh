#!/usr/bin/env bash
# The web module's Maven build calls this with the machine's own Node and npm (no plugin downloads Node).
#   maven.sh install  — `npm ci` when node_modules does not match package-lock.json (a stamp of the lock file)
#   maven.sh build    — regenerates the API types and fails when they are stale, tsc --noEmit, vite build
#   maven.sh test     — Vitest
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null 2>&1 || { echo "web app: node is missing (Node 20+ is needed to build the SPA)" >&2; exit 1; }
stamp=node_modules/.coffer-package-lock
case "${1:-}" in
  install)
    if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
      echo "web app: node_modules matches package-lock.json"
    else
      npm ci --no-audit --no-fund
      cp package-lock.json "$stamp"
    fi
    ;;
  build) npm run --silent build ;;
  test) CI=true npm test --silent ;;
  *) echo "usage: $0 install|build|test" >&2; exit 2 ;;
esac
