"""Stage "quotes": who said what, with the speaker resolved.

Three finders over the clean text, then one attribution step:

1. quote marks («ёлочки», „лапки“, “curly”, "straight"), paired with nesting, across
   paragraphs only when the marks say so (a paragraph reopening the quote, or a closing
   mark in the next paragraph); unclosed or stray marks leave a warning;
2. dialogue dashes: a paragraph opening with «—», «–» or «-», split into parts around
   the attribution («— Текст, — сказал Путин. — Продолжение.» is one quote in two parts);
3. reported speech without marks: «X заявил, что …», «По словам X, …», «как сообщили в
   МИД, …», «…, — добавил он», with the reported clause as the span.

Quoted words nobody is said to have said become ``Frame(kind="scare_quote")``; names in
quotes («Газпром», газета «Коммерсант») are neither. Speakers are resolved through the
mentions of the earlier stages (canonical ``entity``), pronouns and role nouns through
the last named person that fits, organisations as their phrase in the nominative.

Debug: ``python -m svodka.quotes FILE --debug`` prints each quote with the rule that
made it and the rule that found its speaker.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from . import nlp
from . import quoterules as R
from .records import Frame, Mention, Quote, Span

MAX_WARNINGS = 12
CLAUSE_WORDS = {"что", "будто", "чтобы", "мол"}
POSSESSIVE = {"его": "masc", "ее": "femn", "её": "femn", "их": "plur"}
PO_SLOVAM = {"словам", "мнению", "оценке", "утверждению", "версии", "заявлению", "признанию", "подсчетам"}
CHANNEL_WORDS = {"интервью", "эфир", "telegram-канал", "телеграм-канал", "телеграм", "telegram", "twitter", "твиттер",
                 "facebook", "фейсбук", "instagram", "инстаграм", "соцсеть", "блог", "микроблог", "пресс-конференция",
                 "брифинг", "youtube", "ютуб", "вконтакте", "страница", "аккаунт"}


# ---------------------------------------------------------------- records of this stage

@dataclass(slots=True)
class Marked:
    """Words between quote marks: ``start``/``stop`` inside the marks."""
    open: int
    close: int | None          # None: never closed, cut at the paragraph end
    start: int
    stop: int
    depth: int
    char: str


@dataclass
class Found:
    start: int
    stop: int
    kind: str
    rule: str
    cue_i: int | None = None
    phrase: R.Phrase | None = None
    channel: str | None = None
    parts: list[Span] = field(default_factory=list)
    speaker: str | None = None
    speaker_rule: str = ""
    cue_cls: str | None = None
    intro: int | None = None       # paragraph that introduced a run of dialogue paragraphs


# ---------------------------------------------------------------- paragraphs

def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines, stripped: svodka's clean text keeps one paragraph a line."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out or [(0, len(text))]


# ---------------------------------------------------------------- quote marks

def _left_flank(text: str, i: int) -> bool:
    """Could open: start, space or an opening bracket/dash before, a non-space after."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:«„“") and not after.isspace()


