"""The demo corpus as StoryDocs, with titles and dates as the article metadata gives
them (the seeds' reference reading, ../shared/data/seeds_gold.json; 004's header
date is the wrong one its page shows)."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path

from svodka.pipeline import analyse_text
from svodka.stories import StoryDoc

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

META = {
    "000_0b7334ac1219d371.txt": (None, None, "Международная жизнь"),
    "001_26ac6c9ab8602967.txt": ("Саммит ОДКБ по Казахстану: Путин заявил, что не допустит «майданных "
                                 "технологий» и «цветных революций»", datetime(2022, 1, 10, 11, 55), None),
    "002_cc54e64c8b1819b4.txt": (None, None, None),
    "003_21b6205563734a2e.txt": ("Диалог в преддверии сессии Совета безопасности ОДКБ",
                                 datetime(2023, 11, 21), "Союзники.ОДКБ"),
    "004_75329027fc359d53.txt": ("Лидеры стран-участниц ОДКБ провели внеочередную сессию по просьбе "
                                 "Токаева", datetime(2022, 2, 10, 19, 12), None),
}


@lru_cache(maxsize=1)
def seed_docs() -> tuple[StoryDoc, ...]:
    out = []
    for name, (title, published, outlet) in META.items():
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        analysis = analyse_text(text, published, title)
        out.append(StoryDoc(name, name, outlet, title, published, text, analysis))
    return tuple(out)
