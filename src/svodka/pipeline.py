"""The per-article analysis: pure, text in, annotations out, no IO.

Stages run in a fixed order over one ``Parsed`` of the clean text; each stage is a
function ``(ctx: Context) -> None`` that fills its own fields of ``ctx.analysis``
and reads what earlier stages filled. The same function runs in-process and on Dask
workers (``svodka.dist``).
"""
from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from . import nlp
from .records import Analysis, Article, Span


@dataclass
class Context:
    text: str
    published: datetime | None
    parsed: nlp.Parsed
    analysis: Analysis = field(default_factory=Analysis)
    title: str | None = None


# (name, "module:function"). Each stage module owns its function; the order is the
# dependency order: resolution needs mentions, quotes need resolved mentions, events
# need mentions, dates and quotes.
STAGES: list[tuple[str, str]] = [
    ("entities", "svodka.entities:annotate"),
    ("resolution", "svodka.resolve:annotate"),
    ("dates", "svodka.dates:annotate"),
    ("quotes", "svodka.quotes:annotate"),
    ("events", "svodka.events:annotate"),
    ("facts", "svodka.facts:annotate"),
    ("lemmas", "svodka.pipeline:annotate_lemmas"),
]


_stages: list[tuple[str, Callable[[Context], None]]] | None = None


def stages() -> list[tuple[str, Callable[[Context], None]]]:
    """The stage functions, imported once (so a Dask worker loads them when it first runs)."""
    global _stages
    if _stages is None:
        _stages = []
        for name, ref in STAGES:
            module, _, fn = ref.partition(":")
            _stages.append((name, getattr(importlib.import_module(module), fn)))
    return _stages


def annotate_lemmas(ctx: Context) -> None:
    """Lemmatised text for search (FTS over lemmas) and clustering."""
    ctx.analysis.lemmas = " ".join(nlp.lemma(t.text) for t in ctx.parsed.tokens if t.text[0].isalnum())


def analyse_text(text: str, published: datetime | None = None, title: str | None = None,
                 only: set[str] | None = None) -> Analysis:
    t0 = time.perf_counter()
    parsed = nlp.parse(text)
    ctx = Context(text, published, parsed, title=title)
    ctx.analysis.sentences = [Span(s.start, s.stop) for s in parsed.sents]
    ctx.analysis.timings["parse"] = time.perf_counter() - t0
    for name, fn in stages():
        if only is not None and name not in only:
            continue
        t = time.perf_counter()
        fn(ctx)
        ctx.analysis.timings[name] = time.perf_counter() - t
    return ctx.analysis


def analyse(article: Article, only: set[str] | None = None) -> Analysis:
    analysis = analyse_text(article.clean, article.published.value, article.title, only)
    analysis.warnings[:0] = article.warnings
    return analysis