def _right_flank(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return not before.isspace() and i > 0


def scan_marks(text: str, paras: list[tuple[int, int]], warnings: list[str]) -> list[Marked]:
    """Pair quote marks with nesting, paragraph by paragraph.

    A quote left open at a paragraph end continues only if the next paragraph reopens
    it (the Russian convention for long quotes) or closes it before opening another;
    otherwise it is cut at the paragraph end and a warning says so.
    """
    out: list[Marked] = []
    stack: list[tuple[str, int, int]] = []    # (char, offset of the mark, paragraph where opened)
    for pi, (a, b) in enumerate(paras):
        i = a
        if stack and text[a] == stack[-1][0] and stack[-1][0] in "«„\"":
            i = a + 1                          # the reopening mark of a continued quote
        while i < b:
            c = text[i]
            if c in "«„":
                stack.append((c, i, pi))
            elif c == "»":
                outer = None if _find(stack, "«") is not None else _collapsed_opener(text, i, (a, b), out)
                if outer is not None:
                    out.append(outer)
                else:
                    _close(stack, "«", i, out, warnings)
            elif c in "“”":
                k = _find(stack, "„“")
                if c == "“" and k is None:
                    if _left_flank(text, i):
                        stack.append(("“", i, pi))
                    else:
                        _warn(warnings, f"quotes: unmatched closing quote mark at {i}")
                elif k is not None and (_right_flank(text, i) or not _left_flank(text, i)):
                    _close(stack, "„“", i, out, warnings)
                elif _left_flank(text, i):
                    stack.append(("“", i, pi))
                else:
                    _warn(warnings, f"quotes: unmatched closing quote mark at {i}")
            elif c == '"':
                k = _find(stack, '"')
                opens, closes = _left_flank(text, i), _right_flank(text, i)
                if k is None:
                    if opens:
                        stack.append(('"', i, pi))
                    else:
                        _warn(warnings, f"quotes: unmatched closing quote mark at {i}")
                elif closes and not (opens and text.count('"', i + 1, b) >= 2 and not _ends_word(text, i)):
                    _close(stack, '"', i, out, warnings)
                elif opens and text.count('"', i + 1, b) >= 2:
                    stack.append(('"', i, pi))         # nested straight quotes: "… "Газпром" …"
                else:
                    _warn(warnings, f"quotes: stray quote mark at {i}")
            i += 1
        if stack:
            stack = _carry(text, paras, pi, stack, out, warnings)
    return sorted(out, key=lambda m: (m.start, -m.stop))


def _ends_word(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return after.isspace() or after in ".,;:!?)…—–"


def _find(stack, chars: str) -> int | None:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][0] in chars:
            return k
    return None


def _close(stack, chars: str, i: int, out: list[Marked], warnings: list[str]) -> None:
    k = _find(stack, chars)
    if k is None:
        _warn(warnings, f"quotes: unmatched closing quote mark at {i}")
        return
    for char, at, _ in stack[k + 1:]:
        _warn(warnings, f"quotes: quote mark {char} at {at} never closes")
    char, at, _ = stack[k]
    del stack[k:]
    out.append(Marked(at, i, at + 1, i, len(stack), char))


def _carry(text, paras, pi, stack, out, warnings):
    """Decide which quotes still open at the end of paragraph ``pi`` go on."""
    keep = []
    for char, at, opened in stack:
        collapsed = _collapsed_closer(text, at, paras[pi][1], out)
        goes_on = collapsed is None and pi - opened < 20 and _goes_on(text, paras, pi, char)
        if goes_on:
            keep.append((char, at, opened))
        elif collapsed is not None:
            # «… «Ладушки», — уточнила она: one mark closes the inner and the outer quote
            out.append(Marked(at, collapsed, at + 1, collapsed, len(keep), char))
        else:
            end = paras[pi][1]
            _warn(warnings, f"quotes: quote mark {char} at {at} never closes; cut at the paragraph end {end}")
            out.append(Marked(at, None, at + 1, end, len(keep), char))
    return keep


CLOSERS = {"«": "»", "„": "“”", "“": "”“", '"': '"'}


def _goes_on(text: str, paras, pi: int, char: str) -> bool:
    """Does a quote open at the end of paragraph ``pi`` continue? Yes when a next paragraph
    reopens it, or closes it before opening another; paragraphs with no marks at all
    (up to three) are passed over: «… (no close)\nтекст\nтекст …», — сказал он."""
    closer = CLOSERS[char]
    for k, nxt in enumerate(paras[pi + 1:pi + 4]):
        if text[nxt[0]] == char:
            return k == 0              # a reopening mark continues the quote of the paragraph just before
        if text[nxt[0]] in "—–-":
            return False               # a dialogue line: somebody else speaks
        seg = text[nxt[0]:nxt[1]]
        pos = [seg.find(c) for c in closer if seg.find(c) >= 0]
        opens = seg.find(char) if char != '"' else -1
        if not pos and opens < 0:
            continue
        return bool(pos) and (opens < 0 or min(pos) < opens) and \
            (char != '"' or _right_flank(text, nxt[0] + min(pos)))
    return False


def _collapsed_opener(text: str, i: int, para: tuple[int, int], out: list[Marked]) -> Marked | None:
    """«Нормандский формат» запланирован …, подготовка ведется». — one mark opened both the
    outer quote and the name inside it; the lone closing mark at the end says so."""
    if not re.match(r"[.!?…]?\s*(?:[,.]?\s*[—–-]\s|$)", text[i + 1:para[1] + 1] if i + 1 < para[1] else ""):
        return None
    for m in out:
        if m.char == "«" and para[0] <= m.open and m.close is not None and m.close < i and m.depth == 0:
            before = text[para[0]:m.open].rstrip()
            if before == "" or before.endswith((":", "—", "–")):
                return Marked(m.open, i, m.open + 1, i, 0, "«")
            return None
    return None


def _collapsed_closer(text: str, at: int, end: int, out: list[Marked]) -> int | None:
    """A nested quote closing right before an attribution dash closes its parent too."""
    for m in out:
        if m.open > at and m.close is not None and m.close < end and m.depth >= 0:
            if re.match(r"[,!?…]?\s+[—–-]\s", text[m.close + 1:m.close + 6]):
                return m.close
            rest = text[m.close + 1:end]
            if re.match(r"[.!?…]\s+\S", rest) and not re.search(r"[«»\"]", rest) and \
                    any(R.cue_of(w) for w in re.findall(r"\w+", rest)):
                return m.close        # «… «нормандскому формату». Песков отметил: the author speaks again
    return None


def _warn(warnings: list[str], message: str) -> None:
    if len(warnings) < MAX_WARNINGS:
        warnings.append(message)
    elif len(warnings) == MAX_WARNINGS:
        warnings.append("quotes: more malformed quote marks not listed")


# ---------------------------------------------------------------- context

class Ctx:
    """One article under analysis: the rules' Doc plus sentence lookups and results."""

    def __init__(self, text: str, parsed: nlp.Parsed, mentions: list[Mention]):
        self.text = text
        self.parsed = parsed
        self.paras = paragraphs(text)
        self.doc = R.Doc(text, parsed.tokens, mentions, self.paras)
        self.female = {man: woman for man, woman in female_names(mentions).items()
                       if self._feminine_verbs(mentions, man)}
        self.full_names = link_surnames(mentions, self.female)
        self.sents = self._sentences()
        self.sent_starts = [x.start for x in self.sents]
        self.per_subjects = self._per_subjects()
        self.appositions = self._appositions()
        self.aliases = self._aliases()
        self.credited = self._credited_outlets()

    def _sentences(self) -> list[nlp.Sentence]:
        """razdel's sentences cut at paragraph ends (titles and captions have no full stop)."""
        out = []
        for s in self.parsed.sents:
            a = s.start
            while a < s.stop:
                _, pb = self.doc.paragraph_of(a)
                b = min(s.stop, pb) if pb > a else s.stop
                first, last = self.doc.tok_at(a), self.doc.tok_before(b)
                if last > first:
                    out.append(nlp.Sentence(self.doc.tokens[first].start, self.doc.tokens[last - 1].stop, first, last))
                nxt = self.doc.tok_at(b)
                if nxt >= s.last or nxt >= len(self.doc.tokens):
                    break
                a = self.doc.tokens[nxt].start
        return out

    CREDIT = re.compile(r"(?im)^(?:читайте|подписывайтесь\s+на|источник\s*[:—–-])\s*[«\"]?([\w.&-]+)")

    def _credited_outlets(self) -> frozenset[str]:
        """«Читайте iReactor в Яндексе», «Источник: Sport24»: the footer names media, so
        «Ранее iReactor сообщал, что …» in the body is sourcing, not a speaker."""
        out = set()
        for m in self.CREDIT.finditer(self.text):
            name = m.group(1)
            if name[:1].isupper() and not nlp.parses(name)[0].is_known or "LATN" in R.word_pos(name):
                out.add(R.fold(name))
        return frozenset(out)

    ALIAS = re.compile(r"(?:псевдоним\w*|прозвищ\w*|известн\w+\s+как|по\s+прозвищу)\s+[«\"„]?([А-ЯЁA-Z][\w-]+)")

    def _aliases(self) -> dict[str, str]:
        """«Андрей Орлов, также его знают под псевдонимом Орлуша»: the nickname is the
        person named last before it in the sentence (folded, first four letters kept
        loose for its declined forms)."""
        out = {}
        for m in self.ALIAS.finditer(self.text):
            s = self.parsed.sents and next((x for x in self.parsed.sents if x.start <= m.start() < x.stop), None)
            lo = s.start if s else max(0, m.start() - 200)
            people = [x for x in self.doc.mentions_in(lo, m.start()) if x.type == "PER" and x.kind == "name"]
            if people:
                out[R.fold(m.group(1))] = self.full_names.get(id(people[-1]), canonical(people[-1]))
        return out

    def alias(self, text: str) -> str | None:
        word = R.fold(_strip_marks(text))
        for nick, name in self.aliases.items():
            if word == nick or len(nick) > 4 and word[:-1] == nick[:-1] and len(word) == len(nick):
                return name
        return None

    def _feminine_verbs(self, mentions: list[Mention], name: str) -> bool:
        """A verb in the feminine right beside a mention of the person («рассказала Медведева»)."""
        for m in mentions:
            if m.type != "PER" or canonical(m) != name:
                continue
            i, j = self.doc.tok_at(m.start), self.doc.tok_before(m.stop)
            for k in (i - 1, j):
                if 0 <= k < len(self.doc.tokens):
                    p = nlp.parses(self.doc.word(k))[0]
                    if p.tag.POS == "VERB" and p.tag.gender == "femn":
                        return True
        return False

    def not_antecedents(self, spans: list[Span]) -> None:
        """People named inside quoted speech are not who «он» in the attribution is."""
        mask = coverage(len(self.text), spans)
        self.per_subjects = [p for p in self.per_subjects if not mask[p[0]]]

    def sentence(self, offset: int) -> nlp.Sentence | None:
        from bisect import bisect_right
        k = bisect_right(self.sent_starts, offset) - 1
        if k >= 0 and self.sents[k].start <= offset < max(self.sents[k].stop, self.sents[k].start + 1):
            return self.sents[k]
        if k >= 0 and k + 1 < len(self.sents) and offset < self.sents[k + 1].start:
            return self.sents[k]
        return self.sents[k] if k >= 0 else (self.sents[0] if self.sents else None)

    def sent_bounds(self, offset: int) -> tuple[int, int, int, int]:
        """Token range and char range of the sentence at offset, clipped to its paragraph."""
        s = self.sentence(offset)
        pa, pb = self.doc.paragraph_of(offset)
        if s is None:
            i = self.doc.tok_at(pa)
            return i, self.doc.tok_before(pb), pa, pb
        a, b = max(s.start, pa), min(s.stop, pb)
        return self.doc.tok_at(a), self.doc.tok_before(b), a, b

    def _per_subjects(self) -> list[tuple[int, str, str | None]]:
        """Named people in a nominative-capable form: the antecedents of «он», «президент»."""
        out = []
        for m in self.doc.mentions:
            if m.type != "PER" or m.kind == "pronoun":
                continue
            i = self.doc.tok_at(m.start)
            if i > 0 and R.first_pos(self.doc.word(i - 1)) == "PREP":
                continue               # «неприкосновенности с Порошенко»: no subject after a preposition
            if R.is_nominative_mention(m, strict=True):
                name = self.full_names.get(id(m), canonical(m))
                out.append((m.start, name, R.gender_of_name(name) or R.gender_of_mention(m)))
        return out

    def _appositions(self) -> dict[str, list[tuple[int, str, frozenset[str]]]]:
        """Role nouns written next to a name («адвоката Екатерины Рубашкиной»): lemma → people.

        Only words whose case agrees with the name count (in «Руководитель Администрации
        Президента Кыргызстана Акылбек Жапаров» Жапаров is no «президент»); the other
        lemmas of the phrase are kept to match a later «Генеральный секретарь ОДКБ».
        """
        out: dict[str, list[tuple[int, str, frozenset[str]]]] = {}
        for m in self.doc.mentions:
            if m.type != "PER" or m.kind != "name":
                continue
            i = self.doc.tok_at(m.start)
            name_cases = R.word_cases(self.doc.word(i))
            k = i - 1
            words = []
            while k >= max(0, i - 7) and (R.is_np_token(self.doc, k) or self.doc.word(k) in ("-", "–")):
                words.append(self.doc.word(k))
                k -= 1
            lemmas = frozenset(nlp.lemma(w) for w in words if w[:1].isalpha())
            for w in words:
                if w[:1].isalpha() and R.first_pos(w) == "NOUN" and (R.word_cases(w) & name_cases or not name_cases):
                    out.setdefault(nlp.lemma(w), []).append((m.start, self.full_names.get(id(m), canonical(m)), lemmas))
        return out


def canonical(m: Mention) -> str:
    return m.entity or m.normal or m.text


def female_names(mentions: list[Mention]) -> dict[str, str]:
    """«Евгения Медведева» normalised as «Евгений Медведев» (read as a man's genitive): when a
    full name is written as a woman's name in the nominative, that is the person; every
    mention given the man's form in this article is mapped back to it."""
    out: dict[str, str] = {}
    for m in mentions:
        name = canonical(m)
        words = m.text.split()
        if m.type != "PER" or len(words) < 2 or len(words) != len(name.split()):
            continue
        if R.gender_of_name(name) == "masc" and R.female_nominative(words):
            out[name] = " ".join(words)
    return out


def link_surnames(mentions: list[Mention], female: dict[str, str] | None = None) -> dict[int, str]:
    """Without the resolution stage: a lone surname takes the full name the article gives."""
    female = female or {}
    out: dict[int, str] = {id(m): female[canonical(m)] for m in mentions if canonical(m) in female}
    full: dict[str, str] = {}
    for m in mentions:
        if m.type == "PER" and not m.entity and " " in (m.normal or ""):
            full.setdefault(m.normal.split(" ")[-1], m.normal)
    for m in mentions:
        if m.type == "PER" and not m.entity and m.normal and " " not in m.normal and id(m) not in out:
            hit = full.get(m.normal) or next((v for k, v in full.items() if _same_surname(k, m.normal)), None)
            if hit:
                out[id(m)] = hit
    return out


def _same_surname(a: str, b: str) -> bool:
    """«Булатова» and «Булатов»: one surname in two genders (or one normaliser's slip)."""
    a, b = a.lower(), b.lower()
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 1


# ---------------------------------------------------------------- dialogue dashes

DASH_OPEN = re.compile(r"[—–-](?:\s+|(?=[«\"„]))|[—–](?=\S)")
DASH_SEP = re.compile(r"(?<=[,.!?…:;])\s+[—–-](?:\s+|(?=[А-ЯЁA-Z«\"„]))")


def dialogue_quotes(cx: Ctx) -> list[Found]:
    out: list[Found] = []
    prev: Found | None = None
    prev_para = -2
    run_intro: int | None = None       # the paragraph before the current run of dash paragraphs
    last_dash = -2
    asked = False                      # the run is an interview: questions and answers
    for pi, (a, b) in enumerate(cx.paras):
        m = DASH_OPEN.match(cx.text, a)
        if not m or m.end() >= b:
            continue
        if last_dash != pi - 1:
            run_intro, asked = (pi - 1 if pi > 0 else None), False
        last_dash = pi
        found = _dialogue_paragraph(cx, m.end(), b)
        if found is None:
            continue
        if found.cue_i is None:
            if cx.text[found.stop - 1:found.stop] == "?" and not found.parts:
                asked = True           # «– Почему …?»: the interviewer asks; the answer follows
                prev = None
                continue
            # No attribution in the paragraph: the answer to a question, a continuation of
            # the previous speaker, or speech the paragraph before announced; else a list item.
            if asked and run_intro is not None and _introduces(cx, run_intro + 1):
                found.rule, found.intro = "dash_answer", run_intro
            elif prev is not None and prev_para == pi - 1:
                found.rule = "dash_chain"
                found.phrase = prev.phrase
                found.speaker_rule = "chain"
            elif _introduces(cx, pi):
                found.rule, found.intro = "dash_after_intro", pi - 1
            else:
                continue
        out.append(found)
        prev, prev_para = found, pi
    return out


def colon_paragraph_quotes(cx: Ctx, taken: list[Span]) -> list[Found]:
    """«Вот что он сказал по этому поводу:» and then a paragraph of speech with no marks
    or dash: that paragraph is the quote (web outlets set block quotes this way)."""
    out: list[Found] = []
    covered = coverage(len(cx.text), taken)
    for pi in range(1, len(cx.paras)):
        a, b = cx.paras[pi]
        pa, pb = cx.paras[pi - 1]
        intro = cx.text[pa:pb].rstrip()
        body = cx.text[a:b].strip()
        if not intro.endswith(":") or covered[a] or body[:1] in "«„\"“—–-•*" or body[:1].isdigit():
            continue
        if len(re.findall(r"\w+", body)) < 5 or not _has_finite_verb(body):
            continue
        if re.search(r"[«»\"„“]", body[:2] + body[-2:]):
            continue                   # marks of their own: the mark rules take it
        colon = pa + len(intro) - 1
        lo, _, _, _ = cx.sent_bounds(colon)
        hi = cx.doc.tok_before(colon)
        for k in range(hi - 1, lo - 1, -1):
            cue = R.cue_of(cx.doc.word(k))
            if cue and cue.cls in ("speech", "write", "opinion"):
                span = _trim(cx.text, a, b)
                f = Found(span.start, span.stop, "direct", "colon_paragraph", cue_i=k, cue_cls=cue.cls)
                f.phrase = _speaker_of_cue(cx, k, hi, before_lo=lo, cue=cue)
                f.channel = channel_near(cx, k, hi)
                out.append(f)
                break
    return out


def _introduces(cx: Ctx, pi: int) -> bool:
    """The paragraph before announces speech: a cue verb in its last sentence or a colon."""
    if pi == 0:
        return False
    a, b = cx.paras[pi - 1]
    s = cx.sentence(b - 1)
    lo = cx.doc.tok_at(s.start if s else a)
    hi = cx.doc.tok_before(b)
    return any(R.cue_of(cx.doc.word(i)) for i in range(lo, hi))


def _dialogue_paragraph(cx: Ctx, body: int, end: int) -> Found | None:
    seps = list(DASH_SEP.finditer(cx.text, body, end))
    bounds = [body] + [x for s in seps for x in (s.start(), s.end())] + [end]
    segments = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    parts: list[Span] = []
    cur = body
    cue_i = phrase = None
    stop_at = end
    for k, (sa, sb) in enumerate(segments[1:], start=1):
        if cue_i is not None:
            break
        att = _attribution(cx, sa, sb)
        if att is None:
            continue
        cue_i, att_stop, narration = att
        parts.append(_trim(cx.text, cur, segments[k - 1][1]))
        cue = R.cue_of(cx.doc.word(cue_i))
        phrase = _speaker_of_cue(cx, cue_i, cx.doc.tok_before(att_stop), before_lo=None, cue=cue)
        if narration or k + 1 >= len(segments):
            cur = None
            break
        cur = segments[k + 1][0]
    if cur is not None:
        parts.append(_trim(cx.text, cur, stop_at))
    parts = [p for p in parts if p.stop > p.start]
    if not parts:
        return None
    f = Found(parts[0].start, parts[-1].stop, "direct", "dash_attributed" if cue_i is not None else "dash",
              cue_i=cue_i, phrase=phrase, parts=parts if len(parts) > 1 else [])
    if cue_i is not None:
        f.channel = channel_near(cx, cue_i, cx.doc.tok_before(end))
    return f


def _attribution(cx: Ctx, sa: int, sb: int) -> tuple[int, int, bool] | None:
    """A segment after a dash that says who speaks: a cue verb among its first words."""
    doc = cx.doc
    lo, hi = doc.tok_at(sa), doc.tok_before(sb)
    seen = 0
    for i in range(lo, min(hi, lo + 8)):
        w = doc.word(i)
        if not w[:1].isalnum():
            continue
        cue = R.cue_of(w)
        if cue and cue.cls != "opinion" or cue and i == lo:
            return i, *_attribution_end(cx, i, sb)
        if R.fold(w) in R.FILLERS:
            continue
        seen += 1
        pos = R.first_pos(w)
        if seen == 1 and pos == "VERB" and "past" in nlp.parses(w)[0].tag and w.islower():
            return i, *_attribution_end(cx, i, sb)     # «— улыбнулся он»: any past verb after a dash
        if seen >= 3:
            return None
    return None


def _attribution_end(cx: Ctx, cue_i: int, sb: int) -> tuple[int, bool]:
    """Where the attribution stops; True when narration follows it (the quote is over)."""
    s = cx.sentence(cx.doc.tokens[cue_i].start)
    if s is not None and s.stop < sb:
        rest = cx.text[s.stop:sb].strip()
        if rest and not rest.startswith(("—", "–", "-")):
            return s.stop, True
    return sb, False


def _trim(text: str, a: int, b: int) -> Span:
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    return Span(a, b)


# ---------------------------------------------------------------- quote-mark quotes

def classify_marks(cx: Ctx, marks: list[Marked], taken: list[Span]) -> tuple[list[Found], list[Frame]]:
    quotes: list[Found] = []
    frames: list[Frame] = []
    covered = coverage(len(cx.text), taken)
    for m in marks:
        if covered[m.open]:
            continue                       # nested inside a quote already found
        if m.stop <= m.start:
            continue
        f = _classify_mark(cx, m)
        if f is None:
            continue
        if f.kind == "frame":
            frames.append(Frame(m.start, m.stop, "scare_quote", cx.text[m.start:m.stop], note=f.rule))
            continue
        quotes.append(f)
        if f.kind == "direct":
            end = (m.close if m.close is not None else m.stop) + 1
            covered[m.open:end] = b"\x01" * (end - m.open)
    return quotes, frames


def _classify_mark(cx: Ctx, m: Marked) -> Found | None:
    for rule in (mark_after_cue, mark_headline_colon, mark_is_name, mark_colon_before, mark_in_reported_sentence,
                 mark_sentence_unattributed, mark_scare):
        f = rule(cx, m)
        if f is not None:
            return f if f.kind != "skip" else None
    return None


def mark_after_cue(cx: Ctx, m: Marked) -> Found | None:
    """«…», — сказал он. / «…» — заявил Песков. / «…»,\n– написал Пушков."""
    if m.close is None:
        return None
    doc = cx.doc
    if cx.text[m.close + 1:m.close + 2] == ".":
        return None                       # «…». ends the sentence: no attribution follows
    after = re.compile(r"[,!?…]*\s*[—–-]?\s*").match(cx.text, m.close + 1)
    pos = after.end()
    if pos >= len(cx.text):
        return None
    i = doc.tok_at(pos)
    _, hi, _, _ = cx.sent_bounds(pos)
    if "\n" in cx.text[m.close:pos]:
        hi = doc.tok_before(doc.paragraph_of(pos)[1])
    seen = 0
    for k in range(i, min(hi, i + 6)):
        w = doc.word(k)
        if not w[:1].isalnum():
            if w in (".", "!", "?") and seen:
                return None
            continue
        cue = R.cue_of(w)
        if cue and cue.cls != "name" and cue.pos != "GRND":
            if cx.text[m.close + 1:pos].strip() == "" and not re.search(r"[!?…]$", cx.text[m.start:m.stop]):
                return None               # «Ростелеком» объявил …: the quoted words are the subject
            end = _attribution_stop(cx, k, hi)
            f = Found(m.start, m.stop, "direct", "mark_after_cue", cue_i=k, cue_cls=cue.cls)
            f.phrase = _quoted_person(cx, k, end, cue) or _speaker_of_cue(cx, k, end, before_lo=None)
            f.channel = channel_near(cx, k, end) or _outlet_text(cx, k, end)
            return f
        if R.fold(w) in R.FILLERS or R.first_pos(w) == "ADVB":
            continue
        return None                       # «…», которую предложил X: not an attribution
    return None


def mark_headline_colon(cx: Ctx, m: Marked) -> Found | None:
    """«"Все люди достойные": Ермошина рассказала о тех, кто прошел в парламент» — a
    headline opening with a quote, a colon, then the person and a speech verb."""
    if m.close is None:
        return None
    pa, pb = cx.doc.paragraph_of(m.open)
    if cx.text[pa:m.open].strip() or not cx.text[m.close + 1:m.close + 3].startswith(":"):
        return None
    i = cx.doc.tok_at(m.close + 2)
    hi = min(cx.doc.tok_before(pb), i + 6)
    person = cx.doc.person_at.get(i)
    if person is None or person.kind != "name":
        return None
    k = cx.doc.tok_before(person.stop)
    while k < hi:
        cue = R.cue_of(cx.doc.word(k))
        if cue and cue.cls in ("speech", "write", "opinion"):
            f = Found(m.start, m.stop, "direct", "mark_headline_colon", cue_i=k, cue_cls=cue.cls)
            f.phrase = R.Phrase(person.start, person.stop, person.text, "mention", person,
                                nlp.lemma(person.text.split()[0]), cue.gender)
            return f
        k += 1
    return None


def _quoted_person(cx: Ctx, k: int, end: int, cue: R.Cue) -> R.Phrase | None:
    """«— цитирует Медведеву ТАСС», «приводит слова Бердина Sport24»: the person is the object."""
    if cue.lemma not in ("цитировать", "процитировать", "привести", "приводить"):
        return None
    for m in cx.doc.mentions_in(cx.doc.tokens[k].stop, cx.doc.tokens[end - 1].stop if end > k else cx.doc.tokens[k].stop):
        if m.type == "PER":
            return R.Phrase(m.start, m.stop, m.text, "mention", m, nlp.lemma(m.text.split()[0]))
    return None


def _outlet_text(cx: Ctx, k: int, end: int) -> str | None:
    for c in R.chunks(cx.doc, k + 1, end):
        if R.is_outlet_chunk(cx.doc, c):
            site = SITE_NAME.match(cx.text, cx.doc.tokens[c.first].start)
            if site is not None:
                return site.group(1)       # «URA.RU», which razdel cut at its dot
            return _strip_marks(cx.text[cx.doc.tokens[c.first].start:cx.doc.tokens[c.last - 1].stop])
    return None


def _attribution_stop(cx: Ctx, cue_i: int, hi: int) -> int:
    """The attribution ends at the sentence end or the next dash that reopens a quote."""
    doc = cx.doc
    for k in range(cue_i + 1, hi):
        w = doc.word(k)
        if w in ("—", "–", ";"):
            return k
        if w in (".", "!", "?") and (k + 1 >= len(doc.tokens) or doc.tokens[k + 1].start > doc.tokens[k].stop):
            return k                   # a full stop, not the dot of «ultoday73.ru»
    return hi


def mark_colon_before(cx: Ctx, m: Marked) -> Found | None:
    """X заявил: «…» — the colon hands the quote to the clause before it."""
    before = cx.text[:m.open].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    lo, _, _, _ = cx.sent_bounds(colon)
    hi = cx.doc.tok_before(colon)
    f = Found(m.start, m.stop, "direct", "mark_colon_before")
    for k in range(hi - 1, lo - 1, -1):
        cue = R.cue_of(cx.doc.word(k))
        if cue:
            f.cue_i, f.cue_cls = k, cue.cls
            f.phrase = _speaker_of_cue(cx, k, hi, before_lo=lo)
            f.channel = channel_near(cx, k, hi)
            return f
    for k in range(lo, hi):
        if nlp.lemma(cx.doc.word(k)) in R.lexicon("doc_nouns"):
            owner = _document_owner(cx, k - 1, k - 1, hi)
            if owner is not None and owner.kind != "context":
                f.phrase, f.rule = owner, "mark_colon_document"     # «… сообщении Минобороны: «…»»
                return f
    f.phrase = R.speaker_before(cx.doc, lo, hi, None)
    f.rule = "mark_colon_subject"
    return f


# The title of a code's article follows its number: «ч. 1 ст. 228 «Незаконные …»», «статье 159 "Мошенничество"».
LAW_ARTICLE = re.compile(r"(?i)(?:\bст\.|\bстать[яиеюё]й?)\s*\d+(?:[.\d]*)(?:\s*(?:ч\.|част[ьи])\s*\d+)?\s*(?:\([^)]*\)\s*)?$")


def mark_is_name(cx: Ctx, m: Marked) -> Found | None:
    """Names in quotes: газета «Коммерсант», ООО «Ромашка», «РИА Новости», «Волшебная комната»."""
    doc = cx.doc
    inner = cx.text[m.start:m.stop]
    i = doc.tok_before(m.open)
    for k in range(i - 1, max(-1, i - 4), -1):
        w = doc.word(k)
        if not w[:1].isalpha():
            if w in ("«", "„", '"', "“"):
                continue
            break
        if nlp.lemma(w) in R.lexicon("name_types") or R.fold(w) in R.lexicon("name_types"):
            return Found(m.start, m.stop, "skip", "name_after_type")
        if not (R.word_pos(w) & {"ADJF", "PRTF"}) and not w.isupper():
            break
    words = re.findall(r"[\w.-]+", inner)
    if not words:
        return Found(m.start, m.stop, "skip", "name_empty")
    if LAW_ARTICLE.search(cx.text[max(0, m.open - 40):m.open]):
        return Found(m.start, m.stop, "skip", "name_law_article")     # ст. 228 «Незаконные приобретение …»
    if re.match(r"(О|Об|Обо)\s", inner) and not _first_person(inner):
        return Found(m.start, m.stop, "skip", "name_title_about")      # «О внесении изменений …»
    if R.fold(words[0]) in R.lexicon("outlets") and len(words) <= 3:
        return Found(m.start, m.stop, "skip", "name_outlet")
    ments = doc.mentions_in(m.start, m.stop)
    if any(x.type in ("ORG", "LOC") and (x.stop - x.start) >= 0.6 * len(inner) for x in ments):
        return Found(m.start, m.stop, "skip", "name_mention")
    if (inner[:1].isupper() or inner[:1].isdigit()) and len(words) <= 5 \
            and not re.search(r"[.!?…]", inner) and not _has_finite_verb(inner) and not _first_person(inner):
        return Found(m.start, m.stop, "skip", "name_capitalised")
    if re.fullmatch(r"[A-Za-z0-9 .&'-]+", inner) and len(words) <= 4:
        return Found(m.start, m.stop, "skip", "name_latin")
    return None


def _has_finite_verb(inner: str) -> bool:
    for w in re.findall(r"\w+", inner):
        p = nlp.parses(w)[0]
        if p.tag.POS == "VERB":
            return True
    return False


def _first_person(inner: str) -> bool:
    return bool(re.search(r"(?i)\b(я|мы|нам|нас|меня|мне|мой|наш)\b", inner))


def mark_in_reported_sentence(cx: Ctx, m: Marked) -> Found | None:
    """A cue in the same sentence: X назвал ситуацию «…»; X заявил, что «…»; по его словам, «…»."""
    s = cx.sentence(m.open)
    if s is None:
        return None
    sa = max(s.start, cx.doc.paragraph_of(m.open)[0])
    anchor = cx.anchors.get((s.first, s.last))
    if anchor is None:
        return None
    cue_i, phrase, channel = _nearest_anchor(cx, anchor, m)
    if phrase is None and cue_i is None:
        return None
    starts_sentence = cx.text[sa:m.open].strip(" \t—–-") == "" or cx.text[:m.open].rstrip().endswith((":",))
    kind = "direct" if starts_sentence and cx.text[m.start:m.start + 1].isupper() else "partial"
    if not starts_sentence and _after_po_slovam(cx, m) and cx.text[m.start:m.start + 1].isupper():
        kind = "direct"
    f = Found(m.start, m.stop, kind, "mark_in_reported_sentence", cue_i=cue_i, phrase=phrase, channel=channel)
    if cue_i is not None:
        cue = R.cue_of(cx.doc.word(cue_i))
        f.cue_cls = cue.cls if cue else None
    return f


def _after_po_slovam(cx: Ctx, m: Marked) -> bool:
    return bool(re.search(r"(?i)по\s+\S+\s+словам[^.!?«]*,\s*$", cx.text[max(0, m.open - 80):m.open]))


def _nearest_anchor(cx: Ctx, anchors, m: Marked):
    before = [a for a in anchors if a[0] is not None and cx.doc.tokens[a[0]].start < m.open] or \
             [a for a in anchors if a[0] is None]
    after = [a for a in anchors if a[0] is not None and cx.doc.tokens[a[0]].start > m.stop]
    if before:
        return before[-1]
    if after:
        return after[0]
    return None, None, None


def mark_sentence_unattributed(cx: Ctx, m: Marked) -> Found | None:
    """A whole quoted sentence with no cue near: somebody's words, speaker from context."""
    inner = cx.text[m.start:m.stop]
    words = re.findall(r"\w+", inner)
    if len(words) < 5 or not (inner[:1].isupper() or inner[:1] in "…."):
        return None
    if not (re.search(r"[.!?…]", inner) or _has_finite_verb(inner) or len(words) >= 8):
        return None
    return Found(m.start, m.stop, "direct", "mark_sentence_context")


def mark_scare(cx: Ctx, m: Marked) -> Found | None:
    """Short quoted words in the author's own sentence: framing, not a quote."""
    words = re.findall(r"\w+", cx.text[m.start:m.stop])
    if 1 <= len(words) <= 6:
        return Found(m.start, m.stop, "frame", "scare_no_cue")
    return None


# ---------------------------------------------------------------- cues in sentences (anchors, indirect)

def find_anchors(cx: Ctx, skip: list[Span]) -> tuple[dict, list[Found]]:
    """Per sentence: the attributions it holds (cue, speaker, channel); and indirect quotes."""
    anchors: dict[tuple[int, int], list] = {}
    indirect: list[Found] = []
    doc = cx.doc
    skip = coverage(len(cx.text), skip)
    for s in cx.sents:
        lo, hi = s.first, s.last
        found_here = []
        sent_channel = None
        for i in range(lo, hi):
            w = doc.word(i)
            t = doc.tokens[i]
            if _inside(skip, t.start):
                continue
            lw = R.fold(w)
            if lw == "по" and i + 1 < hi and (R.fold(doc.word(i + 1)) in PO_SLOVAM or i + 2 < hi and
                                              R.fold(doc.word(i + 2)) in PO_SLOVAM and R.fold(doc.word(i + 1)) in POSSESSIVE):
                f = _po_slovam(cx, i, lo, hi)
                if f:
                    found_here.append((f.cue_i, f.phrase, f.channel))
                    if f.start < f.stop:
                        indirect.append(f)
                continue
            cue = R.cue_of(w)
            if cue is None:
                continue
            f = _indirect_at(cx, i, cue, lo, hi, skip)
            if f is None:
                continue
            if f.kind == "channel":
                sent_channel = f.channel
                continue
            found_here.append((i, f.phrase, f.channel))
            if f.kind == "indirect" and f.stop > f.start:
                indirect.append(f)
        if sent_channel:
            found_here = [(a, p, c or sent_channel) for a, p, c in found_here]
            for f in indirect:
                if f.start >= s.start and f.stop <= s.stop and not f.channel:
                    f.channel = sent_channel
        if found_here:
            anchors[(lo, hi)] = found_here
    return anchors, indirect


def _inside(mask: bytearray, offset: int) -> bool:
    return bool(mask[offset])


def _po_slovam(cx: Ctx, i: int, lo: int, hi: int) -> Found | None:
    """«По словам X, …», «…, по его словам, …», «по мнению X …»."""
    doc = cx.doc
    k = i + 2
    while k < hi and doc.word(k) not in (",", ".", "—", "–", ":", ";"):
        k += 1
    phrase = None
    own = R.fold(doc.word(i + 1))
    if own in POSSESSIVE:
        t = doc.tokens[i + 1]
        phrase = R.Phrase(t.start, t.stop, t.text, "pronoun", None, own, POSSESSIVE[own])
    else:
        people = [m for m in doc.mentions_in(doc.tokens[i + 2].start, doc.tokens[k - 1].stop)
                  if m.type == "PER" and m.kind == "name"] if k > i + 2 else []
        if people:     # «по словам близкого друга Армена Джигарханяна Артура Согомоняна»: the last name
            m = people[-1]
            phrase = R.Phrase(m.start, m.stop, m.text, "mention", m, nlp.lemma(doc.word(i + 2)))
        for c in R.chunks(doc, i + 2, k) if phrase is None else ():
            phrase = R.phrase_of_chunk(doc, R.Chunk(c.first, c.last, False, c.head))
            if phrase:
                break
    if phrase is None:
        return None
    sa, sb = doc.tokens[lo].start, doc.tokens[hi - 1].stop
    if i == lo or (i == lo + 1 and not doc.word(lo)[:1].isalnum()):
        start = doc.tokens[k].stop if k < hi else sb
    else:
        start = sa
    stop = doc.tokens[i].start if k >= hi - 1 or doc.word(k) == "." else sb
    span = _trim_clause(cx.text, start, stop)
    f = Found(span.start, span.stop, "indirect", "po_slovam", phrase=phrase)
    f.cue_i = i + 1 if R.fold(doc.word(i + 1)) in PO_SLOVAM else i + 2     # «словам» is the cue as written
    return f


def _trim_clause(text: str, a: int, b: int) -> Span:
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",.;:—–-!?…"):
        b -= 1
    while a < b and (text[a].isspace() or text[a] in ",—–-"):
        a += 1
    return Span(a, b)


