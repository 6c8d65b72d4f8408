#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine with Python 3.11,
# then run the whole suite. Idempotent: a second run reuses what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'

# System packages for the real components the tests drive: Debian's chromium (web UI
# tests through Playwright) and PostgreSQL (the Postgres store). Installed, not downloaded
# by a test tool; skipped when present.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "scripts/test.sh: missing ${need[*]}; install them (apt-get install ${need[*]}) for the browser/PostgreSQL tests" >&2
  fi
fi

exec .venv/bin/python -m pytest -q "$@"
