"""How alike two articles are as reports of one event: a small, explainable score.

score = body cosine (tf-idf over content lemmas)
      + TITLE_W * weighted overlap of headline lemmas
      + NAMES_W * weighted overlap of named entities
      - MISS_W  * share of headline names the other article never mentions
- EVENT_W   when the leads report different kinds of event (events stage)
and two vetoes, because a story is one narrow event (same time, people, place):
different days in the headlines («погода на 8 ноября» / «на 16 ноября»), or
publication times further apart than the window.
Weights were set by hand on the dev pairs and kept round; see eval/clustering.py.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from .features import Features

LEAD_W = 0.5                # share of the lead (headline + opening) in the text similarity
TITLE_W = 0.2
NAMES_W = 0.2
MISS_W = 0.3
EVENT_W = 0.3               # the leads report different encounters (a call vs a summit)
# Kinds of encounter between the same people: two different ones are two events. Other
# type differences are left alone: one article's «заявил» is another's «встреча».
ENCOUNTERS = frozenset({"meeting", "phone_call", "visit", "talks", "videoconference"})
MISS_AGG = min
VETO = -1.0


PRIOR_DOCS = 10_000      # weight of the background prior, in articles
DOC_WORDS = 300          # a typical article length, to turn word frequency into a document share


@dataclass(slots=True)
class Idf:
    """Inverse document frequency from the articles seen so far, smoothed by a
    background prior: with five articles in a store, frequencies seen so far say
    nothing about which words are rare in Russian news, so word frequencies of the
    language (the ``wordfreq`` package, data shipped inside it) stand in for
    ``PRIOR_DOCS`` background articles. Without ``wordfreq`` only the running counts
    are used."""
    n: int
    df: dict[str, int]
    prior: bool = True

    def __call__(self, term: str) -> float:
        if not self.prior or not _has_wordfreq():
            return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0
        return math.log((self.n + PRIOR_DOCS + 1)
                        / (self.df.get(term, 0) + prior_df(term) + 1)) + 1.0


@lru_cache(maxsize=1)
def _has_wordfreq() -> bool:
    try:
        import wordfreq  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=300_000)
def prior_df(term: str) -> float:
    """Expected number of the PRIOR_DOCS background articles containing ``term``."""
    import wordfreq
    # The "small" list (words above about one in a million) costs ~25 MB instead of ~140;
    # rarer words get 0, which is right for a prior: they are rare.
    f = wordfreq.word_frequency(term, "ru", wordlist="small")
    return PRIOR_DOCS * min(1.0, DOC_WORDS * f)


def vector(terms: dict[str, int], idf: Idf) -> dict[str, float]:
    v = {t: (1.0 + math.log(c)) * idf(t) for t, c in terms.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def weighted_overlap(a: list[str], b: list[str], idf: Idf) -> float:
    sa, sb = set(a), set(b)
    union = sa | sb
    if not union:
        return 0.0
    return sum(idf(t) for t in sa & sb) / sum(idf(t) for t in union)


def missing_names(a: Features, b: Features) -> float:
    """The smaller, over both directions, share of one headline's names absent from the
    other article: a headline about Crush is not about OnlyOneOf."""
    def miss(x: Features, y: Features) -> float:
        if not x.title_names:
            return 0.0
        seen = set(y.names) | set(y.title) | set(y.terms) | set(y.title_names)
        return sum(t not in seen for t in x.title_names) / len(x.title_names)
    return MISS_AGG(miss(a, b), miss(b, a))


def days_apart(a: Features, b: Features) -> float | None:
    if not a.when or not b.when:
        return None
    return abs((datetime.fromisoformat(a.when) - datetime.fromisoformat(b.when)).total_seconds()) / 86400


@dataclass(slots=True)
class Score:
    value: float
    body: float
    title: float
    names: float
    miss: float
    veto: str | None = None


def score(a: Features, b: Features, idf: Idf, window_days: float | None,
          va: dict[str, float] | None = None, vb: dict[str, float] | None = None,
          same_event: bool = True) -> Score:
    """``same_event=False`` scores topic likeness for threads: different events allowed."""
    if a.title_days and b.title_days and not set(a.title_days) & set(b.title_days):
        return Score(VETO, 0, 0, 0, 0, "title_days_differ")
    apart = days_apart(a, b)
    if window_days is not None and apart is not None and apart > window_days:
        return Score(VETO, 0, 0, 0, 0, "outside_window")
    body = cosine(va or vector(a.terms, idf), vb or vector(b.terms, idf))
    if LEAD_W and a.lead and b.lead:
        body = (1 - LEAD_W) * body + LEAD_W * cosine(vector(a.lead, idf), vector(b.lead, idf))
    title = weighted_overlap(a.title, b.title, idf)
    names = weighted_overlap(a.names, b.names, idf)
    miss = missing_names(a, b)
    other_event = same_event and a.event != b.event and a.event in ENCOUNTERS and b.event in ENCOUNTERS
    value = body + TITLE_W * title + NAMES_W * names - MISS_W * miss - EVENT_W * other_event
    return Score(value, body, title, names, miss, "different_lead_events" if other_event else None)
