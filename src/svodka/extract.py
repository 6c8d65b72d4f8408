"""Article + Analysis -> the JSON record of `svodka extract` (../shared/INTERFACES.md).

Every offset printed here is into the input text exactly as given (Article.raw),
mapped from the clean text through the article's offset map."""
from __future__ import annotations

from .clean import is_boilerplate
from .records import Analysis, Article
from .store.codec import published_iso


def _span(article: Article, start: int, stop: int) -> dict:
    s, e = article.raw_span(start, stop)
    return {"start": s, "stop": e}


def to_json(article: Article, analysis: Analysis) -> dict:
    raw = article.raw
    out = {
        "id": article.input_id,
        "key": article.key,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": published_iso(article.published),
        "published_how": article.published.how,
        # Boilerplate only: markup and spacing edits are not content that was dropped.
        "removed": [{"start": r.start, "stop": r.stop, "rule": r.rule} for r in article.removed
                    if is_boilerplate(r.rule)],
        "entities": [],
        "quotes": [],
        "dates": [],
        "events": [],
        "facts": [],
        "frames": [],
        "warnings": list(dict.fromkeys([*article.warnings, *analysis.warnings])),
    }
    for m in analysis.mentions:
        span = _span(article, m.start, m.stop)
        out["entities"].append({**span, "type": m.type, "mention": m.kind,
                                "text": raw[span["start"]:span["stop"]], "normal": m.normal,
                                "entity": m.entity, "entity_id": m.entity_id, "rule": m.rule})
    from .credits import credit_mentions
    out["entities"].extend(credit_mentions(article))
    for q in analysis.quotes:
        span = _span(article, q.start, q.stop)
        sp = _span(article, q.speaker_start, q.speaker_stop) if q.speaker_start is not None else None
        out["quotes"].append({**span, "kind": q.kind, "text": raw[span["start"]:span["stop"]],
                              "speaker": q.speaker, "speaker_text": q.speaker_text,
                              "speaker_start": sp["start"] if sp else None,
                              "speaker_stop": sp["stop"] if sp else None,
                              "cue": q.cue, "channel": q.channel,
                              "parts": [_span(article, p.start, p.stop) for p in q.parts],
                              "rule": q.rule})
    for d in analysis.dates:
        out["dates"].append({**_span(article, d.start, d.stop), "value": d.value,
                             "precision": d.precision, "end": d.end, "time": d.time, "rule": d.rule})
    for e in analysis.events:
        out["events"].append({"type": e.type, "date": e.date, "place": e.place, "format": e.format,
                              "status": e.status, "initiator": e.initiator,
                              "participants": list(e.participants),
                              "trigger": _span(article, e.trigger.start, e.trigger.stop),
                              "evidence": [_span(article, s.start, s.stop) for s in e.evidence],
                              "rule": e.rule})
    for f in analysis.facts:
        out["facts"].append({**_span(article, f.start, f.stop), "value": f.value, "unit": f.unit,
                             "subject": f.subject, "speaker": f.speaker})
    for f in analysis.frames:
        out["frames"].append({**_span(article, f.start, f.stop), "kind": f.kind, "text": f.text,
                              "note": f.note})
    return out
