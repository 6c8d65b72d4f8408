from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data"
EXAMPLES = ROOT / "examples"


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


def sample_lines(n: int) -> list[str]:
    out = []
    with open(SHARED / "news_corpus_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            out.append(line.rstrip("\n"))
            if len(out) == n:
                break
    return out


def write_jsonl(path: Path, records) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                              for r in records) + "\n", encoding="utf-8")
    return path
