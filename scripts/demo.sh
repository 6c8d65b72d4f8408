#!/usr/bin/env bash
# Set up svodka and run the main job on the demo corpus (examples/) with the embedded
# SQLite store: ingest (clean, analyse, group into stories), then print what it found.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e .

DB=${SVODKA_DB:-demo.db}
rm -f "$DB" "$DB-wal" "$DB-shm"
.venv/bin/svodka --db "$DB" ingest examples/
.venv/bin/svodka --db "$DB" report
