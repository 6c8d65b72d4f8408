"""Shared fixtures: the store under test, on SQLite and on a real PostgreSQL server.

`store_url` is parametrised over [sqlite, postgres]. The postgres half starts one
throwaway server per test session (scripts/pg.sh: Debian's postgresql, a temporary
directory, a free port of 127.0.0.1) and gives each test a fresh database. Where no
server can be started the postgres half is skipped with a loud banner at the end of the
run; in CI (CI=true) it fails instead, so the PostgreSQL store is never silently untested.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PG_SH = ROOT / "scripts" / "pg.sh"

_pg_problems: list[str] = []


@dataclass(frozen=True)
class PgServer:
    url: str            # postgresql://postgres@127.0.0.1:PORT/postgres
    stop: str           # shell command that stops it and removes its directory

    def database_url(self, name: str) -> str:
        return self.url.rsplit("/", 1)[0] + "/" + name


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _start_pg() -> PgServer:
    # PG_FAST: no fsync. Tests kill clients, never the server, so durability of the
    # server's own files is not what they check; it saves seconds per test.
    proc = subprocess.run(["bash", str(PG_SH), "start"], capture_output=True, text=True,
                          env={**os.environ, "PG_FAST": "1"}, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip() or f"scripts/pg.sh exited {proc.returncode}")
    values = {}
    for line in proc.stdout.splitlines():
        name, _, value = line.partition("=")
        values[name] = shlex.split(value)[0] if value else ""
    return PgServer(values["SVODKA_PG_URL"], values["SVODKA_PG_STOP"])


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the whole session, started on first use."""
    try:
        import psycopg  # noqa: F401  (the driver: pip install 'svodka[postgres]')
        server = _start_pg()
    except Exception as exc:  # no driver, no package, no root to install it, no postgres user, ...
        message = f"cannot start PostgreSQL via scripts/pg.sh: {type(exc).__name__}: {exc}"
        if _in_ci():
            pytest.fail(f"{message} (CI=true: PostgreSQL tests must run in CI, not skip)")
        _pg_problems.append(message)
        pytest.skip(f"POSTGRESQL TESTS SKIPPED: {message}")
    yield server
    subprocess.run(server.stop, shell=True, check=False)


@pytest.fixture()
def pg_url(pg_server, request):
    """A fresh, empty database on the session's server; dropped afterwards."""
    import psycopg
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.database_url(name)
    with psycopg.connect(pg_server.url, autocommit=True) as conn:
        # FORCE: a test that failed may leave a connection open (a killed child's
        # backend lingers until it notices its client is gone).
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """The `--db` value of a fresh store: a SQLite file path, or a postgresql:// URL."""
    if request.param == "sqlite":
        return str(tmp_path / "svodka.db")
    return request.getfixturevalue("pg_url")


def pytest_terminal_summary(terminalreporter):
    if not _pg_problems:
        return
    bar = "!" * 78
    terminalreporter.write_line(bar, red=True, bold=True)
    terminalreporter.write_line("POSTGRESQL STORE NOT TESTED: every postgres test was skipped.",
                                red=True, bold=True)
    for problem in dict.fromkeys(_pg_problems):
        terminalreporter.write_line("  " + problem, red=True)
    terminalreporter.write_line("  Install Debian's postgresql (or run as root: scripts/pg.sh installs it).",
                                red=True)
    terminalreporter.write_line(bar, red=True, bold=True)
