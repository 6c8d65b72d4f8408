"""Passage alignment: which stretches of one article were copied from another.

Works on word sequences (lower-cased, ё folded, punctuation and markup ignored),
so a copy that re-quotes «…» as a dialogue dash or adds **bold** still aligns.
Every passage is a pair of half-open character spans, one in each clean text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")

SEED_WORDS = 8        # a shared run shorter than this is ordinary phrasing, not copying
MIN_WORDS = 12        # passages shorter than this are not reported as copied
MAX_GAP = 3           # words dropped or changed inside a copied passage still count as one


@dataclass(slots=True)
class Passage:
    src_start: int
    src_stop: int
    dst_start: int
    dst_stop: int
    words: int

    def to_state(self) -> list[int]:
        return [self.src_start, self.src_stop, self.dst_start, self.dst_stop, self.words]

    @classmethod
    def from_state(cls, v: list[int]) -> Passage:
        return cls(*v)


@dataclass(slots=True)
class _Words:
    norm: list[str]
    spans: list[tuple[int, int]]


def tokenize(text: str) -> _Words:
    norm, spans = [], []
    for m in _WORD.finditer(text):
        norm.append(m.group().lower().replace("ё", "е"))
        spans.append((m.start(), m.end()))
    return _Words(norm, spans)


def align(src: str, dst: str, min_words: int = MIN_WORDS) -> list[Passage]:
    """Passages of ``dst`` copied from ``src``, in ``dst`` order."""
    a, b = tokenize(src), tokenize(dst)
    runs = _seed_runs(a.norm, b.norm)
    merged = _merge(runs)
    out = []
    for i0, i1, j0, j1 in merged:
        n = j1 - j0
        if n >= min_words:
            out.append(Passage(a.spans[i0][0], a.spans[i1 - 1][1], b.spans[j0][0], b.spans[j1 - 1][1], n))
    return out


def coverage(passages: list[Passage], text: str) -> float:
    """Share of the words of ``text`` (the copying side) inside copied passages."""
    total = len(_WORD.findall(text))
    return sum(p.words for p in passages) / total if total else 0.0


def _seed_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Maximal exact runs of at least SEED_WORDS words, found through an n-gram index of
    ``a``: linear in the lengths, not quadratic."""
    if len(a) < SEED_WORDS or len(b) < SEED_WORDS:
        return []
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(a) - SEED_WORDS + 1):
        index.setdefault(tuple(a[i:i + SEED_WORDS]), []).append(i)
    runs = []
    j = 0
    while j <= len(b) - SEED_WORDS:
        hits = index.get(tuple(b[j:j + SEED_WORDS]))
        if not hits:
            j += 1
            continue
        best = None
        for i in hits[:8]:
            n = SEED_WORDS
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            if best is None or n > best[1]:
                best = (i, n)
        i, n = best
        runs.append((i, i + n, j, j + n))
        j += n
    return runs


def _merge(runs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Join runs that continue each other on both sides across a small edit."""
    out: list[list[int]] = []
    for i0, i1, j0, j1 in runs:
        if out:
            p = out[-1]
            if 0 <= i0 - p[1] <= MAX_GAP and 0 <= j0 - p[3] <= MAX_GAP:
                p[1], p[3] = i1, j1
                continue
        out.append([i0, i1, j0, j1])
    return [tuple(r) for r in out]
