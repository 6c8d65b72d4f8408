"""Fixtures for the events tests: mentions straight from Natasha's NER spans.

The events stage reads ``ctx.analysis.mentions`` (entities + resolution). These tests
build simple mentions from ``ctx.parsed.ner`` instead, so they test the events rules
and not the other stages: PER names are put in the nominative with pymorphy, one-word
LOC/ORG names lemmatised, countries flagged from the events' country list.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from svodka import dates, events, nlp
from svodka.pipeline import Context
from svodka.records import Mention, Span


def nominative(word: str, typ: str) -> str:
    if typ == "PER":
        for p in nlp.parses(word):
            if {"Name", "Surn", "Patr"} & set(p.tag.grammemes):
                form = p.inflect({"nomn"})
                if form:
                    return form.word.capitalize() if not word.isupper() else word
        return word
    if typ == "LOC":
        lem = nlp.parses(word)[0].normal_form
        return lem.capitalize() if word[:1].isupper() and not word.isupper() else word
    return word


def mention_of(span) -> Mention:
    words = span.text.split()
    if span.type == "ORG" and len(words) > 1:
        normal = span.text
    else:
        normal = " ".join(nominative(w, span.type) for w in words)
    flags = ("country",) if span.type == "LOC" and normal in events.countries().names else ()
    return Mention(span.start, span.stop, span.type, span.text, normal, "name", normal, None, flags, "test_ner")


def run_text(text: str, published: datetime | None) -> Context:
    ctx = Context(text, published, nlp.parse(text))
    ctx.analysis.sentences = [Span(s.start, s.stop) for s in ctx.parsed.sents]
    ctx.analysis.mentions = [mention_of(s) for s in ctx.parsed.ner]
    dates.annotate(ctx)
    events.annotate(ctx)
    return ctx


@pytest.fixture
def analyse():
    return run_text