NEGATED_CUES = {"исключать", "исключить"}     # «не исключают, что …» reports; «исключают» alone does not


def _indirect_at(cx: Ctx, i: int, cue: R.Cue, lo: int, hi: int, skip: bytearray) -> Found | None:
    doc = cx.doc
    prev = doc.word(i - 1) if i > lo else ""
    if cue.lemma in NEGATED_CUES and R.fold(prev) != "не":
        return None
    prev2 = R.fold(doc.word(i - 2)) if i - 1 > lo else ""
    clause = _that_clause(cx, i, hi)
    if R.fold(prev) == "как" or (prev2 == "как" and R.fold(prev) in ("ранее", "уже", "ранее")):
        return _as_said(cx, i, cue, lo, hi)
    if cue.cls == "passive":
        phrase = _document_owner(cx, i, lo, hi)
        if phrase is None:
            return None
        f = Found(0, 0, "anchor", "passive_document", cue_i=i, phrase=phrase, cue_cls=cue.cls)
        if clause is not None:
            f.start, f.stop, f.kind, f.rule = clause.start, clause.stop, "indirect", "passive_that"
        elif prev in (",", "—", "–") and i >= lo + 2:
            span = _clause_before(cx, lo, i)
            if span is not None:
                f.start, f.stop, f.kind, f.rule = span.start, span.stop, "indirect", "passive_trailing"
        return f
    if clause is not None:
        phrase = _speaker_of_cue(cx, i, hi, before_lo=lo, cue=cue) or _zero_subject(cx, i, lo, cue)
        if phrase is None or phrase.kind == "pronoun" and phrase.head in ("мы", "я"):
            return None                # «Ранее мы писали, что …»: the author
        if _is_outlet(cx, phrase) or _outlet_by_cue(cx, cue, phrase):
            return Found(0, 0, "channel", "outlet_that", channel=_strip_marks(phrase.text))
        f = Found(clause.start, clause.stop, "indirect", "cue_that", cue_i=i, phrase=phrase, cue_cls=cue.cls)
        f.channel = channel_near(cx, i, doc.tok_at(clause.start))
        return f
    if prev in (",", "—", "–", "-") and i >= lo + 2 and cue.cls in ("speech", "write", "opinion") and cue.pos == "VERB":
        return _trailing(cx, i, cue, lo, hi)
    # a cue with no clause still attributes quotes in its sentence («назвал ситуацию «…»»)
    if cue.lemma in R.WEAK_CUES:
        return None
    phrase = _speaker_of_cue(cx, i, hi, before_lo=lo, cue=cue)
    if phrase is None:
        return None
    return Found(0, 0, "anchor", "cue_in_sentence", cue_i=i, phrase=phrase, cue_cls=cue.cls,
                 channel=channel_near(cx, i, hi))


