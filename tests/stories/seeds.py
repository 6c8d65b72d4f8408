"""The demo corpus (examples/) as the store would hand it over: cleaned, with
metadata (title, outlet, header date and its warnings) and the per-article analysis
of whatever stages this build has."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from svodka import article, pipeline
from svodka.records import RawDoc
from svodka.stories import StoryDoc
from svodka.stories.model import from_article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@lru_cache(maxsize=1)
def seed_docs() -> tuple[StoryDoc, ...]:
    out = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        art = article.build(RawDoc(path.name, path.read_text(encoding="utf-8"), str(path)))
        out.append(from_article(art, pipeline.analyse(art)))
    return tuple(out)


def by_name(prefix: str) -> StoryDoc:
    return next(d for d in seed_docs() if d.input_id.startswith(prefix))
