"""Matching keys for entities named across articles (pure).

With the resolution stage, mentions carry a canonical ``entity``/``entity_id`` and the
key is that. Without it, a person's key is the surname with its case ending cut
(«Токаева», «Токаеву», «Токаев» -> «токаев»), a place's the lemma of its normal form.
"""
from __future__ import annotations

import re

from .. import nlp
from ..records import Mention

# Russian surname and noun case endings, longest first.
_ENDINGS = ("ыми", "ого", "ему", "ому", "ыми", "ими", "ой", "ей", "ым", "им", "ом", "ем", "ых", "их",
            "ую", "ая", "яя", "ы", "а", "я", "у", "ю", "е")
_FEMININE = re.compile(r"(ова|ева|ина|ына|ская)$")


def name_key(m: Mention) -> str:
    if m.entity_id:
        return m.entity_id
    if m.entity:
        return m.entity.lower()
    normal = (m.normal or m.text).strip()
    if m.type == "PER":
        last = normal.split()[-1].lower().replace("ё", "е")
        return _stem(last)
    return " ".join(nlp.lemma(w) for w in normal.split()).lower()


def display(m: Mention) -> str:
    return m.entity or m.normal or m.text


def _stem(word: str) -> str:
    if _FEMININE.search(word):
        return word[:-1]       # «Токаева» is the genitive of «Токаев» far more often in news
    for e in _ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 4:
            return word[: -len(e)]
    return word