def _zero_subject(cx: Ctx, i: int, lo: int, cue: R.Cue) -> R.Phrase | None:
    """«О своем титуле говорит, что …», «Также призналась, что …»: a finite verb in the
    third person singular with no subject continues the person just named (as «он» would);
    a plural («говорят, что …») is impersonal and stays without a speaker."""
    if cue.pos != "VERB" or cue.plural3 or cue.cls == "passive":
        return None
    doc = cx.doc
    k = i - 1
    while k >= lo and (R.fold(doc.word(k)) in R.FILLERS or R.first_pos(doc.word(k)) == "ADVB"):
        k -= 1
    m = doc.person_at.get(k) if k >= lo else None
    if m is not None and m.kind == "name":
        # «Ранее Кику сообщил, что …»: a name right before the verb is its subject, whatever
        # case the normaliser read into an indeclinable surname
        return R.Phrase(m.start, m.stop, m.text, "mention", m, nlp.lemma(doc.word(k)), cue.gender)
    start = _clause_start(cx, lo, i)
    if any(R.fold(doc.word(x)) in ("это", "то", "все", "всё", "что", "кто", "оно", "сие") for x in range(start, i)):
        return None
    for c in R.chunks(doc, start, i):
        if not c.in_pp and R.can_be_nominative(doc, c):
            return None                # «Это … говорит о том, что …»: a subject there, not a person
    tag = nlp.parses(cx.doc.word(i))[0].tag
    number, person, tense = (str(x) if x else None for x in (tag.number, tag.person, tag.tense))
    gender = str(tag.gender) if tag.gender else None    # plain strings: pymorphy's raise on odd compares
    if number != "sing" or person not in (None, "3per") or tense not in ("past", "pres", "futr"):
        return None
    if tense == "past" and gender not in ("masc", "femn"):
        return None                    # «сообщалось, что»: neuter past is impersonal
    t = cx.doc.tokens[i]
    return R.Phrase(t.start, t.start, "", "pronoun", None, "она" if gender == "femn" else "он",
                    gender if gender in ("masc", "femn") else None)


# Objects of a cue whose «о том, что …» tells what others say, not what the subject says.
HEARSAY = {"слух", "сплетня", "домысел", "спекуляция", "обвинение", "утверждение"}


def _that_clause(cx: Ctx, i: int, hi: int) -> Span | None:
    """«заявил(,) что …», «выразил надежду на то, что …»: the clause to the sentence end."""
    doc = cx.doc
    k = i + 1
    limit = min(hi, i + 8)
    while k < limit:
        w = R.fold(doc.word(k))
        if w in CLAUSE_WORDS and w != "чтобы" and (doc.word(k - 1) == "," or k == i + 1):
            start = doc.tokens[k].stop
            end = _clause_end(cx, k + 1, hi)
            if R.first_pos(doc.word(i)) == "PRTF":
                end = min(end, _participle_end(cx, k + 1, hi))
            return _trim_clause(cx.text, start, end)
        if w in (".", "!", "?", ";", "«", "—") or (R.cue_of(doc.word(k)) and k > i + 1):
            return None
        if nlp.lemma(doc.word(k)) in HEARSAY:
            return None                # «прокомментировала слухи о том, что …»: the rumour, not her words
        k += 1
    return None


def _participle_end(cx: Ctx, k: int, hi: int) -> int:
    """«Токаев, заявивший, что …, считает, что …»: the participle's clause ends where the
    sentence's own verb comes back after a comma."""
    doc = cx.doc
    for j in range(k, hi - 1):
        if doc.word(j) == "," and R.first_pos(doc.word(j + 1)) == "VERB":
            return doc.tokens[j].start
    return doc.tokens[hi - 1].stop


def _clause_end(cx: Ctx, k: int, hi: int) -> int:
    """Sentence end, or before a trailing source («…, сообщает ТАСС», «…, передает URA.RU»)."""
    doc = cx.doc
    for j in range(k, hi - 1):
        if doc.word(j) == "," and j + 1 < hi:
            cue = R.cue_of(doc.word(j + 1))
            if cue and cue.cls in ("speech", "write"):
                return doc.tokens[j].start
    return doc.tokens[hi - 1].stop


