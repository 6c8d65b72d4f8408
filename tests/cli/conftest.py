from __future__ import annotations

from pathlib import Path

import pytest

@pytest.fixture()
def run(tmp_path, monkeypatch):
    """Run the svodka CLI in-process against a fresh SQLite store."""
    from click.testing import CliRunner
    from svodka.cli import main
    monkeypatch.delenv("SVODKA_DB", raising=False)
    db = tmp_path / "t.db"

    def _run(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(db), *map(str, args)], input=input)
    _run.db = db
    return _run
