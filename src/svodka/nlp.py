"""One wrapper over Natasha and pymorphy: segmentation, NER spans, lemmas.

Models load once per process (``models()``); nothing is downloaded: Natasha ships
its embeddings and NER weights inside the package. Stages read a ``Parsed`` and
never touch Natasha directly, so the library can be swapped behind this module.
"""
from __future__ import annotations

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
        lo, hi = 0, len(self.sents)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sents[mid].stop <= offset:
                lo = mid + 1
            else:
                hi = mid
        return self.sents[lo] if lo < len(self.sents) and self.sents[lo].start <= offset else None


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
        out.ner = tag_ner(text)
    return out


def tag_ner(text: str) -> list[NerSpan]:
    """Natasha's NER over the whole text, exactly as ``Doc.tag_ner`` runs it."""
    markup = models().ner(text)
    return [NerSpan(s.start, s.stop, s.type, text[s.start:s.stop]) for s in markup.spans]