def _trailing(cx: Ctx, i: int, cue: R.Cue, lo: int, hi: int) -> Found | None:
    """«…, сообщил журналистам министр Якушев.», «…, добавил он.», «Россия, добавил глава, …»."""
    doc = cx.doc
    end = _attribution_stop(cx, i, hi)
    told = _outlet_after(cx, i, end)
    phrase = _speaker_past_outlet(cx, cx.doc.tok_before(told.stop) - 1, end, cue) if told is not None else None
    channel = _strip_marks(told.text) if phrase is not None else None
    phrase = phrase or told or R.speaker_after(doc, i, end, cue.gender)
    if phrase is None and cue.plural3:
        phrase = R.locative_speaker(doc, i + 1, end)
    if phrase is None or not R.speaker_like(phrase):
        return None
    if _is_outlet(cx, phrase) or _outlet_by_cue(cx, cue, phrase):
        ref = _ssylka(cx, i + 1, hi)
        if ref is None:
            return Found(0, 0, "channel", "trailing_outlet", channel=_strip_marks(phrase.text))
        channel, phrase = _strip_marks(phrase.text), ref      # «…, сообщает ТАСС со ссылкой на X»
        end = hi
    comma = i - 1
    while comma > lo and doc.word(comma) in ("—", "–", ","):
        comma -= 1
    if R.fold(doc.word(lo)) in ("об", "о", "это", "так") and R.fold(doc.word(lo + 1)) in ("этом", ",", "об"):
        return Found(0, 0, "anchor", "trailing_about_this", cue_i=i, phrase=phrase, cue_cls=cue.cls)
    start = doc.tokens[lo].start
    stop = doc.tokens[comma].stop
    # an inserted attribution («Россия, добавил глава Беларуси, пытается …») reports the whole sentence
    if end < hi - 1 and doc.word(end) == "," if end < hi else False:
        stop = doc.tokens[hi - 1].stop
    span = _trim_clause(cx.text, start, stop)
    if _inside_quote_marks(cx, span):
        return Found(0, 0, "anchor", "trailing_after_quote", cue_i=i, phrase=phrase, cue_cls=cue.cls)
    f = Found(span.start, span.stop, "indirect", "cue_trailing", cue_i=i, phrase=phrase, cue_cls=cue.cls)
    f.channel = channel or channel_near(cx, i, end)
    return f


SITE_NAME = re.compile(r"\s*[«\"„“]?([\w-]+\.(?:ru|рф|ру|com|net|ua|by|kz|info|org|su|media|news|tv))\b[»\"“”]?", re.IGNORECASE)


SITE_NOUNS = {"сайт", "портал", "страница", "аккаунт", "телеграм-канал", "telegram-канал", "канал", "пресс-релиз"}


def _site_owner(cx: Ctx, phrase: R.Phrase | None) -> R.Phrase | None:
    """«официальный сайт лиги», «страница министерства в Telegram»: the owner of its own
    site speaks through it (the site is the channel); a medium's site stays a medium."""
    if phrase is None or phrase.kind == "mention" and phrase.mention is not None and phrase.mention.type == "PER":
        return None
    doc = cx.doc
    i, j = doc.tok_at(phrase.start), doc.tok_before(phrase.stop)
    k = next((k for k in range(i, j) if nlp.lemma(doc.word(k)) in SITE_NOUNS), None)
    if k is None or k + 1 >= j:
        return None
    a = doc.tokens[k + 1].start
    tail = R.phrase_of_chunk(doc, R.Chunk(k + 1, j, False, k + 1))
    if tail is None or _is_outlet(cx, tail) or tail.kind == "pronoun":
        return None
    if tail.kind in ("role", "unnamed") and tail.head not in R.lexicon("org_heads") | {"лига", "клуб", "федерация"}:
        return None
    return R.Phrase(a, phrase.stop, cx.text[a:phrase.stop], "org" if tail.kind != "mention" else tail.kind,
                    tail.mention, tail.head, phrase.gender)


def _site_name_after(cx: Ctx, i: int, hi: int) -> R.Phrase | None:
    """«сообщили Накануне.RU», «рассказал «URA.RU»»: razdel splits a site name at its dot,
    so no chunk covers it; read it from the text."""
    if i + 1 >= hi:
        return None
    m = SITE_NAME.match(cx.text, cx.doc.tokens[i].stop)
    if m is None or not m.group(1)[:1].isupper():
        return None
    a, b = m.start(1), m.end(1)
    return R.Phrase(a, b, cx.text[a:b], "name", None, R.fold(m.group(1)))


def _speaker_past_outlet(cx: Ctx, i: int, hi: int, cue: R.Cue) -> R.Phrase | None:
    """«…, сообщили Накануне.RU в пресс-службе мэрии», «сообщил ТАСС министр X»: the medium
    right after the verb is who was told; the speaker comes after it."""
    phrase = R.speaker_after(cx.doc, i, hi, cue.gender)
    if phrase is not None and not _is_outlet(cx, phrase) and R.plausible(phrase):
        return phrase
    if cue.plural3:
        loc = R.locative_speaker(cx.doc, i + 1, hi)
        if loc is not None and not _is_outlet(cx, loc):
            return loc
    return None


def _clause_before(cx: Ctx, lo: int, i: int) -> Span | None:
    """«Текст, говорится в сообщении мэрии.»: the sentence before the comma is reported,
    unless it sits in quote marks (then the marks make the quote)."""
    doc = cx.doc
    comma = i - 1
    while comma > lo and doc.word(comma) in ("—", "–", ","):
        comma -= 1
    span = _trim_clause(cx.text, doc.tokens[lo].start, doc.tokens[comma].stop)
    if span.stop <= span.start:
        return None
    if sum(cx.doc.quoted[span.start:span.stop]) > 0.5 * (span.stop - span.start):
        return None                    # mostly quoted speech: the marks make that quote
    return span


def _outlet_after(cx: Ctx, i: int, hi: int) -> R.Phrase | None:
    """The medium right after a reporting verb («сообщает ТАСС», «Как сообщает «РИА Новости»»)."""
    site = _site_name_after(cx, i, hi)
    if site is not None:
        return site
    for c in R.chunks(cx.doc, i + 1, hi):
        if c.in_pp:
            return None
        if R.is_outlet_chunk(cx.doc, c):
            a, b = cx.doc.tokens[c.first].start, cx.doc.tokens[c.last - 1].stop
            return R.Phrase(a, b, cx.text[a:b], "name", None, nlp.lemma(cx.doc.word(c.head)))
        return None
    return None


def _outlet_by_cue(cx: Ctx, cue: R.Cue, phrase: R.Phrase) -> bool:
    """«…, сообщает "РБК-Украина"», «пишет «Царьград»»: a name in quotes that reports is a medium."""
    if cue.lemma not in ("сообщать", "передавать", "писать", "написать", "сообщить") or phrase.kind == "pronoun":
        return False
    if phrase.kind in ("role", "unnamed", "org") and phrase.head in R.lexicon("org_heads") | R.lexicon("unnamed"):
        return False
    quoted = phrase.start > 0 and cx.text[phrase.start - 1] in "«\"„“" or \
        cx.text[phrase.start:phrase.start + 1] in "«\"„“"
    # media names look like «ФедералПресс», «LeFigaro», «Мойка78», «Регион online», «URA.RU»
    name = _strip_marks(phrase.mention.text if phrase.mention is not None else phrase.text)
    media_like = re.search(r"^[А-ЯЁ][а-яё]+[А-ЯЁ][а-яё]+$", name) is not None or \
        re.search(r"\d|\.(ru|com|net|ua|by|kz|ру|рф)\b|online|news|ньюс|инфо|медиа", name, re.IGNORECASE) is not None
    return quoted or media_like


def _inside_quote_marks(cx: Ctx, span: Span) -> bool:
    t = cx.text[span.start:span.stop]
    return bool(re.search(r"[«»\"“”„]", t))


def _as_said(cx: Ctx, i: int, cue: R.Cue, lo: int, hi: int) -> Found | None:
    """«Как сообщили в МИД, …», «как сообщает ТАСС со ссылкой на X, …», «как уточняется в публикации …»."""
    doc = cx.doc
    k = i + 1
    while k < hi and doc.word(k) != ",":
        k += 1
    phrase = None
    channel = None
    ref = _ssylka(cx, i + 1, k)
    if cue.cls == "passive":
        phrase = _document_owner(cx, i, i, k)
    else:
        told = _outlet_after(cx, i, k)
        phrase = _speaker_past_outlet(cx, doc.tok_before(told.stop) - 1, k, cue) if told is not None else None
        if told is not None and phrase is not None and not _is_outlet(cx, phrase):
            channel = _strip_marks(told.text)     # «Как сообщил РИА «Новости» представитель …»
        else:
            phrase = told or R.speaker_after(doc, i, k, cue.gender)
        if phrase is None or cue.plural3 and phrase.kind == "unnamed":
            phrase = R.locative_speaker(doc, i + 1, k) or phrase
        if phrase is not None and phrase.kind in ("unnamed", "role") and k + 1 < hi:
            # «…, представитель группы «Автонет», пресс-секретарь … Ярослав Федосеев, это …»
            nxt = k + 1
            while nxt < hi and doc.word(nxt) not in (",", ".", ";"):
                nxt += 1
            people = [m for m in doc.mentions_in(doc.tokens[k].stop, doc.tokens[nxt - 1].stop)
                      if m.type == "PER" and m.kind == "name"] if nxt < hi else []
            if any(R.word_pos(doc.word(x)) & {"VERB", "INFN"} and R.first_pos(doc.word(x)) in ("VERB", "INFN")
                   for x in range(k + 1, nxt)):
                people = []            # «…, как сообщили источники, Богдан недоволен работой Гончарука»: a clause, not an apposition
            if people:
                m = people[-1]
                phrase, k = R.Phrase(m.start, m.stop, m.text, "mention", m, phrase.head, cue.gender), nxt
    owner = _site_owner(cx, phrase)
    if owner is not None:
        channel, phrase = _strip_marks(phrase.text), owner     # «Как сообщает официальный сайт лиги, …»
    if ref is not None:
        if phrase is not None and _is_outlet(cx, phrase):
            channel = _strip_marks(phrase.text)
        phrase = ref
    elif phrase is not None and owner is None and (_is_outlet(cx, phrase) or _outlet_by_cue(cx, cue, phrase) or
                                 cue.lemma in ("отмечать", "писать", "сообщать", "передавать") and
                                 (phrase.kind == "name" or re.fullmatch(r"[A-Za-z][\w.&-]*", phrase.text.strip()))):
        # «Как отмечает TechCrunch, …»: a bare name reporting in the present is a medium
        return Found(0, 0, "channel", "as_outlet", channel=_strip_marks(phrase.text))
    if phrase is None:
        return None
    if k >= hi - 1:
        return Found(0, 0, "anchor", "as_said_end", cue_i=i, phrase=phrase, channel=channel)
    rest = _that_clause_free(cx, k + 1, hi)
    if rest is None:
        return Found(0, 0, "anchor", "as_said_cued", cue_i=i, phrase=phrase, channel=channel)
    return Found(rest.start, rest.stop, "indirect", "as_said", cue_i=i, phrase=phrase, channel=channel,
                 cue_cls=cue.cls)


def _that_clause_free(cx: Ctx, k: int, hi: int) -> Span | None:
    """The rest of a sentence after «как сообщили в МИД,», unless it has its own cue."""
    doc = cx.doc
    for j in range(k, hi):
        cue = R.cue_of(doc.word(j))
        if cue and cue.cls != "name" and j + 2 < hi and (R.fold(doc.word(j + 1)) == "что" or doc.word(j + 1) == ","):
            return None
    return _trim_clause(cx.text, doc.tokens[k].start, _clause_end(cx, k, hi))


def _ssylka(cx: Ctx, lo: int, hi: int) -> R.Phrase | None:
    doc = cx.doc
    for k in range(lo, hi - 2):
        if R.fold(doc.word(k)) == "ссылкой" and R.fold(doc.word(k + 1)) == "на":
            end = k + 2
            while end < hi and doc.word(end) not in (",", ".", ";", "—", "–", ":"):
                end += 1
            people = [m for m in doc.mentions_in(doc.tokens[k + 2].start, doc.tokens[end - 1].stop)
                      if m.type == "PER" and m.kind == "name"] if end > k + 2 else []
            if people:                 # «со ссылкой на главу ГИБДД России Михаила Черникова»
                m = people[-1]
                return R.Phrase(m.start, m.stop, m.text, "mention", m, nlp.lemma(doc.word(k + 2)))
            for c in R.chunks(doc, k + 2, end):
                return R.phrase_of_chunk(doc, R.Chunk(c.first, c.last, False, c.head))
    return None


