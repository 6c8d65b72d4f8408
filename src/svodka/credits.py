"""Who a removed photo credit names: «Фото: ТАСС» is boilerplate for reading, but the
agency it credits is a real organisation in the article. Credits are matched against
the knowledge base only (media, agencies, bodies), so a photographer's name or a
stock-photo caption never becomes an entity."""
from __future__ import annotations

import re

from .records import Article

CREDIT_RULES = {"photo_credit"}
# «Фото: ТАСС», «источник фото: пресс-служба …», «Фото с сайта Кремля», «Photo: Reuters»
LEAD = re.compile(r"^\W*(?:(?:источник\s+)?фото(?:графия)?|photo|снимок|кадр)\s*(?:[:—–-]|с\s+сайта|из)?\s*",
                  re.IGNORECASE)
PART = re.compile(r"[^,/;|()«»\"]+")


def credit_mentions(article: Article) -> list[dict]:
    """Entities named by photo credits, as extract-style dicts with raw offsets."""
    from . import kb
    base = kb.load()
    out = []
    for r in article.removed:
        if r.rule not in CREDIT_RULES:
            continue
        line = article.raw[r.start:r.stop]
        lead = LEAD.match(line)
        if not lead:
            continue
        for m in PART.finditer(line, lead.end()):
            name = m.group().strip(" .\n\t\u00a0")
            if not name:
                continue
            hits = [e for e in base.lookup(name) if e.type == "ORG"]
            if len(hits) == 1:
                start = r.start + m.start() + (len(m.group()) - len(m.group().lstrip(" \t\u00a0")))
                stop = start + len(name)
                out.append({"start": start, "stop": stop, "type": "ORG", "mention": "name",
                            "text": article.raw[start:stop], "normal": hits[0].name,
                            "entity": hits[0].name, "entity_id": hits[0].id, "rule": "photo_credit"})
    return out
