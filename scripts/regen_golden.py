#!/usr/bin/env python3
"""Regenerate the golden files of the five seeds (tests/golden/): clean text and metadata.

    python scripts/regen_golden.py          # rewrite tests/golden/*, then review `git diff tests/golden`
    python scripts/regen_golden.py --check  # exit 1 and list the files that would change

For each seed in examples/: <name>.clean.txt holds the clean text exactly; <name>.meta.json
the title, outlet, published date (with how it was found), warnings, the stable key and
every removed span (raw offsets, rule, text). A change to cleaning or metadata shows up
as a diff of these files to review, not as a silently different output.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
sys.path.insert(0, str(ROOT / "src"))


def render() -> dict[str, str]:
    """File name → content of every golden file."""
    from svodka.article import build
    from svodka.ingest import read
    from svodka.meta import format_published
    from svodka.records import RawDoc

    files: dict[str, str] = {}
    for item in read([str(EXAMPLES)]):
        if not isinstance(item, RawDoc):
            raise SystemExit(f"cannot read a seed: {item.location}: {item.reason}")
        a = build(item)
        meta = {
            "id": a.input_id, "key": a.key, "title": a.title, "outlet": a.outlet,
            "published": format_published(a.published), "published_how": a.published.how,
            "published_text": a.published.text, "warnings": a.warnings,
            "removed": [{"start": r.start, "stop": r.stop, "rule": r.rule, "text": r.text} for r in a.removed],
        }
        files[f"{a.input_id}.clean.txt"] = a.clean + "\n"
        files[f"{a.input_id}.meta.json"] = dump(meta)
    return files


def dump(meta: dict) -> str:
    """JSON with one removed span per line, so that a diff names the span that changed."""
    removed = meta.pop("removed")
    head = json.dumps(meta, ensure_ascii=False, indent=1)[:-2]
    spans = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in removed)
    return head + ',\n "removed": [\n' + spans + ("\n ]\n}\n" if removed else " ]\n}\n").replace("[\n ]", "[]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report the files that would change")
    args = parser.parse_args()
    changed = []
    for name, content in render().items():
        path = GOLDEN / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            changed.append(name)
            if not args.check:
                GOLDEN.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    for name in changed:
        print(("would change " if args.check else "wrote ") + str(GOLDEN / name))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
