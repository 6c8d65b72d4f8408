"""A short extractive briefing per story, every line citing its sentences.

Sections: what happened (the most central opening sentence), when and who (the
event date and participants the articles agree on), who said what (one quote per
main speaker), where sources differ (conflicts), who copied whom. A line is
``{"section", "text", "cites": [{"article", "start", "stop"}]}`` with offsets of whole
sentences of the article's clean text. ``render(view, fmt)`` prints text or markdown.
"""
from __future__ import annotations

import math
from collections import Counter

from .features import content_lemmas
from .model import StoryDoc

SECTIONS = [("what", "Что произошло"), ("said", "Кто что сказал"), ("differ", "Где источники расходятся"),
            ("framing", "Подача по изданиям"), ("copies", "Перепечатки и заимствования")]
MAX_LOADED = 4
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря"]
LEAD_SENTENCES = 3
MAX_SPEAKERS = 4
MAX_QUOTE_CHARS = 260
MAX_PARTICIPANTS = 8
MAX_ONLY_ONE = 5


def sentence_cite(doc: StoryDoc, start: int, stop: int | None = None) -> dict:
    """The sentences covering [start, stop) (or the span itself without sentences)."""
    stop = start if stop is None else stop
    sents = [s for s in doc.analysis.sentences if s.start <= max(start, stop - 1) and start < s.stop] \
        or [s for s in doc.analysis.sentences if s.start <= start < s.stop]
    if sents:
        return {"article": doc.key, "start": sents[0].start, "stop": sents[-1].stop}
    return {"article": doc.key, "start": start, "stop": max(stop, start)}


def label(doc: StoryDoc) -> str:
    return doc.input_id


def human_date(iso: str) -> str:
    y, m, d = iso[:10].split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


def briefing(view: dict, docs: dict[str, StoryDoc]) -> list[dict]:
    lines: list[dict] = []
    lines += what_happened(view, docs)
    lines += who_said_what(view, docs)
    lines += where_they_differ(view, docs)
    lines += how_they_frame(view, docs)
    lines += who_copied(view, docs)
    return lines


# -- what happened ----------------------------------------------------------------

def what_happened(view: dict, docs: dict[str, StoryDoc]) -> list[dict]:
    out = []
    best = _central_sentence(docs)
    if best:
        doc, s = best
        out.append({"section": "what", "text": _clean(doc.text[s.start:s.stop]),
                    "cites": [{"article": doc.key, "start": s.start, "stop": s.stop}]})
    if view.get("event_date"):
        spans = next((a["sides"] for a in view["agreements"] if a["kind"] == "date"), None) \
            or _event_date_spans(view, docs)
        out.append({"section": "what", "text": f"Дата события: {human_date(view['event_date'])} "
                    f"(так датируют {len({s['article'] for s in spans})} из {len(docs)} статей).",
                    "cites": _unique([sentence_cite(docs[s["article"]], s["start"], s["stop"]) for s in spans])})
    people = [a for a in view["agreements"] if a["kind"] == "participant"][:MAX_PARTICIPANTS]
    if people:
        out.append({"section": "what", "text": "Участники (называют несколько статей): "
                    + ", ".join(a["what"] for a in people) + ".",
                    "cites": _unique([sentence_cite(docs[a["sides"][0]["article"]], a["sides"][0]["start"],
                                                    a["sides"][0]["stop"]) for a in people])})
    return out


def _event_date_spans(view: dict, docs: dict[str, StoryDoc]) -> list[dict]:
    out = []
    for doc in docs.values():
        for d in doc.analysis.dates:
            if d.value and d.value[:10] == view["event_date"]:
                out.append({"article": doc.key, "start": d.start, "stop": d.stop})
                break
    return out


def _central_sentence(docs: dict[str, StoryDoc]):
    """The opening sentence sharing most (rarer-weighted) words with the other articles;
    with one article, its first sentence that is not the headline."""
    leads = {}
    for doc in docs.values():
        sents = [_last_line(doc, s) for s in doc.analysis.sentences if not _is_headline(doc, s)]
        sents = [s for s in sents if s is not None][:LEAD_SENTENCES]
        leads[doc.key] = [(s, set(content_lemmas(doc.text[s.start:s.stop]))) for s in sents]
    df = Counter(w for items in leads.values() for w in set().union(*(ws for _, ws in items)) if items)
    best, best_score = None, -1.0
    for key, items in leads.items():
        others = len(docs) - 1
        for rank, (s, ws) in enumerate(items):
            shared = sum(math.log(1 + df[w] - 1) for w in ws if df[w] > 1) if others else 1.0
            score = shared / (1 + 0.15 * rank) + (0.5 if _has_date(docs[key], s) else 0.0)
            if score > best_score:
                best, best_score = (docs[key], s), score
    return best


