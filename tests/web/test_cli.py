"""`svodka export` and `svodka serve --help` through click's CliRunner."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from svodka.cli import main


@pytest.mark.parametrize("fmt,first", [("jsonl", "{"), ("csv", "article_key,"), ("gexf", "<?xml")])
def test_export_to_file(demo_db, tmp_path, fmt, first):
    out = tmp_path / f"x.{fmt}"
    r = CliRunner().invoke(main, ["--db", demo_db["path"], "export", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith(first)


def test_export_story_to_stdout(demo_db):
    r = CliRunner().invoke(main, ["--db", demo_db["path"], "export", "--story", demo_db["cite"]["story"]])
    assert r.exit_code == 0, r.output
    assert demo_db["cite"]["key"] in {json.loads(x)["key"] for x in r.output.splitlines()}


def test_export_unknown_story_is_one_clear_line(demo_db):
    r = CliRunner().invoke(main, ["--db", demo_db["path"], "export", "--story", "nope"])
    assert r.exit_code == 1 and "no story 'nope'" in r.output and "Traceback" not in r.output


def test_serve_help_has_an_example():
    r = CliRunner().invoke(main, ["serve", "--help"])
    assert r.exit_code == 0 and "Example" in r.output and "--port" in r.output
