"""Stage "facts": numbers with units, and who gave them.

«2,3 тысячи миротворцев» -> Fact(value=2300, unit="миротворец"); «5,07 миллиарда
рублей» -> 5.07e9 рубль; «свыше 6 тысяч боевиков ИГ» -> 6000 боевик (the
approximation stays in ``text``). Dates, times, years and numbers inside names
(«COVID-19») are not facts. The speaker is the speaker of the quote the number
sits in (quotes stage), else the person named in the same sentence next to a
speech cue («заявивший, что …», «по словам …»).

Pure: reads ctx.text, ctx.parsed, ctx.analysis.{dates, quotes, mentions}.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import nlp
from .records import Fact

MULTIPLIERS = {
    "тысяча": 1e3, "тыс": 1e3, "миллион": 1e6, "млн": 1e6, "миллиард": 1e9, "млрд": 1e9,
    "триллион": 1e12, "трлн": 1e12, "сотня": 1e2, "десяток": 10,
}
ABBREVIATED_UNITS = {
    "руб": "рубль", "р": "рубль", "долл": "доллар", "дол": "доллар", "евро": "евро",
    "%": "процент", "км": "километр", "м": "метр", "кг": "килограмм", "т": "тонна",
    "га": "гектар", "чел": "человек", "$": "доллар", "€": "евро", "°c": "градус", "°": "градус",
}
NUMBER_WORDS = {
    "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "сто": 100, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5,
}
MONTHS = ("январ", "феврал", "март", "апрел", "мая", "июн", "июл", "август", "сентябр", "октябр",
          "ноябр", "декабр")
SPEECH_CUES = frozenset("""заявить сообщить сказать отметить подчеркнуть добавить рассказать
назвать считать уточнить пояснить заявлять сообщать говорить привести указать""".split())
_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")
# Words allowed between a number and its noun: «3 новых случая», «2,3 тысячи миротворцев».
_SKIP_UNIT_POS = {"ADJF", "ADJS", "PRTF", "NUMR"}
# Numbered references, not quantities: «ч. 3 ст. 109», «п. 2».
REFERENCE_ABBREVIATIONS = frozenset({"ст", "ч", "п", "пп", "гл", "разд", "абз", "№"})


@dataclass(slots=True)
class _Tok:
    start: int
    stop: int
    text: str


def annotate(ctx) -> None:
    taken = [(d.start, d.stop) for d in ctx.analysis.dates]
    for sent in ctx.parsed.sents:
        toks = [_Tok(t.start, t.stop, t.text) for t in ctx.parsed.tokens[sent.first:sent.last]]
        _join_grouped_digits(toks)
        for i, fact in _facts_in(toks, ctx.text):
            if any(s < fact.stop and fact.start < e for s, e in taken):
                continue
            fact.speaker, fact.subject = _speaker(ctx, fact, sent), fact.subject
            ctx.analysis.facts.append(fact)


def _join_grouped_digits(toks: list[_Tok]) -> None:
    """«1 065 человек», «9 709» are one number written with (no-break) spaces."""
    i = 0
    while i + 1 < len(toks):
        a, b = toks[i], toks[i + 1]
        if a.text.isdigit() and b.text.isdigit() and len(b.text) == 3 and len(a.text) <= 3 \
                and b.start - a.stop == 1:
            toks[i] = _Tok(a.start, b.stop, a.text + b.text)
            del toks[i + 1]
            continue
        i += 1


def _facts_in(toks: list[_Tok], text: str):
    for i, tok in enumerate(toks):
        value = _number(tok.text)
        if value is None or _not_a_quantity(toks, i, text):
            continue
        j = i + 1
        scale = 1.0
        if j < len(toks) and (m := _multiplier(toks[j].text)):
            scale = m
            j += 1
            if j < len(toks) and toks[j].text == ".":
                j += 1
        unit, k = _unit(toks, j)
        if unit is None:
            continue
        stop = toks[k].stop
        subject = text[toks[j].start:_subject_stop(toks, k)] if k >= j else None
        yield i, Fact(tok.start, stop, value * scale, unit, subject=subject,
                      text=text[_approx_start(toks, i):stop])


def _number(s: str) -> float | None:
    if _NUM.match(s):
        return float(s.replace(",", "."))
    return NUMBER_WORDS.get(s.lower())


def _not_a_quantity(toks: list[_Tok], i: int, text: str) -> bool:
    tok = toks[i]
    prev = toks[i - 1].text if i else ""
    nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
    if prev in ("-", "–") and i >= 2 and toks[i - 2].text[:1].isalpha() and toks[i - 2].stop == toks[i - 1].start:
        return True                                   # COVID-19, Су-35
    if i and toks[i - 1].stop == tok.start and toks[i - 1].text[-1:].isalpha():
        return True                                   # Tele2, МС-21 written together
    if i and prev.lower().rstrip(".") in REFERENCE_ABBREVIATIONS or nxt.rstrip(".") in REFERENCE_ABBREVIATIONS:
        return True                                   # «ч. 3 ст. 109»
    if i >= 2 and prev == "." and toks[i - 2].text.lower() in REFERENCE_ABBREVIATIONS:
        return True
    if nxt.startswith(MONTHS) or nxt in (":",):       # dates and times
        return True
    if tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100:
        return True                                   # years
    if nxt in ("-", "–") and i + 2 < len(toks) and toks[i + 2].text.lower().startswith(("й", "я", "го", "е", "м")):
        return True                                   # ordinals: 5-й
    return False


def _multiplier(s: str) -> float | None:
    return MULTIPLIERS.get(nlp.lemma(s.rstrip(".")).replace("ё", "е")) or MULTIPLIERS.get(s.lower().rstrip("."))


def _unit(toks: list[_Tok], j: int) -> tuple[str | None, int]:
    """The counted noun: the first noun within three words («3 новых случая» -> случай)."""
    for k in range(j, min(j + 4, len(toks))):
        s = toks[k].text
        low = s.lower().rstrip(".")
        if low in ABBREVIATED_UNITS:
            return ABBREVIATED_UNITS[low], k
        if not s[:1].isalpha():
            return None, k
        p = nlp.parses(s)[0]
        if p.tag.POS == "NOUN":
            return p.normal_form.replace("ё", "е"), k
        if p.tag.POS not in _SKIP_UNIT_POS:
            return None, k
    return None, j


def _subject_stop(toks: list[_Tok], k: int) -> int:
    """The unit and the genitive or proper-name words after it («миротворцев ОДКБ»)."""
    stop = toks[k].stop
    for t in toks[k + 1:k + 3]:
        if t.text[:1].isupper() or (t.text[:1].isalpha() and "gent" in nlp.parses(t.text)[0].tag
                                    and nlp.parses(t.text)[0].tag.POS == "NOUN"):
            stop = t.stop
        else:
            break
    return stop


def _approx_start(toks: list[_Tok], i: int) -> int:
    """Keep «свыше», «более», «около» in the fact's text: they qualify the number."""
    if i and nlp.lemma(toks[i - 1].text) in ("свыше", "более", "около", "почти", "менее", "порядка",
                                              "до", "примерно", "больше", "меньше", "не"):
        return toks[i - 1].start
    return toks[i].start


def _speaker(ctx, fact: Fact, sent) -> str | None:
    for q in ctx.analysis.quotes:
        if q.start <= fact.start and fact.stop <= q.stop and q.speaker:
            return q.speaker
    toks = ctx.parsed.tokens[sent.first:sent.last]
    cue_at = [t.start for t in toks if t.start < fact.start and nlp.lemma(t.text) in SPEECH_CUES]
    words = ctx.text[sent.start:fact.start].lower()
    if not cue_at and "по словам" not in words and "по данным" not in words:
        return None
    people = [m for m in ctx.analysis.mentions
              if m.type in ("PER", "ORG") and sent.start <= m.start and m.stop <= fact.start]
    if not people:
        return None
    best = people[-1] if not cue_at else min(people, key=lambda m: abs(m.start - cue_at[-1]))
    return best.entity or best.normal
