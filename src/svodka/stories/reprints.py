"""Near-duplicates: MinHash LSH over word shingles finds candidates, alignment
confirms what was copied, and named rules decide which side is the original.

Roles (per article, against its source):
- ``reprint``: the article re-publishes another article on the same event: at
  least half of its words are verbatim copies, or (a rewrite) at least a fifth of
  its words are copied passages and the two articles are in the same story.
- ``borrower``: it copies passages (a quote, a paragraph) but is otherwise its own text.
"""
from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from datasketch import MinHash, MinHashLSH

from .align import Passage, align, coverage
from .model import StoryDoc, effective_date

NUM_PERM = 128
SEED = 1                 # fixed permutations: the same text always gets the same signature
SCHEME = "affine32"      # datasketch's hashing scheme, named so persisted signatures stay valid
SHINGLE = 4              # word 4-grams: long enough to be specific, short enough to survive edits
LSH_THRESHOLD = 0.1      # low on purpose: a rewrite that copies one quote shares ~15% of shingles;
                         # alignment then throws the chance candidates away
REPRINT_COVERAGE = 0.5   # verbatim republication
REWRITE_COVERAGE = 0.2   # a rewrite of an article on the same event
MIN_COPIED_WORDS = 20    # fewer copied words than this is a shared phrase, not borrowing

_WORD = re.compile(r"[^\W_]+")
_DEICTIC = re.compile(r"\b(сегодня|вчера|накануне|в эти минуты|только что)\b", re.IGNORECASE)


@dataclass(slots=True)
class Copy:
    """``copy`` took ``passages`` from ``source``; ``rule`` says why this direction."""
    copy: str
    source: str
    role: str                      # reprint | borrower
    coverage: float
    passages: list[Passage] = field(default_factory=list)
    rule: str = ""

    def to_state(self) -> dict:
        return {"copy": self.copy, "source": self.source, "role": self.role,
                "coverage": round(self.coverage, 4), "rule": self.rule,
                "passages": [p.to_state() for p in self.passages]}

    @classmethod
    def from_state(cls, d: dict) -> Copy:
        return cls(d["copy"], d["source"], d["role"], d["coverage"],
                   [Passage.from_state(p) for p in d["passages"]], d.get("rule", ""))


def shingles(text: str) -> set[bytes]:
    ws = [w.lower().replace("ё", "е") for w in _WORD.findall(text)]
    return {" ".join(ws[i:i + SHINGLE]).encode() for i in range(max(0, len(ws) - SHINGLE + 1))}


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch(list(shingles(text)))
    return m


_DTYPE = np.dtype("<u4")    # affine32 signatures are 32-bit


def encode(m: MinHash) -> str:
    return base64.b64encode(m.hashvalues.astype(_DTYPE).tobytes()).decode()


def decode(s: str) -> MinHash:
    values = np.frombuffer(base64.b64decode(s), dtype=_DTYPE).astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME)


