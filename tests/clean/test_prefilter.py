"""The line rules' pre-filter (``cleanrules.candidate``, built from each rule's ``needs``)
skips only lines no rule would drop: on every line of the news sample, of the seeds and
of the rule tables, running every rule on every line gives the same verdicts as the
fast path. A rule edited to match new text without its declaration fails here."""
from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

from svodka.clean import apply_line_rules, split_lines
from svodka.cleanrules import LINE_RULES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / ".." / "shared" / "data" / "news_corpus_sample.jsonl"


def rule_tables():
    """LINE_CASES and BLOCK_CASES of test_rules.py (tests are not a package here)."""
    spec = importlib.util.spec_from_file_location("clean_test_rules", Path(__file__).with_name("test_rules.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LINE_CASES, module.BLOCK_CASES


def same_verdicts(text: str) -> None:
    lines, _, verdict = split_lines(text)
    assert verdict == apply_line_rules(lines), text[:200]


def test_every_rule_declares_what_it_needs():
    # without a declaration the rule still works (every line is tried), only slower
    assert all(hasattr(rule, "needs") for rule in LINE_RULES)


def test_rule_tables_and_seeds():
    line_cases, block_cases = rule_tables()
    for _, raw, _, _ in line_cases + block_cases:
        same_verdicts(raw)
    for path in sorted((ROOT / "examples").iterdir()):
        if path.is_file():
            same_verdicts(path.read_text(encoding="utf-8", errors="replace"))


def test_case_and_spacing_variants():
    """Upper case, no-break spaces, markup and the letters whose case folding differs
    from the regex engine's («İ», «ı») around real boilerplate lines."""
    line_cases, _ = rule_tables()
    rng = random.Random(11)
    for _, raw, _, _ in line_cases:
        for variant in (raw.upper(), raw.lower(), raw.replace(" ", "\u00a0"), raw.replace(" ", "  "),
                        "**" + raw.replace("\n", "**\n**") + "**", raw.replace("i", "İ"), raw.replace("i", "ı")):
            same_verdicts(variant)
        chars = list(raw)
        for _ in range(5):
            at = rng.randrange(len(chars) + 1)
            same_verdicts("".join(chars[:at] + [rng.choice(["<b>", "&nbsp;", "\u200b", "_", "[", "]"])] + chars[at:]))


@pytest.mark.slow
def test_news_sample():
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not found")
    with open(SAMPLE, encoding="utf-8") as f:
        for line in f:
            same_verdicts(json.loads(line)["text"])
