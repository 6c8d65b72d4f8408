"""One wrapper over Natasha and pymorphy: segmentation, NER spans, lemmas.

Models load once per process (``models()``); nothing is downloaded: Natasha ships
its embeddings and NER weights inside the package. Stages read a ``Parsed`` and
never touch Natasha directly, so the library can be swapped behind this module.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import razdel


@dataclass(slots=True)
class Token:
    start: int
    stop: int
    text: str


@dataclass(slots=True)
class Sentence:
    start: int
    stop: int
    first: int          # index of its first token in Parsed.tokens
    last: int           # index after its last token


@dataclass(slots=True)
class NerSpan:
    start: int
    stop: int
    type: str           # PER | LOC | ORG, as Natasha's model tags it
    text: str


@dataclass(slots=True)
class Parsed:
    text: str
    tokens: list[Token] = field(default_factory=list)
    sents: list[Sentence] = field(default_factory=list)
    ner: list[NerSpan] = field(default_factory=list)

    def lemma(self, i: int) -> str:
        return lemma(self.tokens[i].text)

    def sentence_of(self, offset: int) -> Sentence | None:
        i = bisect_right(self.sents, offset, key=lambda s: s.stop)   # first sentence ending after offset
        return self.sents[i] if i < len(self.sents) and self.sents[i].start <= offset else None


class _Models:
    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger
        self.emb = NewsEmbedding()
        self.ner = NewsNERTagger(self.emb)


@lru_cache(maxsize=1)
def models() -> _Models:
    return _Models()


@lru_cache(maxsize=1)
def morph():
    import pymorphy3
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str):
    return morph().parse(word)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The most likely lemma, lower-cased; ё folded to е for matching."""
    if not word or not word[0].isalpha():
        return word.lower()
    return parses(word)[0].normal_form.replace("ё", "е")


# Natasha's tagger reads a text as one sequence: a 1 MB article would hold its whole
# encoding in memory at once (1.7 GB seen). Longer texts are tagged in blocks of whole
# sentences; news articles (a few thousand characters) stay one block, exactly as a
# bare Natasha pass reads them.
NER_BLOCK = 20_000


def parse(text: str, *, ner: bool = True) -> Parsed:
    """Tokens and sentences via razdel, NER spans via Natasha's news model."""
    out = Parsed(text)
    for sent in razdel.sentenize(text):
        first = len(out.tokens)
        for tok in razdel.tokenize(sent.text):
            out.tokens.append(Token(sent.start + tok.start, sent.start + tok.stop, tok.text))
        if len(out.tokens) > first:
            out.sents.append(Sentence(sent.start, sent.stop, first, len(out.tokens)))
    if ner and out.tokens:
        out.ner = tag_ner(text, out.sents)
    return out


def blocks(text: str, sents: list[Sentence], size: int = NER_BLOCK) -> list[tuple[int, int]]:
    """[start, stop) blocks of whole sentences, each at most ``size`` characters unless
    one sentence alone is longer."""
    if len(text) <= size or not sents:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    for s in sents:
        if s.stop - start > size and s.start > start:
            out.append((start, s.start))
            start = s.start
    out.append((start, len(text)))
    return out


def tag_ner(text: str, sents: list[Sentence] | None = None) -> list[NerSpan]:
    """Natasha's NER, over the whole text as ``Doc.tag_ner`` runs it (or in sentence
    blocks for very long texts)."""
    bounds = blocks(text, sents or [])
    tagger = models().ner
    spans: list[NerSpan] = []
    for (start, _), markup in zip(bounds, tagger.map([text[a:b] for a, b in bounds])):
        spans.extend(NerSpan(start + s.start, start + s.stop, s.type, text[start + s.start:start + s.stop])
                     for s in markup.spans)
    return spans
