"""The five seed articles (examples/) against the reference reading (seeds_gold.json):
every gold entity is found as a name mention with a nominative normal form, and no
boilerplate word is tagged. The seeds themselves are fixtures in examples/; the gold file
is read from ../shared/data (hence slow)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from svodka import entities, nerrules, nlp
from svodka.pipeline import Context

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / ".." / "shared" / "data" / "seeds_gold.json"
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.slow


@lru_cache(maxsize=1)
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def analysed(name: str):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    ctx = Context(text, None, nlp.parse(text))
    entities.annotate(ctx)
    return text, ctx.analysis.mentions


def lemma_key(name: str) -> tuple[str, ...]:
    """A name as lemmas, abbreviations of the lexicon spelled out: «Совет коллективной
    безопасности ОДКБ» and «Совет ... Организации Договора о коллективной безопасности» meet."""
    lex = nerrules.lexicons()
    out: list[str] = []
    for tok in nerrules._word_tokens(name):
        entry = lex.exact.get((tok,))
        if entry is not None and "abbr" in entry.flags and entry.normal != tok:
            out.extend(nlp.lemma(t) for t in nerrules._word_tokens(entry.normal))
        else:
            out.append(nlp.lemma(tok))
    return tuple(out)


def gold_entities():
    for doc, reading in gold()["documents"].items():
        for kind, names in reading["entities"].items():
            for name in names:
                yield doc, kind, name


@pytest.mark.parametrize("doc, kind, name", list(gold_entities()) if GOLD.exists() else [])
def test_gold_entity_found(doc, kind, name):
    _, found = analysed(doc)
    normals = {m.normal for m in found if m.type == kind}
    if name in normals:
        return
    # a long form of an abbreviated gold name («... Организации Договора о ...» for «... ОДКБ»)
    keys = {lemma_key(m.normal) for m in found if m.type == kind}
    assert lemma_key(name) in keys, f"{name} not among {sorted(normals)}"


def boilerplate_words(text: str, line: str) -> list[tuple[int, int]]:
    """The dictionary words of a boilerplate line where it stands in the text («РЕКЛАМА»,
    «Читайте», «Фото»); names in it (ТАСС, Facebook, «Международная жизнь», Яндекс.Дзен)
    may be tagged."""
    at = text.find(line)
    out = []
    while at >= 0:
        quoted = False
        for chunk in line.split():
            pos = text.find(chunk, at)
            at = pos + len(chunk)
            if chunk.startswith("«"):
                quoted = True
            if not quoted and chunk.isalpha() and nerrules.is_common_word(chunk) and not nerrules.is_abbr(chunk):
                out.append((pos, pos + len(chunk)))
            if chunk.rstrip(".,:;").endswith("»"):
                quoted = False
        at = text.find(line, at)
    return out


@pytest.mark.parametrize("doc", sorted(gold()["documents"]) if GOLD.exists() else [])
def test_no_boilerplate_word_tagged(doc):
    text, found = analysed(doc)
    for line in gold()["documents"][doc]["boilerplate"]:
        for start, stop in boilerplate_words(text, line):
            hit = [m.text for m in found if m.start < stop and start < m.stop]
            assert not hit, f"{text[start:stop]!r} of {line!r} tagged in {hit}"


@pytest.mark.parametrize("doc", sorted(p.name for p in EXAMPLES.glob("*.txt")))
def test_no_role_word_alone(doc):
    """«Президент», «Глава государства»: roles are resolution's, never a name mention."""
    _, found = analysed(doc)
    lex = nerrules.lexicons()
    for m in found:
        assert not all(nlp.lemma(w) in lex.roles for w in m.text.split()), m
