"""Framing per outlet, side by side (pure; the lexicon is shipped data).

- voices: whom each article quotes (quotes stage), with counts;
- loaded words: matches of src/svodka/data/framing/loaded.tsv by lemma sequence;
- scare quotes: the quotes stage's frames of kind "scare_quote", or, without them,
  a short «…» in lower case that is neither an attributed quote nor a name;
- labels: how each article names the same entity: role mentions resolved to it
  (resolution stage), else the title words right before a person's name
  («Президент РФ Владимир Путин», «хозяин Кремля»).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import nlp
from .compare import cite
from .model import StoryDoc
from .names import display, name_key

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_GUILLEMETS = re.compile(r"«([^«»\n]{2,40})»")
SPEECH_CUES = frozenset("""заявить сообщить сказать отметить подчеркнуть добавить назвать
считать пообещать говорить заявлять""".split())
TITLE_HEADS = frozenset("""президент премьер-министр премьер глава лидер председатель министр
генсек секретарь канцлер король спикер мэр губернатор хозяин руководитель генерал посол
пресс-секретарь вице-премьер вице-президент""".split())
MAX_SCARE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Entry:
    lemmas: tuple[str, ...]
    phrase: str
    category: str
    note: str


LEXICON = Path(__file__).resolve().parents[1] / "data" / "framing" / "loaded.tsv"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[Entry]]:
    """First lemma -> entries, longest first (shipped data, read once per process)."""
    out: dict[str, list[Entry]] = defaultdict(list)
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        phrase, category = parts[0], parts[1]
        note = parts[2] if len(parts) > 2 else ""
        lemmas = tuple(nlp.lemma(w) for w in _WORD.findall(phrase))
        out[lemmas[0]].append(Entry(lemmas, phrase, category, note))
    for v in out.values():
        v.sort(key=lambda e: -len(e.lemmas))
    return dict(out)


def loaded_words(doc: StoryDoc) -> list[dict]:
    toks = [(m.start(), m.end(), nlp.lemma(m.group())) for m in _WORD.finditer(doc.text)]
    lex = lexicon()
    out, i = [], 0
    while i < len(toks):
        for e in lex.get(toks[i][2], ()):
            n = len(e.lemmas)
            if tuple(t[2] for t in toks[i:i + n]) == e.lemmas:
                out.append({**cite(doc, toks[i][0], toks[i + n - 1][1]), "category": e.category,
                            "entry": e.phrase, "note": e.note, "rule": "lexicon"})
                i += n - 1
                break
        i += 1
    return out


def scare_quotes(doc: StoryDoc) -> list[dict]:
    frames = [f for f in doc.analysis.frames if f.kind == "scare_quote"]
    if frames:
        return [{**cite(doc, f.start, f.stop), "rule": "quotes_stage"} for f in frames]
    quoted = [(q.start, q.stop) for q in doc.analysis.quotes]
    out = []
    for m in _GUILLEMETS.finditer(doc.text):
        inner = m.group(1)
        if not inner[:1].islower() or len(inner.split()) > MAX_SCARE_WORDS:
            continue                      # names («РИА Новости») and whole quotes
        if any(s <= m.start(1) and m.end(1) <= e for s, e in quoted):
            continue                      # an attributed quote, not a distancing mark
        if _sentence_has_cue(doc, m.start()):
            continue                      # «…», — сказал он: someone's words, quoted
        out.append({**cite(doc, m.start(), m.end()), "rule": "short_lowercase_guillemets"})
    return out


def _sentence_has_cue(doc: StoryDoc, offset: int) -> bool:
    start, stop = _sentence_span(doc, offset)
    # A headline glued to the lead by segmentation is not the same sentence.
    start = max(start, doc.text.rfind("\n", start, offset) + 1)
    nl = doc.text.find("\n", offset, stop)
    stop = nl if nl >= 0 else stop
    return any(nlp.lemma(w) in SPEECH_CUES for w in _WORD.findall(doc.text[start:stop]))


def _sentence_span(doc: StoryDoc, offset: int) -> tuple[int, int]:
    for s in doc.analysis.sentences:
        if s.start <= offset < s.stop:
            return s.start, s.stop
    start = max(doc.text.rfind(".", 0, offset), doc.text.rfind("\n", 0, offset)) + 1
    stop = min((x for x in (doc.text.find(".", offset), doc.text.find("\n", offset)) if x >= 0),
               default=len(doc.text))
    return start, stop


def voices(doc: StoryDoc) -> list[dict]:
    counts: Counter = Counter()
    first: dict[str, dict] = {}
    for q in doc.analysis.quotes:
        who = q.speaker or q.speaker_text or "(не назван)"
        counts[who] += 1
        first.setdefault(who, cite(doc, q.start, q.stop))
    return [{"speaker": who, "quotes": n, "first": first[who]} for who, n in counts.most_common()]


def labels(doc: StoryDoc) -> list[dict]:
    """(entity key, entity name, label citation) for role mentions and titled names."""
    out = []
    names = {}
    for m in doc.analysis.mentions:
        if m.kind == "name" and m.type == "PER":
            names.setdefault(name_key(m), display(m))
    for m in doc.analysis.mentions:
        if m.kind == "role" and (m.entity or m.entity_id):
            out.append({"entity": m.entity or m.entity_id, "key": name_key(m),
                        **cite(doc, m.start, m.stop), "rule": "role_mention"})
    if out:
        return out
    for m in doc.analysis.mentions:
        if m.kind != "name" or m.type != "PER":
            continue
        span = _title_before(doc.text, m.start)
        if span:
            out.append({"entity": names.get(name_key(m), display(m)), "key": name_key(m),
                        **cite(doc, span[0], span[1]), "rule": "title_before_name"})
    return out


def _title_before(text: str, start: int) -> tuple[int, int] | None:
    """«Президент РФ» in «Президент РФ Владимир Путин»: up to four words before the name,
    starting at a title noun, nothing but spaces between them and the name."""
    words = list(_WORD.finditer(text, max(0, start - 80), start))
    if not words or text[words[-1].end():start].strip():
        return None
    tail = words[-4:]
    for k, w in enumerate(tail):
        if nlp.lemma(w.group()) in TITLE_HEADS:
            gaps = [text[a.end():b.start()] for a, b in zip(tail[k:], tail[k + 1:])]
            if all(g.strip() in ("", "–", "-") for g in gaps):
                return w.start(), words[-1].end()
    return None


def _form_key(text: str) -> tuple[str, ...]:
    """«Президента России» and «президент России» are one label."""
    return tuple(nlp.lemma(w) for w in _WORD.findall(text))


def loaded_label(text: str) -> Entry | None:
    """The lexicon entry a label is, if it is one («хозяин Кремля»)."""
    key = _form_key(text)
    for e in lexicon().get(key[0], ()) if key else ():
        if e.lemmas == key:
            return e
    return None


def framing(docs: list[StoryDoc]) -> dict:
    """Per article (keyed by article key) and per entity label, side by side."""
    per_article = {}
    label_table: dict[str, dict] = {}
    for doc in docs:
        per_article[doc.key] = {
            "outlet": doc.outlet, "voices": voices(doc), "loaded": loaded_words(doc),
            "scare_quotes": scare_quotes(doc),
        }
        for lab in labels(doc):
            row = label_table.setdefault(lab["key"], {"entity": lab["entity"], "by_article": {}})
            forms = row["by_article"].setdefault(doc.key, [])
            if all(_form_key(f["text"]) != _form_key(lab["text"]) for f in forms):
                forms.append({k: lab[k] for k in ("article", "start", "stop", "text", "rule")})
    # Only entities labelled in more than one article, or labelled in more than one way.
    shown = {k: v for k, v in label_table.items()
             if len(v["by_article"]) > 1 or sum(len(x) for x in v["by_article"].values()) > 1}
    return {"articles": per_article, "labels": shown}