def _document_owner(cx: Ctx, i: int, lo: int, hi: int) -> R.Phrase | None:
    """«говорится в сообщении мэрии» → мэрия; «в заявлении МИД РФ» → МИД РФ; bare → context."""
    doc = cx.doc
    ahead = i + 1
    while ahead < min(hi, i + 8) and doc.word(ahead) not in (",", ".", ":", "—", "–"):
        ahead += 1                     # «Отмечается, что приказ …»: the clause's subject is no document
    for k in list(range(i + 1, ahead)) + list(range(max(lo, i - 6), i)):
        if nlp.lemma(doc.word(k)) in R.lexicon("doc_nouns"):
            j = k + 1
            while j < hi and R.fold(doc.word(j)) in ("на", "в", "официальном", "своем", "сайте", "странице", "канале"):
                j += 1
            for c in R.chunks(doc, j, min(hi, j + 8)):
                if c.first == j:
                    return R.phrase_of_chunk(doc, R.Chunk(c.first, c.last, False, c.head))
                break
            return R.Phrase(doc.tokens[k].start, doc.tokens[k].stop, doc.word(k), "context")
    return None


def _is_outlet(cx: Ctx, phrase: R.Phrase) -> bool:
    words = re.findall(r"[\w.-]+", phrase.mention.text if phrase.mention is not None else phrase.text)
    if not words:
        return False
    first = R.fold(words[0])
    if phrase.mention is not None and "outlet" in phrase.mention.flags:
        return True
    if first in cx.credited and len(words) <= 2:
        return True
    if any("outlet" in m.flags for m in cx.doc.mentions_in(phrase.start, phrase.stop)
           if m.start >= phrase.start and m.stop <= phrase.stop) and phrase.kind in ("name", "mention", "org") \
            and not (phrase.head in R.lexicon("org_heads") and phrase.kind == "org"):
        return True
    if first.split("-")[0] in R.lexicon("outlets") and phrase.kind != "pronoun" and len(words) <= 3:
        return True                    # «РБК-Украина», «Интерфакс-Украина»
    if first in R.lexicon("outlets") or nlp.lemma(words[0]) in ("агентство", "издание", "газета", "журнал",
                                                                   "телеканал", "портал", "сми", "корреспондент"):
        return True
    if len(words) <= 3 and any(R.fold(w) in R.lexicon("outlets") for w in words):
        return True
    return _media_shaped(cx, phrase, words)


def _media_shaped(cx: Ctx, phrase: R.Phrase, words: list[str]) -> bool:
    """A name the KB does not know but built like a medium's: «Novi List», «Daily Mail»,
    «Самарские вести» (a word of the media list in a short capitalised name)."""
    if phrase.kind not in ("name", "mention") or len(words) > 4 or not words[0][:1].isupper():
        return False
    if phrase.mention is not None and phrase.mention.type == "PER":
        return False
    return any(R.fold(w) in R.lexicon("media_words") for w in words)


def _strip_marks(text: str) -> str:
    return text.strip("«»\"“”„ ")


def _speaker_of_cue(cx: Ctx, i: int, hi: int, before_lo: int | None, cue: R.Cue | None = None) -> R.Phrase | None:
    """Subject of a cue verb: left of it in its clause, else right of it, else «в X» for «сообщили»."""
    doc = cx.doc
    cue = cue or R.cue_of(doc.word(i))
    gender = cue.gender if cue else None
    if cue is not None and cue.cls == "passive":
        return _document_owner(cx, i, before_lo if before_lo is not None else i, hi)
    phrase = None
    if before_lo is not None:
        lo = _clause_start(cx, before_lo, i)
        phrase = R.speaker_before(doc, lo, i, gender)
        after_as = lo > before_lo and R.fold(doc.word(lo - 1)) == "," and \
            any(R.fold(doc.word(j)) == "как" and R.cue_of(doc.word(j + 1)) for j in range(before_lo, lo - 1))
        if (phrase is None or not R.plausible(phrase)) and lo > before_lo and not after_as:
            wider = R.speaker_before(doc, before_lo, lo, gender)
            if wider is not None and R.plausible(wider):
                phrase = wider
        if phrase is not None and phrase.kind == "role" and not R.lexicon("person_anaphora") & {phrase.head}:
            better = R.speaker_after(doc, i, hi, gender)
            if better is not None and better.kind == "mention":
                phrase = better
    if phrase is None:
        stop = min(hi, _attribution_stop(cx, i, hi))
        that = next((k for k in range(i + 1, stop) if R.fold(doc.word(k)) == "что" and doc.word(k - 1) == ","), stop)
        phrase = R.speaker_after(doc, i, that, gender)    # not into the reported clause
        if phrase is not None and (R.fold(doc.word(i + 1) if i + 1 < len(doc.tokens) else "") in ("что", ",")):
            phrase = None
    if cue is not None and cue.plural3 and (phrase is None or not R.speaker_like(phrase) or _is_outlet(cx, phrase)):
        # «В МИД РФ подчеркнули», «сообщили в управлении …»: no subject, the body is the speaker
        lo = _clause_start(cx, before_lo, i) if before_lo is not None else i
        loc = R.locative_speaker(doc, lo, i) or R.locative_speaker(doc, i + 1, min(hi, i + 10))
        if loc is not None:
            phrase = loc
    if phrase is None and before_lo is not None and any(R.fold(doc.word(k)) == "там" for k in range(before_lo, i)):
        phrase = _there(cx, before_lo)
    return phrase


def _there(cx: Ctx, lo: int) -> R.Phrase | None:
    """«Там уверены, что …»: the organisation the sentence before named last."""
    doc = cx.doc
    s = cx.sentence(doc.tokens[lo].start - 1) if lo > 0 else None
    if s is None:
        return None
    orgs = [m for m in doc.mentions_in(s.start, s.stop) if m.type == "ORG" and m.kind == "name"]
    if not orgs:
        return None
    m = orgs[-1]
    return R.Phrase(m.start, m.stop, m.text, "mention", m, nlp.lemma(m.text.split()[0]))


def _clause_start(cx: Ctx, lo: int, i: int) -> int:
    """Left edge of the cue's clause: after «, что», «, который» or a semicolon."""
    doc = cx.doc
    for k in range(i - 1, lo, -1):
        w = R.fold(doc.word(k))
        if w in (";",) or w in ("что", "который", "которая", "которые", "которое") and doc.word(k - 1) == ",":
            return k + 1
        if w == "," and any(R.fold(doc.word(j)) == "как" and R.cue_of(doc.word(j + 1)) for j in range(lo, k - 1)):
            return k + 1           # «Как сообщает «РИА Новости», хозяин Кремля заявил»: after the как-clause
    return lo


def channel_near(cx: Ctx, lo: int, hi: int) -> str | None:
    """«в интервью РБК», «в своем Telegram-канале», «сообщил ТАСС», «со ссылкой на ТАСС»."""
    doc = cx.doc
    for k in range(lo + 1, min(hi, lo + 12)):
        w = doc.word(k)
        lw = R.fold(w)
        if nlp.lemma(w) in CHANNEL_WORDS or lw in CHANNEL_WORDS:
            j = k + 1
            while j < hi and (doc.word(j)[:1].isupper() or doc.word(j) in ("«", "»")) and j < k + 4:
                j += 1
            return R.nominative_form(w) + cx.text[doc.tokens[k].stop:doc.tokens[j - 1].stop] if j > k + 1 else R.nominative_form(w)
        if k == lo + 1 and (lw in R.lexicon("outlets") and w[:1].isupper() or w in ("«",)):
            j = k
            while j < hi and doc.word(j) not in (",", ".", "—", "–"):
                j += 1
            text = _strip_marks(cx.text[doc.tokens[k].start:doc.tokens[j - 1].stop])
            if text and R.fold(re.findall(r"[\w.-]+", text)[0]) in R.lexicon("outlets"):
                return text
    return None


# ---------------------------------------------------------------- speakers

def resolve_speakers(cx: Ctx, found: list[Found]) -> None:
    """Canonical speakers in text order; pronouns and roles look back to named people."""
    resolved: list[tuple[int, str, str | None]] = []
    by_phrase: dict[tuple[int, int], tuple[str, str]] = {}
    last: Found | None = None
    for f in sorted(found, key=lambda f: f.start):
        ph = f.phrase
        if f.speaker_rule == "chain" and last is not None and ph is last.phrase:
            f.speaker = last.speaker
        elif ph is None:
            if f.rule in ("mark_sentence_context", "dash_after_intro") and last is not None \
                    and cx.doc.paragraph_index(f.start) - cx.doc.paragraph_index(last.start) <= 2:
                f.speaker, f.speaker_rule = last.speaker, "chain_last_speaker"
                f.phrase = last.phrase
            elif f.rule in ("dash_after_intro", "dash_answer"):
                f.speaker, f.speaker_rule = _intro_speaker(cx, f)
        elif (ph.start, ph.stop) in by_phrase:
            f.speaker, f.speaker_rule = by_phrase[(ph.start, ph.stop)]    # one attribution, several quotes
        else:
            f.speaker, f.speaker_rule = _resolve_phrase(cx, ph, resolved)
            if f.speaker is None and _same_interlocutor(cx, f, last):
                f.speaker, f.speaker_rule = last.speaker, "chain_interlocutor"
            elif _surname_of_last_speaker(cx, ph, f.speaker, last):
                f.speaker, f.speaker_rule = last.speaker, "chain_surname"
            elif f.speaker is None and _body_represented(cx, ph):
                f.speaker, f.speaker_rule = _body_represented(cx, ph), "representative_body"
        f.speaker = cx.female.get(f.speaker, f.speaker) if f.speaker else f.speaker
        if ph is not None and f.speaker:
            by_phrase.setdefault((ph.start, ph.stop), (f.speaker, f.speaker_rule))
        if f.speaker:
            if ph is not None and _is_person(ph):
                resolved.append((ph.start, f.speaker, R.gender_of_name(f.speaker) or ph.gender))
            last = f
    _specific_org_names(found)


def _surname_of_last_speaker(cx: Ctx, ph: R.Phrase, name: str | None, last: Found | None) -> bool:
    """«Также Боргезе признался …» after quotes of Лоренцо Боргезе, when the article also
    names his ancestor Камило Боргезе: a bare surname shared by two people is the one
    who has been speaking, not the one named last in passing."""
    if last is None or not last.speaker or not name or name == last.speaker or ph.kind != "mention":
        return False
    m = ph.mention
    if m is None or m.type != "PER" or " " in m.text.strip() or " " not in last.speaker:
        return False
    if cx.doc.paragraph_index(ph.start) - cx.doc.paragraph_index(last.start) > 2:
        return False
    theirs = R.fold(last.speaker.split(" ")[-1])
    return _surname_like(R.fold(name.split(" ")[-1]), theirs) and _surname_like(R.fold(m.text.strip()), theirs)


def _surname_like(a: str, b: str) -> bool:
    """One surname in two forms («Боргезе» / «Боргеза» from the normaliser, «Булатова» / «Булатов»)."""
    return _same_surname(a, b) or len(a) >= 5 and len(a) == len(b) and a[:-1] == b[:-1]


def _body_represented(cx: Ctx, ph: R.Phrase) -> str | None:
    """«по словам представителей местного департамента образования»: nameless
    representatives speak for their body, which the guidelines name in the nominative."""
    if ph.kind != "unnamed" or ph.head != "представитель":
        return None
    i, j = cx.doc.tok_at(ph.start), cx.doc.tok_before(ph.stop)
    k = next((k for k in range(i, j) if nlp.lemma(cx.doc.word(k)) == "представитель"), None)
    if k is None or k + 1 >= j:
        return None
    tail = R.Phrase(cx.doc.tokens[k + 1].start, ph.stop, cx.text[cx.doc.tokens[k + 1].start:ph.stop], "org")
    words = [cx.doc.word(x) for x in range(k + 1, j)]
    if not any(nlp.lemma(w) in R.lexicon("org_heads") or w.isupper() and len(w) > 1 for w in words):
        return None                    # «представитель власти», «представители бизнеса»: no body named
    name = _org_name(cx, tail)
    return name if " " in name or name[:1].isupper() else None    # a bare «орган» names nobody


CONTINUING_CUES = {"добавить", "продолжить", "уточнить", "пояснить", "подчеркнуть", "заключить", "резюмировать"}


def _same_interlocutor(cx: Ctx, f: Found, last: Found | None) -> bool:
    """«по словам собеседника», «Представитель ведомства добавил, что …» right after a
    named person's quote: the same person goes on (the last-speaker chain). «Собеседник»
    always refers back; «представитель» only with a verb that continues («добавил»)."""
    ph = f.phrase
    if last is None or ph is None or ph.kind != "unnamed" or last.phrase is None or not _is_person(last.phrase):
        return False
    if cx.doc.paragraph_index(f.start) - cx.doc.paragraph_index(last.start) > 2:
        return False
    if any(w[:1].isupper() for w in ph.text.split()[1:]):
        return False                   # «представитель МИД Польши»: another body, maybe another person
    if not R.compatible(ph.gender, R.gender_of_name(last.speaker)):
        return False
    cue = R.cue_of(cx.doc.word(f.cue_i)) if f.cue_i is not None else None
    return ph.head == "собеседник" or ph.head == "представитель" and cue is not None and cue.lemma in CONTINUING_CUES