def _last_line(doc: StoryDoc, s):
    """A sentence glued to a headline or a dateline by segmentation: keep its last line."""
    from ..records import Span
    nl = doc.text.rfind("\n", s.start, s.stop)
    if nl < 0:
        return s
    start = nl + 1
    return Span(start, s.stop) if len(doc.text[start:s.stop].split()) >= 5 else None


def _is_headline(doc: StoryDoc, s) -> bool:
    text = doc.text[s.start:s.stop].strip()
    return bool(doc.title) and (text == doc.title.strip() or doc.title.strip().startswith(text)
                                or text.startswith(doc.title.strip()) and len(text) < len(doc.title) + 40)


def _has_date(doc: StoryDoc, s) -> bool:
    return any(s.start <= d.start < s.stop and d.value for d in doc.analysis.dates)


def _clean(text: str) -> str:
    return " ".join(text.replace("*", "").split())


# -- who said what ------------------------------------------------------------------

def who_said_what(view: dict, docs: dict[str, StoryDoc]) -> list[dict]:
    by_speaker: dict[str, list] = {}
    for doc in docs.values():
        for q in doc.analysis.quotes:
            if q.speaker:
                by_speaker.setdefault(q.speaker, []).append((doc, q))
    ranked = sorted(by_speaker.items(), key=lambda kv: (-len({d.key for d, _ in kv[1]}), -len(kv[1]), kv[0]))
    out = []
    for speaker, items in ranked[:MAX_SPEAKERS]:
        copies = {a["key"] for a in view["articles"] if a["role"] in ("reprint", "borrower")}
        # Cite a quote where it was first published, not in a reprint of it.
        doc, q = max(items, key=lambda dq: (dq[1].kind == "direct", dq[0].key not in copies,
                                            min(len(dq[1].text), MAX_QUOTE_CHARS)))
        text = _clean(q.text)
        if len(text) > MAX_QUOTE_CHARS:
            text = text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
        outlets = sorted({label(d) for d, _ in items})
        out.append({"section": "said", "text": f"{speaker}: «{text}» ({', '.join(outlets)})",
                    "cites": [sentence_cite(doc, q.start, q.stop)]})
    return out


# -- where they differ ----------------------------------------------------------------

def where_they_differ(view: dict, docs: dict[str, StoryDoc]) -> list[dict]:
    out = []
    only = []
    for c in view["conflicts"]:
        sides = [s for s in c["sides"] if s["article"] in docs]
        cites = [sentence_cite(docs[s["article"]], s["start"], s["stop"]) if s.get("start") is not None
                 else {"article": s["article"], "start": 0, "stop": 0} for s in sides]
        if c["kind"] == "date":
            head = sides[0]
            rest = sorted({label(docs[s["article"]]) for s in sides[1:]})
            event = human_date(sides[1]["value"] if len(sides) > 1 else view["event_date"])
            out.append({"section": "differ", "text":
                        f"Дата: {label(docs[head['article']])} датирован {human_date(head['value'])}"
                        f"{' («' + head['text'] + '»)' if head.get('text') else ''}, а событие, о котором он "
                        f"сообщает, произошло {event}{' (' + ', '.join(rest) + ')' if rest else ''}.",
                        "cites": cites})
        elif c["kind"] == "number":
            values = "; ".join(f"{s['text']} ({label(docs[s['article']])})" for s in sides)
            out.append({"section": "differ", "text": f"Число ({c['what']}): {values}.", "cites": cites})
        elif c["rule"] == "only_one_names":
            only.append((c, cites))
    for c, cites in only[:MAX_ONLY_ONE]:
        out.append({"section": "differ", "text": f"Только {label(docs[c['sides'][0]['article']])} "
                    f"называет: {c['what']}.", "cites": cites})
    return out


# -- framing ------------------------------------------------------------------------

