"""The five seeds against their golden files (clean text and metadata).

On a difference: run `python scripts/regen_golden.py`, review `git diff tests/golden`,
and commit the files with the change that explains them.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent


def _regen():
    spec = importlib.util.spec_from_file_location("regen_golden", ROOT / "scripts" / "regen_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RENDERED = _regen().render()


def test_every_seed_has_golden_files():
    assert len(RENDERED) == 2 * len(list((ROOT / "examples").glob("*.txt")))
    on_disk = {p.name for p in GOLDEN.iterdir() if p.suffix in (".txt", ".json")}
    assert on_disk == set(RENDERED), "stale or missing golden files: run scripts/regen_golden.py"


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_golden(name):
    want = (GOLDEN / name).read_text(encoding="utf-8")
    assert RENDERED[name] == want, f"{name} changed: run `python scripts/regen_golden.py` and review the diff"
