"""Text keys for alias matching and the declined forms of personal names.

pymorphy lemmatises most common nouns well but guesses on rare names and gets
feminine surnames wrong («Захаровой» → «захаров»), so for people the KB also
generates the case forms of every name token itself and indexes them.
"""
from __future__ import annotations

import re
from functools import lru_cache

_QUOTES = str.maketrans({"«": " ", "»": " ", "\"": " ", "“": " ", "”": " ", "„": " ", "'": "’",
                         "\u00a0": " ", "‑": "-", "–": "-", "—": "-"})
_TOKEN = re.compile(r"[\w’-]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and ё-insensitive form of a string, quotes dropped, spaces collapsed."""
    return " ".join(text.translate(_QUOTES).lower().replace("ё", "е").split())


def tokens(text: str) -> list[str]:
    """Folded word tokens (dots split initials: «В.В.» → в, в)."""
    return [t for t in _TOKEN.findall(fold(text)) if t.strip("-")]


# Case endings added to a masculine name that ends in a hard consonant
# (Пашинян → Пашиняна, Пашиняну, Пашиняном, Пашиняне), to -ов/-ин surnames
# (Путин → Путиным) and to soft stems.
_HARD = ("а", "у", "ом", "ым", "е")
_SOFT = ("я", "ю", "ем", "е")
_INDECLINABLE_END = tuple("оуеиыюэ")


@lru_cache(maxsize=50_000)
def name_forms(token: str, gender: str | None) -> frozenset[str]:
    return frozenset(_name_forms(token, gender))


def _name_forms(token: str, gender: str | None) -> set[str]:
    """Oblique case forms of one folded name token (first name or surname)."""
    t = token
    out = {t}
    if len(t) < 2 or t.endswith(_INDECLINABLE_END):
        return out
    if gender == "f":
        if t.endswith(("ова", "ева", "ина", "ына", "ёва")):
            out |= {t[:-1] + e for e in ("ой", "у", "ою")}
        elif t.endswith("ая"):
            out |= {t[:-2] + e for e in ("ой", "ую")}
        elif t.endswith("ия"):
            out |= {t[:-1] + e for e in ("и", "ю", "ей")}
        elif t.endswith("а"):
            stem = t[:-1]
            soft = stem[-1:] in set("гкхжшчщ")
            out |= {stem + e for e in (("и" if soft else "ы"), "е", "у", "ой", "ою")}
        elif t.endswith("я"):
            out |= {t[:-1] + e for e in ("и", "е", "ю", "ей")}
        return out              # feminine names ending in a consonant do not decline
    if t.endswith("ий"):
        out |= {t[:-2] + e for e in ("ого", "ому", "им", "ом")}      # Зеленский
        out |= {t[:-1] + e for e in ("я", "ю", "ем", "и")}           # Дмитрий
    elif t.endswith(("ый", "ой")):
        out |= {t[:-2] + e for e in ("ого", "ому", "ым", "ом")}
    elif t.endswith(("ей", "ай", "уй", "яй")):
        out |= {t[:-1] + e for e in _SOFT}                           # Сергей
    elif t.endswith("ь"):
        out |= {t[:-1] + e for e in _SOFT}                           # Игорь, Зась
    elif t.endswith("а"):
        stem = t[:-1]
        soft = stem[-1:] in set("гкхжшчщ")
        out |= {stem + e for e in (("и" if soft else "ы"), "е", "у", "ой", "ою")}
    elif t.endswith("я"):
        out |= {t[:-1] + e for e in ("и", "е", "ю", "ей")}           # Илья
    elif t[-1].isalpha():
        out |= {t + e for e in _HARD}
        if t.endswith("ец"):                                         # Кравец → Кравца
            out |= {t[:-2] + "ц" + e for e in _HARD}
    return out


PATRONYMIC = re.compile(r"(вич|вна|ична|инична|оглы|кызы|улы)$")


def is_patronymic(token: str) -> bool:
    return bool(PATRONYMIC.search(token.lower()))