class ReprintIndex:
    """The LSH index over every article added so far (signatures persist as base64)."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, str] = {}

    def candidates(self, key: str, text: str) -> tuple[MinHash, list[str]]:
        m = signature(text)
        if not self.signatures:
            return m, []
        return m, sorted(k for k in self.lsh.query(m) if k != key)

    def insert(self, key: str, m: MinHash) -> None:
        if key in self.signatures:
            return
        self.lsh.insert(key, m)
        self.signatures[key] = encode(m)

    def to_state(self) -> dict:
        return {"num_perm": NUM_PERM, "seed": SEED, "scheme": SCHEME, "shingle": SHINGLE,
                "signatures": self.signatures}

    @classmethod
    def from_state(cls, d: dict) -> ReprintIndex:
        params = (d.get("num_perm"), d.get("seed"), d.get("scheme"), d.get("shingle"))
        if params != (NUM_PERM, SEED, SCHEME, SHINGLE):
            raise ValueError(f"reprint signatures made with {params}, this build uses "
                             f"{(NUM_PERM, SEED, SCHEME, SHINGLE)}: rebuild the story index")
        out = cls()
        for key, sig in d["signatures"].items():
            out.lsh.insert(key, decode(sig))
            out.signatures[key] = sig
        return out


# -- which side is the original: a cascade of named rules, first verdict wins -------

@dataclass(slots=True)
class Side:
    doc: StoryDoc
    when: datetime | None           # trusted publication time, None when unknown or suspect
    order: int                      # position in processing order


def trusted_date(doc: StoryDoc) -> datetime | None:
    """The publication date, unless the article itself casts doubt on it.

    A header date that disagrees with the body (meta's warning, or the header typo
    check of ``model.header_typo``: 004's header 10-02-2022 over a report of «10 января
    2022 года») is exactly what a careless reprint looks like: the copier stamps its
    own or a mistyped date on someone else's report. Such a date cannot order a
    reprint pair, so it is dropped here and the textual rules below decide. Its body
    date cannot order the pair either: it is the date of the event, not of the text.
    """
    when, how = effective_date(doc)
    return when if how == "published" else None


def rule_dated_apart(a: Side, b: Side) -> tuple[Side, str] | None:
    """Both dates trusted and different: the earlier one is the original."""
    if a.when and b.when and a.when != b.when:
        return (a if a.when < b.when else b), "dated_apart"
    return None


def rule_written_on_the_day(a: Side, b: Side) -> tuple[Side, str] | None:
    """Only one side says «сегодня»/«вчера» in its lead: it was written as the news
    broke; a later copy has to turn that into a calendar date."""
    da, db = _deictic(a.doc), _deictic(b.doc)
    if da != db:
        return (a if da else b), "written_on_the_day"
    return None


def rule_credits_other(a: Side, b: Side) -> tuple[Side, str] | None:
    """One side names the other's outlet («сообщает X», «источник: X»): it is the copy."""
    ca = bool(b.doc.outlet) and b.doc.outlet.lower() in a.doc.text.lower()
    cb = bool(a.doc.outlet) and a.doc.outlet.lower() in b.doc.text.lower()
    if ca != cb:
        return (b if ca else a), "credits_other"
    return None


def rule_one_dated(a: Side, b: Side) -> tuple[Side, str] | None:
    """One trusted date and one unknown: nothing says the undated one came first, and
    the dated one was seen first in publication order."""
    if bool(a.when) != bool(b.when):
        return (a if a.when else b), "one_dated"
    return None


def rule_first_seen(a: Side, b: Side) -> tuple[Side, str] | None:
    return (a if a.order < b.order else b), "first_seen"


DIRECTION_RULES = [rule_dated_apart, rule_written_on_the_day, rule_credits_other,
                   rule_one_dated, rule_first_seen]


def _deictic(doc: StoryDoc) -> bool:
    return bool(_DEICTIC.search(doc.text[:600]))


def original_of(a: Side, b: Side) -> tuple[Side, str]:
    for rule in DIRECTION_RULES:
        verdict = rule(a, b)
        if verdict:
            return verdict
    raise AssertionError("rule_first_seen always decides")


def compare_pair(a: Side, b: Side, same_story: bool) -> Copy | None:
    """Align two candidate articles; None when nothing substantial was copied.

    Text an outlet repeats across its own articles on different events (a standard
    paragraph, a footer cleaning missed) is house style, not borrowing; an outlet
    re-publishing its own report of the same event (an update) is a reprint."""
    if a.doc.outlet and a.doc.outlet == b.doc.outlet and not same_story:
        return None
    src, why = original_of(a, b)
    dst = b if src is a else a
    passages = align(src.doc.text, dst.doc.text)
    copied = sum(p.words for p in passages)
    if copied < MIN_COPIED_WORDS:
        return None
    cov = coverage(passages, dst.doc.text)
    if cov >= REPRINT_COVERAGE or (same_story and cov >= REWRITE_COVERAGE):
        role = "reprint"
    else:
        role = "borrower"
    return Copy(dst.doc.key, src.doc.key, role, cov, passages, why)
