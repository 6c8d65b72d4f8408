"""svodka's knowledge base: countries, places, organisations, people and their dated roles.

Built from the TSV files in ``svodka/data/kb`` (a source on every line); nothing is
downloaded. ``load()`` reads them once per process::

    from svodka import kb
    base = kb.load()
    base.lookup("Николом Пашиняном")          # [KBEntry(name="Никол Пашинян", ...)]
    base.holder("president", "kazakhstan", "2019-01-01").name   # "Нурсултан Назарбаев"
"""
from __future__ import annotations

from functools import lru_cache

from .base import KB, as_day
from .loader import DATA, read_entries
from .model import KBEntry, Role

__all__ = ["DATA", "KB", "KBEntry", "Role", "as_day", "load"]


@lru_cache(maxsize=1)
def load() -> KB:
    return KB(read_entries(DATA))