def _is_person(ph: R.Phrase) -> bool:
    if ph.kind == "mention":
        return ph.mention is not None and ph.mention.type == "PER"
    return ph.kind in ("pronoun", "role") and ph.gender != "plur"


def _intro_speaker(cx: Ctx, f: Found) -> tuple[str | None, str]:
    pi = f.intro if f.intro is not None else cx.doc.paragraph_index(f.start) - 1
    if pi < 0:
        return None, ""
    a, b = cx.paras[pi]
    lo, hi = cx.doc.tok_at(a), cx.doc.tok_before(b)
    phrases = []
    for k in range(lo, hi):
        cue = R.cue_of(cx.doc.word(k))
        if cue:
            ph = _speaker_of_cue(cx, k, hi, before_lo=lo, cue=cue)
            if ph is not None and not _is_outlet(cx, ph):
                phrases.append(ph)
    phrases.sort(key=lambda ph: not _is_person(ph))
    if phrases:
        f.phrase = phrases[0]
        return _resolve_phrase(cx, phrases[0], [])[0], "intro_paragraph"
    return None, ""


def _resolve_phrase(cx: Ctx, ph: R.Phrase, resolved) -> tuple[str | None, str]:
    if ph.head in ("последний", "последняя") and len(ph.text.split()) == 1:
        return _the_latter(cx, ph), "the_latter"
    if ph.kind == "mention" and ph.mention is not None:
        m = ph.mention
        if m.kind == "pronoun" or m.kind == "role" and not m.entity:
            name, how = _antecedent(cx, ph, resolved)
            return (name, how) if name or not m.entity else (m.entity, "pronoun_resolved")
        if m.type == "PER" and " " not in m.text.strip() and cx.alias(m.text):
            return cx.alias(m.text), "alias"
        return cx.full_names.get(id(m), canonical(m)), "mention"
    if ph.kind == "pronoun":
        name, how = _antecedent(cx, ph, resolved)
        if name is None and ph.mention is not None and ph.mention.entity:
            return ph.mention.entity, "pronoun_resolved"
        return name, how
    if ph.kind == "role":
        app = _apposition(cx, ph)
        if app:
            return app, "role_apposition"
        if ph.head in R.lexicon("person_anaphora") or _bare_person(cx, ph):
            return _antecedent(cx, ph, resolved)
        group = _group(cx, ph)
        return (group, "group") if group else (None, "role_unresolved")
    if ph.kind == "unnamed":
        app = _apposition(cx, ph)
        return (app, "role_apposition") if app else (None, "unnamed")
    if ph.kind == "org":
        return _org_name(cx, ph), "org_phrase"
    if ph.kind == "name":
        alias = cx.alias(ph.text)
        return (alias, "alias") if alias else (_strip_marks(ph.text), "name_phrase")
    if ph.kind == "context":
        org = _context_org(cx, ph.start)
        if org is not None:
            return org, "document_context"
        return _document_antecedent(cx, ph)
    return None, "none"


def _group(cx: Ctx, ph: R.Phrase) -> str | None:
    """«Американцы считают», «по мнению греков», «студенты МГУ заявили»: people named as a
    group by nationality, or a group with a proper name beside it, speak as that group
    (the guidelines keep nameless descriptions such as «очевидцы», «эксперты» null)."""
    i, j = cx.doc.tok_at(ph.start), cx.doc.tok_before(ph.stop)
    heads = [k for k in range(i, j) if nlp.lemma(cx.doc.word(k)) == ph.head]
    if not heads or not _plural(cx.doc.word(heads[0])):
        return None
    quoted = re.match(r"\s*([«\"„][А-ЯЁA-Z][^«»\"„“”\n]{0,40}[»\"“”])", cx.text[ph.stop:ph.stop + 50])
    named = quoted is not None or any(cx.doc.word(k)[:1].isupper() for k in range(heads[0] + 1, j))
    animate = R._is_person_noun(ph.head) or any(p.tag.POS == "NOUN" and "anim" in p.tag
                                                for p in nlp.parses(cx.doc.word(heads[0]))[:3])
    if ph.head in R.lexicon("demonyms") or named and animate and ph.head not in R.lexicon("unnamed"):
        name = R.canonical_org(cx.doc, ph)
        return f"{name} {quoted.group(1)}" if quoted else name     # «поисковики отряда «Лиза Алерт»»
    return None


def _plural(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.number == "plur" for p in nlp.parses(word)[:2])


def _the_latter(cx: Ctx, ph: R.Phrase) -> str | None:
    """«… студии inXile и Obsidian. Последняя уже говорила, что …»: «последний» is the
    last person or organisation the sentence before named."""
    prev = cx.sentence(ph.start - 1) if ph.start > 0 else None
    if prev is None or prev.start >= ph.start:
        return None
    names = [m for m in cx.doc.mentions_in(prev.start, min(prev.stop, ph.start))
             if m.kind == "name" and m.type in ("PER", "ORG") and "outlet" not in m.flags]
    if names:
        m = names[-1]
        return cx.full_names.get(id(m), canonical(m))
    latin = re.findall(r"\b[A-Z][\w-]+", cx.text[prev.start:min(prev.stop, ph.start)])
    return latin[-1] if latin else None


def _bare_person(cx: Ctx, ph: R.Phrase) -> bool:
    """«— пояснила психолог», «Артистка признаётся»: a lone animate noun naming somebody
    already in the story; the verb's gender or a feminine noun («артистка») must say who."""
    if len(ph.text.split()) != 1 or not R._is_person_noun(ph.head):
        return False
    if ph.gender not in ("masc", "femn") and R.noun_gender(ph.head) == "femn":
        ph.gender = "femn"
    return ph.gender in ("masc", "femn")


def _apposition(cx: Ctx, ph: R.Phrase) -> str | None:
    """A role phrase written earlier beside a name; its other nouns must match too."""
    tail = _tail_lemmas(cx, ph)
    cands = [c for c in cx.appositions.get(ph.head, []) if c[0] < ph.start and tail <= c[2]]
    if not cands:
        return None
    if not tail and len({c[1] for c in cands}) > 1:
        return None            # a bare «президент» beside several names: take the antecedent
    if cx.doc.paragraph_index(ph.start) - cx.doc.paragraph_index(cands[-1][0]) <= 15:
        return cands[-1][1]
    return None


def _tail_lemmas(cx: Ctx, ph: R.Phrase) -> frozenset[str]:
    i, j = cx.doc.tok_at(ph.start), cx.doc.tok_before(ph.stop)
    out = set()
    for k in range(i, j):
        w = cx.doc.word(k)
        if w[:1].isalpha() and R.first_pos(w) != "ADJF" and nlp.lemma(w) != ph.head:
            out.add(nlp.lemma(w))
    return frozenset(out)


def _antecedent(cx: Ctx, ph: R.Phrase, resolved) -> tuple[str | None, str]:
    """The nearest named person before the phrase, of the cue's gender, within a few paragraphs."""
    here = cx.doc.paragraph_index(ph.start)
    best = None
    for off, name, gender in cx.per_subjects:
        if off >= ph.start:
            break
        if R.compatible(ph.gender, gender):
            best = (off, name)
    for off, name, gender in resolved:
        if off < ph.start and (best is None or off > best[0]) and R.compatible(ph.gender, gender):
            best = (off, name)
    if best is None or (here - cx.doc.paragraph_index(best[0]) > 4 and ph.start - best[0] > 1200):
        return None, "antecedent_missing"
    return best[1], "antecedent"


ANAPHORIC_TAILS = {"ведомства", "министерства", "организации", "компании", "учреждения", "управления", "дипведомства"}


def _org_name(cx: Ctx, ph: R.Phrase) -> str:
    words = ph.text.split()
    if len(words) == 2 and R.fold(words[1]) in ANAPHORIC_TAILS:
        # «пресс-служба ведомства» → «пресс-служба Роскомнадзора»: the body named before
        orgs = [m for m in cx.doc.mentions if m.type == "ORG" and m.stop <= ph.start and "outlet" not in m.flags]
        if orgs:
            return R.nominative_form(words[0]) + " " + R.genitive(canonical(orgs[-1]))
    mentions = [m for m in cx.doc.mentions_in(ph.start, ph.stop) if m.type == "ORG" and m.start <= ph.start
                and m.stop >= ph.stop - 1 and m.kind == "name"]
    if mentions:
        return canonical(mentions[0])
    epithet = _epithet_of(cx, ph)
    if epithet:
        return epithet
    if len(ph.text.split()) <= 2 and ph.head in BODY_ANAPHORA | {"дипведомство", "министерство", "суд",
                                                                  "администрация"}:
        earlier = _earlier_org(cx, ph)
        if earlier:
            return earlier
    return R.canonical_org(cx.doc, ph)


# A bare «ведомство», «компания», «организация» is the body the story named last; a bare
# «министерство» or «суд» must match the kind of body it names.
BODY_ANAPHORA = {"ведомство", "компания", "организация", "учреждение", "соцсеть", "мессенджер", "сервис",
                 "платформа"}


# Heads of descriptions that rename a body just named: «Верховный суд Гонконга объявил …
# Этот запрет противоречит Основному закону, заявила высшая судебная инстанция Гонконга».
EPITHET_HEADS = {"инстанция", "структура", "орган", "регулятор", "надзор"}   # «ведомство»: _earlier_org


def _epithet_of(cx: Ctx, ph: R.Phrase) -> str | None:
    """A description with no organisation name of its own is the body the sentence
    before (or this one) named last."""
    if ph.head not in EPITHET_HEADS or any(m.type == "ORG" for m in cx.doc.mentions_in(ph.start, ph.stop)):
        return None
    here = cx.sentence(ph.start)
    lo = here.start if here else ph.start
    prev = cx.sentence(lo - 1) if lo > 0 else None
    lo = prev.start if prev is not None and prev.start < lo else lo
    orgs = [m for m in cx.doc.mentions_in(lo, ph.start) if m.type == "ORG" and m.kind == "name"
            and "outlet" not in m.flags and m.stop <= ph.start and not cx.doc.quoted[m.start]]
    return canonical(orgs[-1]) if orgs else None


def _earlier_org(cx: Ctx, ph: R.Phrase) -> str | None:
    """A bare «министерство» / «ведомство» is the organisation of that kind named before it."""
    kinds = {"ведомство": ("мид", "министерство", "ведомство", "служба", "пресс-служба", "минобороны", "мвд",
                           "мчс", "фсб"),
             "министерство": ("министерство", "мид", "мин"),    # «Минпромторг», «МИД России», «Минфин»
             "дипведомство": ("мид", "министерство иностранных дел")}.get(ph.head, (ph.head,))
    earlier = [(start, name) for start, name in getattr(cx, "context_orgs", []) if start < ph.start]
    if ph.head in BODY_ANAPHORA and earlier:
        return earlier[-1][1]          # «сообщили в ведомстве»: the body that spoke last
    if ph.head in BODY_ANAPHORA:
        orgs = [m for m in cx.doc.mentions if m.type == "ORG" and m.stop <= ph.start and "outlet" not in m.flags]
        if orgs:
            return canonical(orgs[-1])
    for start, name in reversed(earlier):
        if start >= ph.start:
            continue
        low = R.fold(name)
        for k in kinds:
            hit = re.search(r"(?:^|\s)" + re.escape(k), low)
            at = hit.end() - len(k) if hit else -1
            if at >= 0:
                sub = name[at:]
                words = sub.split(" ")
                head = R.nominative_form(words[0])
                proper = words[0].isupper() or k == "мин" and words[0][:1].isupper()    # «Минпромторг» keeps its capital
                return " ".join([head if proper else head.lower()] + words[1:])
    for m in reversed([m for m in cx.doc.mentions if m.type == "ORG" and m.stop <= ph.start]):
        if any(R.fold(canonical(m)).startswith(k) for k in kinds):
            return canonical(m)
    return None


