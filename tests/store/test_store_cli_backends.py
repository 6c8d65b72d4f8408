"""Every read command prints the same on PostgreSQL as on SQLite, over the same input.

The two stores differ in SQL dialect (NULL ordering, collation, JSON types, full-text
search); svodka's output must not. Both are filled with `svodka ingest` over the five
founding articles (examples/), then each command runs on both and the outputs are
compared line for line.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from svodka.cli import main

ROOT = Path(__file__).resolve().parents[2]

# Commands with fixed arguments; commands that need an id from the store are built below.
COMMANDS = [
    ["articles", "--json"], ["articles"], ["entities", "--json", "--limit", "0"], ["entities"],
    ["quotes", "--json"], ["quotes"], ["events", "--json"], ["events"],
    ["stories", "--json"], ["stories"], ["report"],
    ["export"], ["export", "--format", "csv"], ["export", "--format", "gexf"],
    ["entity", "Владимир Путин", "--json"], ["timeline", "Владимир Путин"],
]


def cli(db: str, *args: str):
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 0, f"svodka {' '.join(args)} on {db.split(':')[0]}: {result.output[-2000:]}"
    return result.stdout


@pytest.mark.postgres
def test_read_commands_print_the_same_on_both_backends(pg_url, tmp_path, monkeypatch):
    monkeypatch.delenv("SVODKA_DB", raising=False)
    sqlite = str(tmp_path / "svodka.db")
    for db in (sqlite, pg_url):
        cli(db, "ingest", str(ROOT / "examples"))
    commands = list(COMMANDS)
    for line in cli(sqlite, "stories", "--json").splitlines():
        sid = json.loads(line)["id"]
        commands += [["story", sid, "--json"], ["brief", sid]]
    for line in cli(sqlite, "articles", "--json").splitlines():
        aid = json.loads(line)["id"]
        commands += [["show", aid, "--json"], ["show", aid, "--explain"]]
    different = []
    for args in commands:
        lite, pg = cli(sqlite, *args), cli(pg_url, *args)
        assert lite.strip(), f"svodka {' '.join(args)} printed nothing"
        if lite != pg:
            first = next(i for i, (a, b) in enumerate(zip(lite.splitlines() + [""], pg.splitlines() + [""]))
                         if a != b)
            different.append(f"svodka {' '.join(args)}: first different line {first + 1}:\n"
                             f"  sqlite:   {(lite.splitlines() + [''])[first][:200]}\n"
                             f"  postgres: {(pg.splitlines() + [''])[first][:200]}")
    assert not different, "\n".join(different)