def how_they_frame(view: dict, docs: dict[str, StoryDoc]) -> list[dict]:
    """Loaded labels for an entity next to the others' labels; scare quotes; the
    outlet's loaded words. Only marks that some article has and others do not."""
    from .framing import loaded_label
    out = []
    fr = view["framing"]
    for row in fr["labels"].values():
        for key, forms in row["by_article"].items():
            for f in forms:
                entry = loaded_label(f["text"])
                if entry is None:
                    continue
                others = _distinct([g["text"] for k, fs in row["by_article"].items() if k != key for g in fs
                                    if loaded_label(g["text"]) is None])[:2]
                alt = f"; у других: {', '.join('«' + o + '»' for o in others)}" if others else ""
                out.append({"section": "framing", "text": f"{row['entity']}: {label(docs[key])} называет "
                            f"его «{f['text']}» ({entry.category}){alt}.",
                            "cites": [sentence_cite(docs[key], f["start"], f["stop"])]})
    for key, art in fr["articles"].items():
        if art["scare_quotes"]:
            marks = ", ".join(f"«{q['text'].strip('«»')}»" for q in art["scare_quotes"][:3])
            out.append({"section": "framing", "text": f"{label(docs[key])} берёт в кавычки: {marks}.",
                        "cites": [sentence_cite(docs[key], q["start"], q["stop"]) for q in art["scare_quotes"][:3]]})
        words = []
        for w in art["loaded"]:
            if w["text"].lower() not in {x["text"].lower() for x in words}:
                words.append(w)
        if words:
            shown = ", ".join(f"«{w['text']}»" for w in words[:MAX_LOADED])
            out.append({"section": "framing", "text": f"{label(docs[key])}: оценочная и маркированная лексика — "
                        f"{shown}{' и др.' if len(words) > MAX_LOADED else '.'}",
                        "cites": _unique([sentence_cite(docs[key], w["start"], w["stop"])
                                          for w in words[:MAX_LOADED]])})
    return out


def _distinct(texts: list[str]) -> list[str]:
    from .framing import _form_key
    seen, out = set(), []
    for t in texts:
        if _form_key(t) not in seen:
            seen.add(_form_key(t))
            out.append(t)
    return out


def _unique(cites: list[dict]) -> list[dict]:
    seen, out = set(), []
    for c in cites:
        k = (c["article"], c["start"], c["stop"])
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


# -- copies -----------------------------------------------------------------------------

def who_copied(view: dict, docs: dict[str, StoryDoc]) -> list[dict]:
    out = []
    for a in view["articles"]:
        if a["role"] not in ("reprint", "borrower") or not a["passages"]:
            continue
        kind = "перепечатка" if a["role"] == "reprint" else "заимствует фрагменты из"
        share = round(100 * (a["copied_share"] or 0))
        cites = []
        for p in a["passages"][:3]:
            cites.append({"article": p["copy"]["article"], "start": p["copy"]["start"], "stop": p["copy"]["stop"]})
            cites.append({"article": p["source"]["article"], "start": p["source"]["start"],
                          "stop": p["source"]["stop"]})
        out.append({"section": "copies", "text": f"{a['id']} — {kind} {a['source_id']} "
                    f"({share}% текста дословно, {len(a['passages'])} фрагм.)", "cites": cites})
    return out


# -- rendering --------------------------------------------------------------------------

def render(view: dict, fmt: str = "text") -> str:
    if fmt not in ("text", "markdown"):
        raise ValueError(f"unknown format {fmt!r}: text or markdown")
    ids = {a["key"]: a["id"] for a in view["articles"]}
    md = fmt == "markdown"
    title = view.get("title") or view["id"]
    out = [f"# {title}" if md else title, ""]
    out.append(f"Сюжет {view['id']}, тема {view['thread']}; статей: {len(view['articles'])}"
               + (f"; {view['first_published']} — {view['last_published']}" if view.get("first_published") else ""))
    out.append("")
    out.append("## Статьи" if md else "Статьи:")
    for a in view["articles"]:
        src = f" ← {a['source_id']} ({round(100 * (a['copied_share'] or 0))}%)" if a.get("source") else ""
        meta = ", ".join(x for x in (a.get("outlet"), a.get("published")) if x)
        out.append(f"{'- ' if md else '  '}{a['id']} [{a['role']}]{src}{' — ' + meta if meta else ''}")
    for section, heading in SECTIONS:
        lines = [ln for ln in view["briefing"] if ln["section"] == section]
        if not lines:
            continue
        out.append("")
        out.append(f"## {heading}" if md else f"{heading}:")
        for ln in lines:
            cites = " ".join(_cite(c, ids, md) for c in ln["cites"][:6])
            out.append(f"{'- ' if md else '  - '}{ln['text']} {cites}".rstrip())
    return "\n".join(out) + "\n"


def _cite(c: dict, ids: dict[str, str], md: bool) -> str:
    ref = f"{ids.get(c['article'], c['article'])}:{c['start']}-{c['stop']}"
    return f"`[{ref}]`" if md else f"[{ref}]"
