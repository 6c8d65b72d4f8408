"""Random documents built from the tricky pieces cleaning meets (markup, entities,
special spaces, boilerplate lines, CRLF): cleaning never fails and its offset map and
removed spans always hold. Deterministic: a fixed seed."""
from __future__ import annotations

import random

from svodka.clean import clean

PIECES = [
    "Президент", "заявил", "что", "«миротворцы»", "**жирный**", "__подчёркнутый__", "[ссылка](https://x.ru/a)",
    "![фото](https://x.ru/a.jpg)", "<b>", "</b>", "<br>", "&nbsp;", "&amp;", "&laquo;", "&#8212;", "&nbsp", "&bogus;",
    "\u00a0", "\u202f", "\u200b", "\u00ad", "\ufeff", "\t", "  ", " ", "\r\n", "\n", "\n\n\n", "<…>", "*", "#", "## ",
    "РЕКЛАМА\n", "\nФото: ТАСС\n", "\nЧитайте также:\n", "\nПоделиться\n", "822", "\n822\n", "10.01.2022",
    "Читайте нас в Telegram", "\n© 2019 РИА\n", "—", "–", "...", "…", "https://t.me/x", "<!-- x -->", "<",
]


def test_random_documents():
    rng = random.Random(4)
    for _ in range(400):
        raw = "".join(rng.choice(PIECES) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(0, 60)))
        for kind in ("text", "markdown"):
            c = clean(raw, kind)
            assert len(c.offsets) == len(c.clean) + 1 and c.offsets[-1] == len(raw), raw
            assert all(a < b for a, b in zip(c.offsets, c.offsets[1:])), raw
            assert all(0 <= o < len(raw) for o in c.offsets[:-1]), raw
            for r in c.removed:
                assert raw[r.start:r.stop] == r.text, raw
            assert c.clean == c.clean.strip() and "\n\n\n" not in c.clean and "  " not in c.clean, repr(raw)