def _context_org(cx: Ctx, offset: int) -> str | None:
    """«говорится в сообщении» with no owner: the last organisation that spoke before."""
    best = None
    for f in cx.context_orgs:
        if f[0] < offset:
            best = f[1]
    return best


SIGN_VERBS = {"подписать", "направить", "прислать", "опубликовать", "издать", "выпустить", "разослать",
              "утвердить", "распространить", "подготовить", "принять", "прийти", "поступить"}


def _document_antecedent(cx: Ctx, ph: R.Phrase) -> tuple[str | None, str]:
    """«Распоряжение подписал премьер Дмитрий Медведев. «…», — говорится в документе»;
    «Из администрации округа пришёл ответ … «…», — говорится в ответе»: a bare document
    is the one the sentences just before introduced, and its author is the speaker."""
    here = cx.sentence(ph.start)
    if here is None:
        return None, "document_unknown"
    k = cx.sents.index(here) if here in cx.sents else -1
    for s in reversed(cx.sents[max(0, k - 3):k]):
        lemmas = [nlp.lemma(cx.doc.word(t)) for t in range(s.first, s.last)]
        if not any(x in R.lexicon("doc_nouns") for x in lemmas) or not any(x in SIGN_VERBS for x in lemmas):
            continue
        author = _author_in(cx, s)
        if author:
            return author, "document_antecedent"
    return None, "document_unknown"


def _author_in(cx: Ctx, s) -> str | None:
    """Who issued the document: a person named in the sentence, else an organisation
    phrase («из администрации Центрального округа»)."""
    ments = [m for m in cx.doc.mentions_in(s.start, s.stop) if m.kind == "name" and "outlet" not in m.flags]
    people = [m for m in ments if m.type == "PER"]
    if people:
        return cx.full_names.get(id(people[-1]), canonical(people[-1]))
    for c in R.chunks(cx.doc, s.first, s.last):
        ph = R.phrase_of_chunk(cx.doc, R.Chunk(c.first, c.last, False, c.head))
        if ph is not None and ph.kind == "org":
            return _org_name(cx, ph)
    orgs = [m for m in ments if m.type == "ORG"]
    return canonical(orgs[-1]) if orgs else None


def _specific_org_names(found: list[Found]) -> None:
    """Prefer «пресс-служба Президента России» to «пресс-служба главы государства» in one article."""
    by_head: dict[str, set[str]] = {}
    for f in found:
        if f.speaker and f.speaker_rule in ("org_phrase", "document_context") and " " in f.speaker:
            by_head.setdefault(f.speaker.split(" ")[0], set()).add(f.speaker)
    for names in by_head.values():
        specific = [n for n in names if any(w[:1].isupper() for w in n.split(" ")[1:])]
        if len(specific) == 1:
            for f in found:
                if f.speaker in names and f.speaker not in specific and \
                        not any(w[:1].isupper() for w in f.speaker.split(" ")[1:]):
                    f.speaker = specific[0]


# ---------------------------------------------------------------- the stage

def fallback_mentions(parsed: nlp.Parsed) -> list[Mention]:
    """Name mentions straight from Natasha's NER, for builds without the entities stage.

    People are put in the nominative and a lone surname takes the full name written
    elsewhere in the article («Путин» → «Владимир Путин»)."""
    out = []
    for s in parsed.ner:
        normal = _nominative_name(s.text) if s.type == "PER" else s.text
        out.append(Mention(s.start, s.stop, s.type, s.text, normal, "name", normal, None, (), "ner_fallback"))
    for m in out:
        m.entity = None if m.type == "PER" else m.entity
    return out


def _nominative_name(text: str) -> str:
    """«Николом Пашиняном» → «Никол Пашинян»; a name already in the nominative stays."""
    words = text.split()
    case = gender = None
    for w in words:
        for p in nlp.parses(w):
            if "Name" in p.tag:
                case, gender = p.tag.case, p.tag.gender
                break
        if case:
            break
    if case is None:
        for p in nlp.parses(words[-1]):
            if "Surn" in p.tag:
                case, gender = p.tag.case, p.tag.gender
                break
    if case in (None, "nomn"):
        return text
    out = []
    for w in words:
        form = None
        for p in nlp.parses(w):
            if any(g in p.tag for g in ("Name", "Surn", "Patr")) and p.tag.case == case \
                    and (gender is None or p.tag.gender in (None, gender)):
                form = p.inflect({"nomn"})
                break
        out.append(_cap(form.word, w) if form else w)
    return " ".join(out)


def _cap(word: str, like: str) -> str:
    return "-".join(x.capitalize() for x in word.split("-")) if like[:1].isupper() else word


def extract(text: str, parsed: nlp.Parsed, mentions: list[Mention]) -> tuple[list[Quote], list[Frame], list[str]]:
    warnings: list[str] = []
    cx = Ctx(text, parsed, mentions or fallback_mentions(parsed))
    marks = scan_marks(text, cx.paras, warnings)
    mark_spans = [Span(m.open, (m.close if m.close is not None else m.stop) + 1) for m in marks]
    dashes = dialogue_quotes(cx)
    dashes += colon_paragraph_quotes(cx, [Span(f.start, f.stop) for f in dashes] + mark_spans)
    taken = [Span(f.parts[0].start if f.parts else f.start, f.stop) for f in dashes]
    long_marks = [sp for sp, m in zip(mark_spans, marks) if len(re.findall(r"\w+", text[m.start:m.stop])) >= 5]
    cx.not_antecedents(taken + long_marks)
    cx.doc.quoted = coverage(len(text), taken + long_marks)
    cx.anchors, indirect = find_anchors(cx, taken + mark_spans)
    cx.not_antecedents([Span(f.start, f.stop) for f in indirect])
    cx.context_orgs = _org_sources(cx)
    mark_quotes, frames = classify_marks(cx, marks, taken)
    indirect = _merge_quoted_clauses(cx, indirect, mark_quotes)
    found = dashes + mark_quotes + _drop_overlapping(indirect, dashes, mark_quotes)
    resolve_speakers(cx, found)
    quotes = [_to_quote(cx, f) for f in sorted(found, key=lambda f: (f.start, f.stop))]
    return quotes, frames, warnings


def _org_sources(cx: Ctx) -> list[tuple[int, str]]:
    """Organisations named as sources («сообщает пресс-служба …», «со ссылкой на …»), in order."""
    out = []
    for k in range(len(cx.doc.tokens) - 2):
        if R.fold(cx.doc.word(k)) == "ссылкой" and R.fold(cx.doc.word(k + 1)) == "на":
            s = cx.sentence(cx.doc.tokens[k].start)
            ref = _ssylka(cx, k, s.last if s else k + 8)
            if ref is not None:
                name = _resolve_phrase(cx, ref, [])[0]
                if name:
                    out.append((ref.start, name))
    for anchors in cx.anchors.values():
        for cue_i, ph, _ in anchors:
            if ph is not None and ph.kind in ("org", "mention") and (ph.kind == "org" or ph.mention.type == "ORG"):
                name = _org_name(cx, ph) if ph.kind == "org" else canonical(ph.mention)
                out.append((ph.start, name))
            elif ph is not None and ph.kind == "name" and not _is_outlet(cx, ph):
                out.append((ph.start, _strip_marks(ph.text)))     # «исследование агентства Savills»
    return sorted(out)


def _merge_quoted_clauses(cx: Ctx, indirect: list[Found], mark_quotes: list[Found]) -> list[Found]:
    """«По его словам, «…».» / «пообещал, что «…»»: the reported clause is all quoted, so
    it is one direct quote (the mark quote keeps the clause's cue and speaker)."""
    by_span = {(f.start, f.stop): f for f in mark_quotes}
    out = []
    for f in indirect:
        inner = _trim_clause(cx.text, f.start, f.stop)
        a, b = inner.start, inner.stop
        while a < b and cx.text[a] in "«„\"“":
            a += 1
        while b > a and cx.text[b - 1] in "»“\"”.,":
            b -= 1
        q = by_span.get((a, b))
        if q is None:
            out.append(f)
            continue
        q.kind = "direct"
        q.rule = "mark_whole_clause"
        q.cue_i, q.phrase, q.cue_cls = f.cue_i, f.phrase, f.cue_cls
        q.channel = q.channel or f.channel
    return out


def _drop_overlapping(indirect: list[Found], *direct: list[Found]) -> list[Found]:
    """Reported clauses that are really a direct quote (its marks already found) go."""
    n = max([f.stop for fs in direct for f in fs] + [f.stop for f in indirect] + [0]) + 1
    mask = coverage(n, [Span(f.start, f.stop) for fs in direct for f in fs if f.kind == "direct"])
    out = []
    for f in indirect:
        inside = sum(mask[f.start:f.stop])
        if mask[f.start] or inside > 0.5 * (f.stop - f.start):
            continue
        out.append(f)
    return out


def coverage(n: int, spans: list[Span]) -> bytearray:
    """A byte per character, 1 where some span covers it: O(1) «is this offset quoted?»."""
    mask = bytearray(n + 1)
    for sp in spans:
        a, b = max(0, sp.start), min(n, sp.stop)
        if b > a:
            mask[a:b] = b"\x01" * (b - a)
    return mask


def _paragraph_parts(cx: Ctx, f: Found) -> list[Span]:
    """A quote over several paragraphs: one part a paragraph, reopening marks left out."""
    if f.parts or "\n" not in cx.text[f.start:f.stop]:
        return f.parts
    out = []
    for m in re.finditer(r"[^\n]+", cx.text[f.start:f.stop]):
        a, b = f.start + m.start(), f.start + m.end()
        sp = _trim(cx.text, a, b)
        if sp.start < sp.stop and cx.text[sp.start] in "«„\"" and sp.start > f.start:
            sp = Span(sp.start + 1, sp.stop)
        if sp.stop > sp.start:
            out.append(sp)
    return out if len(out) > 1 else []


def _to_quote(cx: Ctx, f: Found) -> Quote:
    q = Quote(f.start, f.stop, f.kind, cx.text[f.start:f.stop], rule=f"{f.rule}/{f.speaker_rule or '-'}")
    q.speaker = f.speaker
    if f.phrase is not None:
        q.speaker_text, q.speaker_start, q.speaker_stop = f.phrase.text, f.phrase.start, f.phrase.stop
        if f.phrase.mention is not None:
            q.speaker_id = f.phrase.mention.entity_id
    if f.cue_i is not None:
        t = cx.doc.tokens[f.cue_i]
        q.cue, q.cue_start, q.cue_stop = t.text, t.start, t.stop
    q.channel = f.channel
    q.parts = _paragraph_parts(cx, f)
    return q


def annotate(ctx) -> None:
    quotes, frames, warnings = extract(ctx.text, ctx.parsed, ctx.analysis.mentions)
    ctx.analysis.quotes = quotes
    ctx.analysis.frames.extend(frames)
    ctx.analysis.warnings.extend(warnings)


# ---------------------------------------------------------------- debug

def format_quote(q: Quote) -> str:
    text = q.text if len(q.text) < 90 else q.text[:60] + " … " + q.text[-25:]
    parts = f" parts={[(p.start, p.stop) for p in q.parts]}" if q.parts else ""
    return (f"[{q.start}:{q.stop}] {q.kind:8} {q.rule:40} speaker={q.speaker!r} "
            f"({q.speaker_text!r}) cue={q.cue!r} channel={q.channel!r}{parts}\n    «{text}»")


def main(argv: list[str] | None = None) -> int:
    import argparse
    ap = argparse.ArgumentParser(prog="python -m svodka.quotes", description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", help="text files (stdin when none)")
    ap.add_argument("--debug", action="store_true", help="print the rule behind each quote, frames, warnings")
    args = ap.parse_args(argv)
    from .pipeline import analyse_text
    texts = [(p, open(p, encoding="utf-8").read()) for p in args.files] or [("-", sys.stdin.read())]
    for name, text in texts:
        analysis = analyse_text(text)
        print(f"== {name}: {len(analysis.quotes)} quotes")
        for q in analysis.quotes:
            print(format_quote(q) if args.debug else f"{q.kind}\t{q.speaker}\t{q.text}")
        if args.debug:
            for fr in analysis.frames:
                if fr.kind == "scare_quote":
                    print(f"  frame [{fr.start}:{fr.stop}] {fr.text!r} ({fr.note})")
            for w in analysis.warnings:
                if w.startswith("quotes:"):
                    print("  warning:", w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
