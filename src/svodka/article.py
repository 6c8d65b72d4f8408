"""RawDoc → Article: cleaning, metadata and svodka's stable key.

The key is a content hash of the input id and the raw text, so re-ingesting the same
input gives the same key (the store skips it) and an edited text gets a new one.
"""
from __future__ import annotations

import hashlib

from . import clean as cleaning
from . import meta
from .records import Article, RawDoc

KEY_HEX = 16    # 64 bits of sha256: no collision in any corpus svodka will hold


def key(input_id: str, text: str) -> str:
    digest = hashlib.sha256(input_id.encode("utf-8") + b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:KEY_HEX]


def build(raw: RawDoc) -> Article:
    cleaned = cleaning.clean(raw.text, raw.kind)
    found = meta.extract(raw, cleaned)
    return Article(
        key=key(raw.input_id, raw.text),
        input_id=raw.input_id,
        raw=raw.text,
        clean=cleaned.clean,
        offsets=cleaned.offsets,
        removed=cleaned.removed,
        title=found.title,
        outlet=found.outlet,
        url=raw.url,
        published=found.published,
        location=raw.location,
        kind=raw.kind,
        html=raw.html,
        warnings=found.warnings,
    )


def explain(article: Article, *, replacements: bool = False) -> list[dict]:
    """What cleaning removed, rule by rule, for ``svodka show ID --explain``: a list of
    ``{"rule", "start", "stop", "text", "reason"}`` in raw offsets. With
    ``replacements`` the in-place edits (spaces, entities) are listed too; they are
    recomputed from the raw text, cleaning being deterministic."""
    if replacements:
        return cleaning.clean(article.raw, article.kind).explain(replacements=True)
    return [{"rule": r.rule, "start": r.start, "stop": r.stop, "text": r.text, "reason": cleaning.reason(r.rule)}
            for r in article.removed]
