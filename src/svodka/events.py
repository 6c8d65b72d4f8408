"""Stage "events": what happened, when, where, with whom, in what format, on whose initiative.

Pure: reads the clean text, the parse, the mentions (entities/resolution), the dates
and the quotes of ``ctx.analysis`` and fills ``ctx.analysis.events``.

1. Triggers come from a lexicon of lemma sequences (``data/events/triggers.tsv``, the
   ontology of ``docs/events.md``), matched per sentence, longest first; a trigger
   inside a name («Организации Договора …») or a direct quote is not one.
2. Each trigger becomes an event *mention*; small named rules read its status,
   date, place, format, initiator and participants from its sentence. Each rule that
   fired is recorded in ``Event.rule``.
3. Mentions of the same happening in one article (a headline, the lead, «Встреча
   проходила в режиме видеоконференции», «В мероприятии приняли участие …») are
   merged when nothing contradicts it (type, status, date, place, speaker).
4. A reported event without a date of its own in the lead is dated by the
   publication date (news reports today's news); without a publication date it
   stays undated, never dated by today.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import nlp
from .records import DateMention, Event, Mention, Span

DATA = Path(__file__).resolve().parent / "data" / "events"

# --- lexicons ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    subtype: str | None
    words: tuple[str, ...]
    context: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    generic: bool = False


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[Trigger]]:
    """Triggers by their first lemma; within one key: context-bound first, then longest."""
    by_first: dict[str, list[Trigger]] = {}
    for row in _rows("triggers.tsv"):
        row += [""] * (5 - len(row))
        type_, subtype, words, context, note = row[:5]
        negative = context.startswith("!")
        ctx = tuple(c.strip() for c in context.lstrip("!").split(",") if c.strip())
        t = Trigger(type_, subtype or None, tuple(words.split()), () if negative else ctx,
                    ctx if negative else (), note.strip() == "generic")
        by_first.setdefault(t.words[0], []).append(t)
    for key in by_first:
        by_first[key].sort(key=lambda t: (-len(t.words), not t.context))
    return by_first


@dataclass(frozen=True, slots=True)
class Countries:
    names: frozenset[str]
    adjectives: tuple[tuple[str, str], ...]      # (stem, country)
    capitals: dict


@lru_cache(maxsize=1)
def countries() -> Countries:
    rows = _rows("countries.tsv")
    adjs, caps = [], {}
    for name, adj, capital in rows:
        adjs.append((adj, name))
        caps.setdefault(capital, name)
    return Countries(frozenset(r[0] for r in rows), tuple(adjs), caps)


ROLE_NOUNS = frozenset("""президент премьер-министр премьер глава председатель секретарь генсек генеральный
министр посол руководитель директор губернатор мэр спикер пресс-секретарь представитель лидер советник
помощник замглавы заместитель командующий начальник канцлер король королева принц министерство
сотрудник член депутат аким вице-премьер вице-президент уполномоченный омбудсмен судья прокурор
глава-мэр экс-президент экс-премьер генпрокурор министр-председатель участник участница член
страна-участница страна-член государство-член гражданин житель власть население народ""".split())
COMPOUND_PREP_NOUNS = frozenset("рамка ход связь область сфера адрес состав счет течение председательство "
                                "руководство эгида инициатива просьба приглашение предложение".split())
TOPIC_NOUNS = frozenset("ситуация обстановка положение событие кризис конфликт беспорядок протест".split())
ATTRIBUTION = frozenset("сообщать передавать писать информировать говориться ссылка сообщить рассказать "
                        "пояснить уточнить".split())
ATTRIBUTION_WINDOW = 6     # «сообщил «Українським новинам» его адвокат Сергей Стретович»
PREPS_OUT = frozenset("в во на из о об по для к ко от у при через за под над без до после вокруг "
                      "среди около возле перед".split())
PREPS_WITH = frozenset("с со между".split())
INITIATIVE = frozenset("инициатива просьба приглашение предложение".split())
PLAN_PARTICIPLES = ("запланирова", "планируем", "намечен", "назначенн", "предстоящ", "грядущ")
PLAN_BEFORE = frozenset("подготовка готовиться преддверие накануне канун подготовить".split())
# «предложение о … заключении договора», «о готовности подписать»: not (yet) done
INTENT_NOUNS = frozenset("предложение готовность намерение возможность план проект идея".split())
# «предложение о продлении на год действующего контракта или заключении нового договора»:
# the proposal's object may be a coordinated list, so the noun reaches a dozen tokens on
# «голосование продлится до 9 декабря»: a future of duration says the happening is under way
ONGOING = frozenset("продлиться продолжиться продолжаться длиться".split())
INTENT_NEAR = 8
INTENT_REACH = 12
VAGUE_PAST = frozenset("недавно ранее прежде когда-то некогда давно".split())
# «после освобождения», «впечатления от матча», «из-за аварии»: a happening referred to as
# the cause or the frame of another, not reported as today's news
BACKGROUND_PREPS = frozenset("после до перед от из-за".split())
BACKGROUND_FRAMES = frozenset("результат фон итог".split())     # «в результате протестов», «на фоне»
# «обвиняемого в убийстве», «подозревают в краже»: a past deed charged, not today's news
# «рассказал о встрече», «поделился воспоминаниями о матче»: the happening is a story told
NARRATION_VERBS = frozenset("рассказать рассказывать поделиться делиться вспомнить вспоминать признаться "
                            "поведать говорить припомнить напомнить".split())
# «жертвы домогательства», «в память о жертвах ДТП»: the happening names whom it befell, not news
VICTIM_NOUNS = frozenset("жертва память".split())
# Triggers that name the people taking part («от митингующих»): no preposition or participle makes
# them background
VICTIM_VERBS = frozenset("погибнуть пострадать ранить умереть скончаться травмировать".split())
PERSON_TRIGGERS = ("протестующ", "митингующ", "бастующ", "демонстрант")
CHARGE_WORDS = frozenset("обвинять обвинить обвиняемый обвинённый обвиненный подозревать заподозрить подозреваемый "
                         "обвинение подозрение причастность причастный осудить осуждённый осужденный уличить".split())
MODALS = frozenset("мочь намереваться планировать собираться хотеть планироваться предстоять "
                   "ожидаться намечаться готовиться должный".split())
# «предложил созвониться», «решили провести»: the infinitive after these is not yet done
INTENT = MODALS | frozenset("предложить пообещать обещать решить договориться призвать попросить "
                            "намерен планироваться".split())
CANCEL = frozenset("отменить отмена отложить перенести сорвать отмениться".split())
FORMAT_CUES = [
    ("videoconference", re.compile(r"видеоконференц|видеосвяз|онлайн|видеорежим|режиме видео|дистанционн|"
                                   r"видеоформат|формате видео", re.I)),
    ("phone", re.compile(r"телефон|созвон", re.I)),
    ("in_person", re.compile(r"(?<![а-яё])(очн\w*|лично|личн\w+ встреч\w*)(?![а-яё])", re.I)),
]
DEFAULT_FORMAT = {"phone_call": "phone", "visit": "in_person"}
SPEAKER_TYPES = frozenset({"statement", "death", "appointment", "resignation"})
# Incidents: the people involved; the police or ministry that reports one is not a party to it.
PEOPLE_ONLY = frozenset({"crime", "accident", "detention", "criminal_case", "death", "attack", "court"})
PARTICIPATION = frozenset("участие участник участвовать участница победитель победить стать выступить".split())
DESCRIPTOR_NOUNS = frozenset("партия компания организация фонд движение холдинг банк агентство издание газета "
                             "телеканал клуб команда группа объединение ассоциация союз".split())
SAME_WORD_SENTENCES = 6     # a headline and the body sentence that repeats its word
LEAD_SENTENCES = 2
MIN_LEAD_TOKENS = 6
CONTEXT_WINDOW = 10  # tokens either side in which a trigger's forbidding words count
WINDOW = 12          # tokens around a trigger in which place/format/initiator cues count


# --- per-article view ----------------------------------------------------------------


@dataclass
class Doc:
    """The parse with lemmas and the mentions in token terms, built once per article."""
    text: str
    tokens: list
    lemmas: list[str]
    lasts: list[str]                        # lemma of the last part of a hyphenated token
    sent_of: list[int]                      # sentence index of each token
    mentions: list[Mention]
    mention_tok: list[tuple[int, int]]      # [first, last) token of each mention
    blocked: list[tuple[int, int]]          # char spans where no trigger may start
    sents: list = field(default_factory=list)   # sentences, cut at line breaks
    quoted: list[tuple[int, int]] = field(default_factory=list)   # direct quotes
    hits_by_sent: dict = field(default_factory=dict)               # triggers found, by sentence

    def tok_at(self, offset: int) -> int:
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].stop <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


@dataclass(slots=True)
class Sent:
    start: int
    stop: int
    first: int
    last: int


def split_lines(text: str, tokens, sents) -> list[Sent]:
    """razdel's sentences, cut again at line breaks: a headline or a dateline without a
    full stop is a sentence of its own, not the start of the lead."""
    out = []
    for s in sents:
        first = s.first
        for k in range(s.first + 1, s.last):
            if "\n" in text[tokens[k - 1].stop:tokens[k].start]:
                out.append(Sent(tokens[first].start, tokens[k - 1].stop, first, k))
                first = k
        out.append(Sent(tokens[first].start, s.stop, first, s.last))
    return out


def build_doc(ctx) -> Doc:
    toks = ctx.parsed.tokens
    lemmas = [nlp.lemma(t.text) for t in toks]
    lasts = [nlp.lemma(t.text.rsplit("-", 1)[-1]) if "-" in t.text[1:] else lem for t, lem in zip(toks, lemmas)]
    sents = split_lines(ctx.text, toks, ctx.parsed.sents)
    sent_of = [0] * len(toks)
    for si, s in enumerate(sents):
        for i in range(s.first, s.last):
            sent_of[i] = si
    mentions = sorted(ctx.analysis.mentions, key=lambda m: (m.start, -m.stop))
    doc = Doc(ctx.text, toks, lemmas, lasts, sent_of, mentions, [], [], sents)
    doc.mention_tok = [(doc.tok_at(m.start), doc.tok_at(m.stop - 1) + 1) for m in mentions]
    doc.blocked = [(m.start, m.stop) for m in mentions if m.type in ("ORG", "LOC") or m.kind == "name"]
    doc.quoted = [(q.start, q.stop) for q in ctx.analysis.quotes if q.kind == "direct"]
    return doc


def is_word(doc: Doc, i: int) -> bool:
    return doc.tokens[i].text[:1].isalnum()


def pos(word: str) -> str | None:
    return nlp.parses(word)[0].tag.POS


def name_of(m: Mention) -> str:
    return m.entity or m.normal or m.text


def is_country(m: Mention) -> bool:
    return "country" in m.flags or (m.type == "LOC" and name_of(m) in countries().names)


# --- 1. triggers ------------------------------------------------------------------------


@dataclass
class Hit:
    trigger: Trigger
    first: int
    last: int            # token after the trigger
    sent: int
    quoted: bool = False  # inside a direct quote: may add to a reported event, never make one


def context_ok(t: Trigger, sentence: list[str], near: list[str]) -> bool:
    """Required context anywhere in the sentence; forbidding context only near the trigger."""
    if t.forbid and any(l.startswith(f) for l in near for f in t.forbid):
        return False
    return not t.context or any(l.startswith(c) for l in sentence for c in t.context)


def inside(spans: list[tuple[int, int]], start: int, stop: int) -> bool:
    return any(a <= start and stop <= b for a, b in spans)


def find_triggers(doc: Doc, sents) -> list[Hit]:
    table = triggers()
    hits = []
    for si, s in enumerate(sents):
        sentence = doc.lemmas[s.first:s.last]
        i = s.first
        while i < s.last:
            if doc.lemmas[i] not in table and doc.lasts[i] not in table:
                i += 1
                continue
            # Forbidding words count near the trigger only: a photo credit further on in the
            # same "sentence" says nothing about «сессия».
            near = doc.lemmas[max(s.first, i - CONTEXT_WINDOW):min(s.last, i + CONTEXT_WINDOW)]
            hit = match_at(doc, table, i, s.last, sentence, near)
            if hit and not inside(doc.blocked, doc.tokens[i].start, doc.tokens[hit[1] - 1].stop) \
                    and not initiative_phrase(doc, i):
                h = Hit(hit[0], i, hit[1], si,
                        inside(doc.quoted, doc.tokens[i].start, doc.tokens[hit[1] - 1].stop))
                if (not h.trigger.generic or generic_ok(doc, h)) and not unreal(doc, h):
                    hits.append(h)
                i = hit[1]
                continue
            i += 1
    return hits


def match_at(doc: Doc, table, i: int, end: int, sentence: list[str], near: list[str]):
    for key in {doc.lemmas[i], doc.lasts[i]}:
        for t in table.get(key, ()):
            if len(t.words) == 1:
                if context_ok(t, sentence, near):
                    return t, i + 1
                continue
            nxt = following_words(doc, i, end, len(t.words) - 1)
            if len(nxt) == len(t.words) - 1 and all(word_matches(doc, k, w) for k, w in zip(nxt, t.words[1:])) \
                    and context_ok(t, sentence, near):
                return t, nxt[-1] + 1
    return None


def following_words(doc: Doc, i: int, end: int, n: int) -> list[int]:
    """The next ``n`` tokens after ``i``, stepping over a short parenthesis
    («объявил (.pdf) о слиянии»)."""
    out, k = [], i + 1
    while k < end and len(out) < n:
        if doc.tokens[k].text == "(":
            close = next((x for x in range(k + 1, min(end, k + 6)) if doc.tokens[x].text == ")"), None)
            if close is not None:
                k = close + 1
                continue
        out.append(k)
        k += 1
    return out


def word_matches(doc: Doc, k: int, word: str) -> bool:
    if word == "INFN":
        return is_word(doc, k) and pos(doc.tokens[k].text) == "INFN"
    return doc.lemmas[k] == word


def initiative_phrase(doc: Doc, i: int) -> bool:
    """«по просьбе Токаева», «по его просьбе» name an initiator, not a request of their own."""
    return doc.lemmas[i] in INITIATIVE and "по" in doc.lemmas[max(0, i - 3):i]


def unreal(doc: Doc, h: Hit) -> bool:
    """«чтобы водитель не мог опрокинуться», «в память о погибших»: no incident happened."""
    if h.trigger.type in ORGANISED:
        return False                    # «не состоялась» is a cancelled meeting, handled by status
    p = prev_word(doc, h.first)
    if p is not None and pos(doc.tokens[h.first].text) in ("VERB", "INFN") and adjacent(doc, p, h.first):
        # «…, и речи идти не может, заявил Песков»: a comma ends the negated clause
        if doc.lemmas[p] == "не":
            return True
        pp = prev_word(doc, p)
        if doc.lemmas[p] in ("мочь", "смочь") and pp is not None and doc.lemmas[pp] == "не":
            return True
    if refused(doc, h):
        return True
    if names_person(doc, h):
        return True
    if p is not None and doc.lemmas[p] in PREVENTION and adjacent(doc, p, h.first):
        return True                     # «профилактики ДТП», «предотвращения терактов»: a kind, not a happening
    if h.trigger.type == "death" and pos(doc.tokens[h.first].text) == "PRTF" and p is not None and \
            doc.lemmas[p] in ("память", "жертва", "родственник", "семья", "близкий"):
        return True
    return False


def names_person(doc: Doc, h: Hit) -> bool:
    """«задержанного арестовали на 60 суток»: a participle used as a noun names the person
    (the detainee), not another detention; a finite verb right after it shows it."""
    if h.last - h.first != 1 or pos(doc.tokens[h.first].text) != "PRTF":
        return False
    k = h.last
    return k < len(doc.tokens) and is_word(doc, k) and pos(doc.tokens[k].text) == "VERB"


REFUSAL = frozenset("отказ отказать отказаться".split())
PREVENTION = frozenset("профилактика предотвращение предупреждение недопущение".split())


def adjacent(doc: Doc, a: int, b: int) -> bool:
    """Only words (no punctuation) between tokens ``a`` and ``b``."""
    return all(is_word(doc, k) for k in range(a + 1, b))


def refused(doc: Doc, h: Hit) -> bool:
    """«отказ в возбуждении уголовного дела», «отказали в возбуждении дела»: no case was opened."""
    k = before_modifiers(doc, h.first)
    for _ in range(2):                  # «в возбуждении» stands between «отказ» and «дела»
        if k is None:
            return False
        if doc.lemmas[k] in ("в", "во"):
            r = prev_word(doc, k)
            return r is not None and doc.lemmas[r] in REFUSAL
        if doc.lemmas[k] not in ("возбуждение", "заведение", "открытие"):
            return False
        k = prev_word(doc, k)
    return False


def generic_ok(doc: Doc, h: Hit) -> bool:
    """«в мероприятии», «данное мероприятие» refer to one happening; «план мероприятий» does not."""
    tag = nlp.parses(doc.tokens[h.first].text)[0].tag
    return "sing" in tag


# --- 2. attributes of one mention -----------------------------------------------------------


@dataclass
class EventMention:
    hit: Hit
    type: str
    subtype: str | None
    status: str = "happened"
    date: DateMention | None = None
    place: str | None = None
    format: str | None = None
    initiator: Mention | None = None
    participants: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    doc_span: tuple[int, int] = (0, 0)
    background: bool = False     # «после освобождения», «недавно»: not today's news


def rule_status(doc: Doc, sent, h: Hit) -> tuple[str, str]:
    lo, hi = max(sent.first, h.first - 6), min(sent.last, h.last + 12)
    near = doc.lemmas[lo:hi]
    if any(l in CANCEL for l in near) or _negated_happen(doc, lo, hi):
        return "cancelled", "status_cancel_word"
    if any(doc.tokens[k].text.lower().startswith(PLAN_PARTICIPLES)
           for k in range(max(sent.first, h.first - 3), min(sent.last, h.last + 8))):
        return "planned", "status_plan_participle"
    if any(doc.lemmas[k] in PLAN_BEFORE for k in range(max(sent.first, h.first - 4), h.first)):
        return "planned", "status_in_preparation"
    if intent_noun_before(doc, sent, h):
        return "planned", "status_intent_noun"
    if future_after(doc, sent, h):
        return "planned", "status_future_after"
    verb = nearest_verb(doc, sent, h)
    if verb is not None:
        tag = nlp.parses(doc.tokens[verb].text)[0].tag
        if "futr" in tag and doc.lemmas[verb] not in ONGOING:
            return "planned", "status_future_verb"
        if tag.POS == "INFN" and _modal_before(doc, sent, verb):
            return "planned", "status_modal"
        if doc.lemmas[verb] in MODALS and "past" not in tag:
            return "planned", "status_modal"
    return "happened", "status_default"


def intent_noun_before(doc: Doc, sent, h: Hit) -> bool:
    """«предложение о заключении договора»: an intent noun shortly before the trigger, or a
    little further when the trigger is the second item of a coordinated object («предложение о
    продлении действующего контракта или заключении нового договора»)."""
    lo = max(sent.first, h.first - INTENT_NEAR)
    far = max(sent.first, h.first - INTENT_REACH)
    if any(doc.tokens[k].text in ".;:" for k in range(far, h.first)):
        far = lo
    if any(doc.tokens[k].text in ".;:" for k in range(lo, h.first)):
        return False
    if any(doc.lemmas[k] in INTENT_NOUNS for k in range(lo, h.first)):
        return True
    coordinated = any(doc.lemmas[k] in ("или", "и", "либо") for k in range(far, h.first))
    return coordinated and any(doc.lemmas[k] in INTENT_NOUNS for k in range(far, lo))


def future_after(doc: Doc, sent, h: Hit) -> bool:
    """«данное мероприятие в Минске будет способствовать»: the trigger is the subject of a future verb."""
    for k in range(h.last, min(sent.last, h.last + 8)):
        if doc.tokens[k].text in ",;:.!?—–-«»\"":
            return False
        if is_word(doc, k) and "futr" in nlp.parses(doc.tokens[k].text)[0].tag:
            return True
    return False


def _negated_happen(doc: Doc, lo: int, hi: int) -> bool:
    return any(doc.lemmas[k] == "не" and k + 1 < hi and doc.lemmas[k + 1] in ("состояться", "пройти")
               for k in range(lo, hi))


def _modal_before(doc: Doc, sent, verb: int) -> bool:
    return any(doc.lemmas[k] in INTENT or doc.lemmas[k] == "быть"
               for k in range(max(sent.first, verb - 3), verb))


def nearest_verb(doc: Doc, sent, h: Hit) -> int | None:
    """The finite verb or infinitive closest to the trigger (the trigger itself if a verb)."""
    best = None
    for k in range(sent.first, sent.last):
        if not is_word(doc, k):
            continue
        p = pos(doc.tokens[k].text)
        if p in ("VERB", "INFN"):
            d = 0 if h.first <= k < h.last else min(abs(k - h.first), abs(k - h.last + 1))
            if best is None or d < best[0]:
                best = (d, k)
    return best[1] if best else None


PLANNED_ON = re.compile(r"(запланирован\w*|назначен\w*|намечен\w*) на$")


def attach_dates(doc: Doc, ems: list[EventMention], dates: list[DateMention], sents, published=None) -> None:
    """Each date goes to the nearest trigger of its sentence; each trigger keeps its nearest date."""
    by_sent: dict[int, list[EventMention]] = {}
    for em in ems:
        by_sent.setdefault(em.hit.sent, []).append(em)
    best: dict[int, tuple[int, DateMention, str]] = {}
    for d in dates:
        if not date_usable(doc, d):
            continue
        ti = doc.tok_at(d.start)
        intro = date_preposition(doc, d)
        cands = [em for em in by_sent.get(doc.sent_of[ti], [])
                 if date_fits(doc, em, d, intro) and not reported_topic(doc, em)]
        if not cands:
            continue
        owner, dist, rule = _closest(doc, cands, d)
        if id(owner) not in best or dist < best[id(owner)][0]:
            best[id(owner)] = (dist, d, rule)
    for em in ems:
        if id(em) in best:
            _, d, rule = best[id(em)]
            em.date = d
            em.rules.append(rule)
            if after_publication(em, d, published):
                em.status = "planned"
                em.rules.append("status_future_date")


def after_publication(em: EventMention, d: DateMention, published) -> bool:
    """A happened event cannot be dated after its report: a date of its own after publication
    says it is still to come («на предстоящем 4 декабря матче», «приглашают на ярмарку с 21 по
    24 ноября»), whatever the verb's tense said."""
    if em.status != "happened" or published is None or not d.value:
        return False
    return d.value > published.date().isoformat()[:len(d.value)]


def date_usable(doc: Doc, d: DateMention) -> bool:
    if d.value is None and not d.relative:
        return False                                    # impossible dates
    if doc.text[d.stop:d.stop + 3].replace(" ", "").startswith("р."):
        return False                                    # «1994 г.р.»: a birth year
    return not is_dateline(doc.text, d) and doc.tok_at(d.start) < len(doc.tokens)


def _closest(doc: Doc, cands: list[EventMention], d: DateMention) -> tuple[EventMention, int, str]:
    scored = [(em, *date_distance(doc, em, d)) for em in cands]
    return min(scored, key=lambda x: x[1])


def date_distance(doc: Doc, em: EventMention, d: DateMention) -> tuple[int, str]:
    """Characters between trigger and date; «…, запланированной на 23 ноября» binds the
    date to the trigger right before it, ahead of any other."""
    em_start, em_stop = doc.tokens[em.hit.first].start, doc.tokens[em.hit.last - 1].stop
    if d.start > em_stop and PLANNED_ON.search(doc.text[max(0, d.start - 30):d.start].rstrip().lower()):
        return d.start - em_stop - 10_000, "date_planned_on"
    return (em_start - d.stop if d.stop <= em_start else d.start - em_stop), "date_nearest"


TARGET_PREPS = frozenset("на до к по с со после от".split())
# «голосование продлится до 9 декабря», «работы продолжатся по 30 ноября»: the end of a span,
# never the date of the happening, whatever its status
END_PREPS = frozenset("до по".split())
RELATIVE_CLAUSE = re.compile(r",\s*(?:котор\w+|где|когда|чь\w+)\b", re.I)


def reported_topic(doc: Doc, em: EventMention) -> bool:
    """«заявление о краже поступило накануне»: the date is the report's, not the theft's."""
    p = prev_word(doc, em.hit.first)
    return p is not None and doc.lemmas[p] in ("о", "об")


def date_preposition(doc: Doc, d: DateMention) -> str | None:
    k = doc.tok_at(d.start) - 1
    return doc.lemmas[k] if k >= 0 and is_word(doc, k) else None


def date_fits(doc: Doc, em: EventMention, d: DateMention, intro: str | None) -> bool:
    """Can ``d`` date ``em``? «утвердила перечень на 2020 год» is not dated 2020, and a
    date inside a relative clause («корабли, которые были захвачены в ноябре») belongs to it."""
    if intro in END_PREPS:
        return False
    if doc.tokens[em.hit.first].text.lower().startswith(PERSON_TRIGGERS):
        return False                    # «протестующие требуют выборов в следующем году»: their demand's date
    if em.status == "happened" and intro in TARGET_PREPS:
        k = doc.tok_at(d.start) - 2
        if not (intro == "на" and k >= 0 and doc.lemmas[k] == "ночь"):     # «в ночь на 17 ноября»
            return False
    return not in_relative_clause_after(doc, doc.tokens[em.hit.first].start, d.start)


def in_relative_clause_after(doc: Doc, trigger: int, at: int) -> bool:
    """Is ``at`` inside a relative clause opened after the trigger? («передала корабли,
    которые были задержаны в ноябре»). A clause between a subject and its verb («Путин,
    чьи миротворцы …, принял участие») leaves the subject in the main clause."""
    return trigger < at and bool(RELATIVE_CLAUSE.search(doc.text[trigger:at]))


def in_embedded_clause(doc: Doc, at: int, trigger: int) -> bool:
    """Is ``at`` inside a relative clause between the subject and the trigger? («Путин, чьи
    миротворцы во главе с генералом Сердюковым …, принял участие в саммите»: not Сердюков)."""
    if at >= trigger:
        return False
    left = doc.text[max(0, at - 200):at]
    opened = [m.end() for m in RELATIVE_CLAUSE.finditer(left)]
    if not opened:
        return False
    sentence_break = max(left.rfind("."), left.rfind("\n"))
    return opened[-1] > sentence_break and "," in doc.text[at:trigger]


def is_dateline(text: str, d: DateMention) -> bool:
    """A date alone on its line («21.11.2023», «10-02-2022, 19:12.») dates the article, not an event."""
    line_start = text.rfind("\n", 0, d.start) + 1
    line_stop = text.find("\n", d.stop)
    line_stop = len(text) if line_stop < 0 else line_stop
    rest = text[line_start:d.start] + text[d.stop:line_stop]
    return not re.search(r"[А-Яа-яЁёA-Za-z]{3,}", rest)


def rule_format(doc: Doc, sent, h: Hit, type_: str) -> tuple[str | None, str | None]:
    lo = doc.tokens[max(sent.first, h.first - WINDOW)].start
    hi = doc.tokens[min(sent.last, h.last + WINDOW) - 1].stop
    window = doc.text[lo:hi]
    for fmt, rx in FORMAT_CUES:
        if rx.search(window):
            if fmt == "phone" and type_ not in ("phone_call", "meeting"):
                continue
            return fmt, f"format_cue_{fmt}"
    if type_ in DEFAULT_FORMAT:
        return DEFAULT_FORMAT[type_], "format_default"
    return None, None


def mentions_in(doc: Doc, sent) -> list[int]:
    return [k for k, (a, b) in enumerate(doc.mention_tok) if sent.first <= a and b <= sent.last]


def contained(doc: Doc, k: int) -> bool:
    m = doc.mentions[k]
    return any(j != k and o.start <= m.start and m.stop <= o.stop and (o.stop - o.start) > (m.stop - m.start)
               for j, o in enumerate(doc.mentions))


def prev_word(doc: Doc, ti: int) -> int | None:
    k = ti - 1
    while k >= 0 and not is_word(doc, k):
        if doc.tokens[k].text in ".!?;:":
            return None
        k -= 1
    return k if k >= 0 else None


def rule_place(doc: Doc, sent, h: Hit, type_: str) -> tuple[str | None, str | None]:
    best = None
    for k in mentions_in(doc, sent):
        m = doc.mentions[k]
        if m.type != "LOC" or contained(doc, k):
            continue
        a, _ = doc.mention_tok[k]
        p = prev_word(doc, a)
        if p is not None and doc.lemmas[p] in ("город", "село", "поселок", "столица", "деревня", "станица"):
            p = prev_word(doc, p)
        if p is None or doc.lemmas[p] not in ("в", "во", "на"):
            continue
        before = prev_word(doc, p)
        if before is not None and doc.lemmas[before] in TOPIC_NOUNS:
            continue
        if attributed_source(doc, sent, a, h):
            continue                    # «сообщили в ГУНП в Харьковской области»: the source's seat
        dist = min(abs(a - h.first), abs(a - h.last))
        if dist > WINDOW:
            continue
        if best is None or dist < best[0]:
            best = (dist, name_of(m))
    return (best[1], "place_in_loc") if best else (None, None)


def attributed_source(doc: Doc, sent, a: int, h: Hit) -> bool:
    """Is token ``a`` in the attribution of the report rather than the report itself
    («как сообщили в отделе полиции в Харьковской области»)? Only when the attribution verb
    does not stand between the trigger and the place and nothing opens a clause between the
    verb of saying and the place."""
    lo = max(sent.first, a - ATTRIBUTION_WINDOW)
    said = [x for x in range(lo, a) if doc.lemmas[x] in ATTRIBUTION]
    if not said or said[-1] < h.first < a:
        return False
    # «сообщили, что в Москве прошел митинг»: a comma or «что» opens the report itself
    return not any(doc.tokens[x].text in ",:;—–" or doc.lemmas[x] == "что" for x in range(said[-1] + 1, a))


def rule_initiator(doc: Doc, sent, h: Hit) -> tuple[Mention | str | None, str | None]:
    for k in range(max(sent.first, h.first - WINDOW - 4), min(sent.last - 1, h.last + WINDOW + 4)):
        if doc.lemmas[k] != "по" or doc.lemmas[k + 1] not in INITIATIVE:
            continue
        after = k + 2
        for j, (a, _) in enumerate(doc.mention_tok):
            if after <= a <= after + 2 and a < sent.last and not any(
                    doc.tokens[x].text in ",.;:" for x in range(after, a)):
                return _widest(doc, j), "initiator_po_iniciative"
        if after < sent.last:
            country = country_from_adjective(doc.lemmas[after])
            if country and after + 1 < sent.last and doc.lemmas[after + 1] in ("сторона", "руководство", "власть"):
                return country, "initiator_country_adjective"
    return None, None


def _widest(doc: Doc, j: int) -> Mention:
    """The longest mention starting where ``j`` starts (a role mention over the name in it)."""
    m = doc.mentions[j]
    same = [o for o in doc.mentions if o.start == m.start]
    return max(same, key=lambda o: o.stop - o.start)


def country_from_adjective(lemma: str) -> str | None:
    for stem, country in countries().adjectives:
        if lemma.startswith(stem):
            return country
    return None


def participant_ok(doc: Doc, k: int, h: Hit, type_: str) -> bool:
    m = doc.mentions[k]
    if contained(doc, k) or {"outlet", "media"} & set(m.flags):
        return False
    if type_ in PEOPLE_ONLY and m.type != "PER" and not (type_ == "court" and "суд" in name_of(m).lower()):
        return False
    if in_relative_clause_after(doc, doc.tokens[h.first].start, m.start) or \
            in_embedded_clause(doc, m.start, doc.tokens[h.first].start):
        return False                    # «экспертов, которые нашли в песнях Егора Крида …»
    a, _ = doc.mention_tok[k]
    p = prev_word(doc, a)
    if m.type == "LOC":
        if not (is_country(m) or name_of(m) in countries().capitals):
            return False
        if after_org(doc, k):
            return False                # «УМВД России», «МИД РФ»: part of the body's name
    if p is not None and doc.lemmas[p] in DESCRIPTOR_NOUNS and m.type == "ORG":
        p = prev_word(doc, p)           # «от партии «Слуга народа»»: the preposition before the descriptor
    if p is not None and doc.lemmas[p] in COMPOUND_PREP_NOUNS:
        pp = prev_word(doc, p)
        if pp is not None and doc.lemmas[pp] in PREPS_OUT:
            return False                # «в рамках ОДКБ», «в ходе переговоров с США»
    if p is not None:
        lp = doc.lemmas[p]
        if lp in PREPS_OUT and not (type_ == "visit" and lp in ("в", "во") and m.type == "LOC"):
            return False
        if m.type != "PER" and (lp in ROLE_NOUNS or doc.lasts[p] in ROLE_NOUNS):
            return False
        lo = max(doc.sents[doc.sent_of[a]].first, a - ATTRIBUTION_WINDOW)
        if any(doc.lemmas[x] in ATTRIBUTION for x in range(lo, a)):
            return False
    if m.type == "ORG" and type_ == "meeting" and h.last <= a <= h.last + 4 and all(
            is_word(doc, x) and pos(doc.tokens[x].text) in ("ADJF", "NOUN", None) for x in range(h.last, a)):
        return False                    # «сессия Совета … ОДКБ»: the body whose meeting it is
    return True


def nominative(doc: Doc, k: int) -> bool:
    a, b = doc.mention_tok[k]
    head = next((x for x in range(a, b) if is_word(doc, x)), a)
    return any("nomn" in p.tag for p in nlp.parses(doc.tokens[head].text))


def after_org(doc: Doc, k: int) -> bool:
    a = doc.mention_tok[k][0]
    return any(b == a and doc.mentions[j].type == "ORG" for j, (_, b) in enumerate(doc.mention_tok))


def capital_as_country(doc: Doc, k: int) -> bool:
    """«переданы Киеву» speaks for Ukraine; «суд Москвы» does not."""
    p = prev_word(doc, doc.mention_tok[k][0])
    return p is None or pos(doc.tokens[p].text) != "NOUN"


def participant_name(m: Mention) -> str:
    name = name_of(m)
    if m.type == "LOC" and name in countries().capitals and not is_country(m):
        return countries().capitals[name]          # «переданы Киеву»: the capital speaks for the country
    return name


def rule_participants(doc: Doc, sent, h: Hit, type_: str, quotes) -> tuple[list[str], str]:
    if (h.trigger.generic or type_ == "public_event") and not any(
            doc.lemmas[k] in PARTICIPATION for k in range(sent.first, sent.last)):
        return [], "participants_not_said"
    ks = [k for k in mentions_in(doc, sent) if participant_ok(doc, k, h, type_)]
    if type_ in SPEAKER_TYPES:
        trig = doc.tokens[h.first].start
        for q in quotes:
            if q.speaker and q.cue_start is not None and q.cue_start <= trig < (q.cue_stop or q.cue_start + 1):
                return [q.speaker], "participants_quote_speaker"
        if type_ == "death" and pos(doc.tokens[h.first].text) == "NOUN":
            # «после смерти артиста Олега Яковлева»: the one who died follows the noun
            after = [k for k in ks if doc.mentions[k].type == "PER" and h.last <= doc.mention_tok[k][0] <= h.last + 3]
            return ([participant_name(doc.mentions[after[0]])], "participants_death_genitive") if after \
                else ([], "participants_none")
        pers = [k for k in ks if doc.mentions[k].type == "PER"] or ks
        if not pers:
            return [], "participants_none"
        # The one who спoke is the subject: «заявил спецпредставитель российского лидера … Богданов».
        pers = [k for k in pers if nominative(doc, k)] or pers
        k = min(pers, key=lambda k: min(abs(doc.mention_tok[k][0] - h.first), abs(doc.mention_tok[k][0] - h.last)))
        return [participant_name(doc.mentions[k])], "participants_nearest_speaker"
    names = []
    for k in ks:
        m = doc.mentions[k]
        if m.type == "LOC" and not is_country(m) and not capital_as_country(doc, k):
            continue
        if nearer_same_type_trigger(doc, sent, h, type_, doc.mention_tok[k][0]):
            continue                    # «к заседанию СМИД, СМО …, и сессии Совета …»: each its own
        n = participant_name(m)
        if n not in names:
            names.append(n)
    return names, "participants_sentence"


def nearer_same_type_trigger(doc: Doc, sent, h: Hit, type_: str, at: int) -> bool:
    """Is another trigger of the same type in this sentence closer to token ``at``?"""
    mine = min(abs(at - h.first), abs(at - (h.last - 1)))
    for o in doc.hits_by_sent.get(h.sent, ()):
        if o is h or o.trigger.type != type_ or o.trigger.generic:
            continue
        if min(abs(at - o.first), abs(at - (o.last - 1))) < mine:
            return True
    return False


def read_mention(doc: Doc, sents, h: Hit, quotes) -> EventMention:
    s = sents[h.sent]
    em = EventMention(h, h.trigger.type, h.trigger.subtype)
    em.doc_span = (doc.tokens[h.first].start, doc.tokens[h.last - 1].stop)
    em.rules.append("trigger:" + " ".join(h.trigger.words))
    em.status, r = rule_status(doc, s, h)
    em.rules.append(r)
    em.format, r = rule_format(doc, s, h, em.type)
    em.rules += [r] if r else []
    em.place, r = rule_place(doc, s, h, em.type)
    em.rules += [r] if r else []
    init, r = rule_initiator(doc, s, h)
    if init is not None:
        em.initiator = init
        em.rules.append(r)
    em.participants, r = rule_participants(doc, s, h, em.type, quotes)
    em.rules.append(r)
    if any(doc.lemmas[k] in ("участие", "участник", "участвовать") for k in range(s.first, s.last)):
        em.rules.append("participation")
    em.background, r = rule_background(doc, s, h)
    em.rules += [r] if r else []
    return em


def rule_background(doc: Doc, sent, h: Hit) -> tuple[bool, str | None]:
    """Is this mention a happening the article refers to rather than reports as today's
    news? Such a mention keeps a date the text gives it but gets no publication date."""
    p = prev_word(doc, h.first)
    person = doc.tokens[h.first].text.lower().startswith(PERSON_TRIGGERS)
    if p is not None and doc.lemmas[p] in BACKGROUND_PREPS and not person:
        return True, "background_temporal_preposition"
    k = before_modifiers(doc, h.first)
    if k is not None and doc.lemmas[k] in ("в", "во"):
        pp = prev_word(doc, k)
        if pp is not None and doc.lemmas[pp] in CHARGE_WORDS:
            return True, "background_charged_with"
    if p is not None and doc.lemmas[p] == "который" or (
            h.first > 0 and doc.tokens[h.first - 1].text == "," and pos(doc.tokens[h.first].text) == "PRTF"):
        return True, "background_relative_clause"      # «рецидивиста, который выманил …», «…, избивших …»
    if attributive_participle(doc, h) and not person:
        return True, "background_participle"           # «уволенных специалистов», «задержанных кораблей»
    window = list(range(sent.first, min(sent.last, sent.first + 3))) + \
        list(range(max(sent.first, h.first - 5), min(sent.last, h.last + 5)))
    if any(doc.lemmas[k] in VAGUE_PAST for k in window):
        return True, "background_vague_past"
    if p is not None and doc.lemmas[p] in BACKGROUND_FRAMES:
        return True, "background_cause_frame"
    if p is not None and doc.lemmas[p] == "рамка":
        return True, "background_in_frame_of"          # «в рамках расследования»
    if p is not None and doc.lemmas[p] in VICTIM_NOUNS:
        return True, "background_victims_of"           # «жертвы домогательства», «в память жертв ДТП»
    if k is not None and doc.lemmas[k] in ("в", "во", "при"):
        pp = prev_word(doc, k)
        if pp is not None and doc.lemmas[pp] in VICTIM_VERBS and pos(doc.tokens[pp].text) == "PRTF":
            return True, "background_victims_of"       # «почтили память погибших в автоавариях»
    if counted(doc, h):
        return True, "background_count"                # «произошло 49 автокатастроф»: a statistic
    if running_total(doc, sent, h):
        return True, "background_running_total"        # «погибло уже 22 человека»
    if on_recent_days(doc, sent):
        return True, "background_vague_past"           # «на днях состоялся Кубок мэра»
    if k is not None and doc.lemmas[k] in ("о", "об"):
        pp = prev_word(doc, k)
        if pp is not None and doc.lemmas[pp] == "дело":
            return True, "background_case_about"       # «по делу о (возможных) злоупотреблениях»
        if narrated(doc, pp):
            return True, "background_narrated"         # «рассказал о встрече», «вспомнил о матче»
    return False, None


def modifier(word: str) -> bool:
    """Can ``word`` be an adjective, participle or numeral? («о прошедшем матче»: pymorphy's
    first reading of «прошедшем» is the noun «прошедшее»)."""
    return any(p.tag.POS in ("ADJF", "PRTF", "NUMR") for p in nlp.parses(word)[:3])


def counted(doc: Doc, h: Hit) -> bool:
    """«49 автокатастроф», «775 дорожно-транспортных происшествий», «пять краж»: happenings
    counted are a statistic over a period, not one happening of the day."""
    tag = nlp.parses(doc.tokens[h.first].text)[0].tag
    if tag.POS != "NOUN" or "plur" not in tag:
        return False
    k = prev_word(doc, h.first)
    for _ in range(3):
        if k is None:
            return False
        t = doc.tokens[k].text
        if t[:1].isdigit() or pos(t) == "NUMR":
            return doc.lemmas[k] not in ("один", "1")
        if not modifier(t):
            return False
        k = prev_word(doc, k)
    return False


def running_total(doc: Doc, sent, h: Hit) -> bool:
    """«погибло уже 22 человека», «заболели уже более ста»: a count so far, not one happening."""
    lo, hi = max(sent.first, h.first - 2), min(sent.last, h.last + 2)
    if not any(doc.lemmas[k] == "уже" for k in range(lo, hi)):
        return False
    return any(doc.tokens[k].text[:1].isdigit() or (is_word(doc, k) and pos(doc.tokens[k].text) == "NUMR")
               for k in range(h.last, min(sent.last, h.last + 5)))


def on_recent_days(doc: Doc, sent) -> bool:
    """«на днях» dates nothing: a few days ago, which."""
    return any(doc.lemmas[k] == "на" and doc.tokens[k + 1].text.lower() == "днях"
               for k in range(sent.first, sent.last - 1))


def before_modifiers(doc: Doc, i: int) -> int | None:
    """The word before token ``i``, stepping back over up to three modifiers
    («в шести кражах», «о возможных злоупотреблениях», «о контрольном матче»)."""
    k = prev_word(doc, i)
    for _ in range(3):
        if k is None or doc.lemmas[k] in ("в", "во", "о", "об") or not modifier(doc.tokens[k].text):
            break
        k = prev_word(doc, k)
    return k


def narrated(doc: Doc, k: int | None) -> bool:
    """Is token ``k`` (or one of the two words before it) a verb of telling? A happening
    somebody tells about («рассказал в интервью о встрече») is the story's past, not its news."""
    for _ in range(3):
        if k is None:
            return False
        if doc.lemmas[k] in NARRATION_VERBS:
            return True
        k = prev_word(doc, k)
    return False


def attributive_participle(doc: Doc, h: Hit) -> bool:
    """A full participle trigger qualifies a noun («уволенных врачей», «задержанных в
    проливе кораблей»): the deed is a property of that noun, reported as done before."""
    return h.last - h.first == 1 and pos(doc.tokens[h.first].text) == "PRTF"


# --- 3. merging mentions of one happening ---------------------------------------------------------


@dataclass
class Draft:
    type: str
    generic: bool
    mentions: list[EventMention]
    status: str
    subtype: str | None = None
    date: DateMention | None = None
    place: str | None = None
    format: str | None = None
    initiator: Mention | str | None = None
    participants: list[str] = field(default_factory=list)

    @property
    def lemmas(self) -> set[str]:
        return {m.hit.trigger.words[0] for m in self.mentions}

    @property
    def last_sent(self) -> int:
        return self.mentions[-1].hit.sent


# What a generic word may refer to: «мероприятие» is something organised, «инцидент»,
# «случай», «трагедия» something that befell.
ORGANISED = frozenset({"meeting", "public_event", "visit", "protest", "election", "sports_match",
                       "military_exercise", "phone_call"})


def generic_fits(word: str, type_: str) -> bool:
    return (type_ in ORGANISED) == (word == "мероприятие")


def earlier(em: EventMention) -> bool:
    """Is the mention set in the vague past («ранее», «недавно», «на днях») or a count of
    happenings («49 автокатастроф»)? Such a mention recalls earlier happenings or sums them
    up; it is not the one the article reports."""
    return "background_vague_past" in em.rules or "background_count" in em.rules


def compatible(d: Draft, em: EventMention) -> bool:
    generic = em.hit.trigger.generic
    if generic and not d.generic and not generic_fits(em.hit.trigger.words[0], d.type):
        return False
    if d.generic and not generic and not any(generic_fits(m.hit.trigger.words[0], em.type) for m in d.mentions):
        return False
    if earlier(em) != any(earlier(m) for m in d.mentions) and not generic and not d.generic:
        return False                    # «…прошел чемпионат мира. Напомним, ранее … на чемпионате России»
    if not (d.type == em.type or generic or d.generic):
        return False
    if d.status != em.status:
        return False
    if d.date and em.date and d.date.value and em.date.value and not same_date(d.date.value, em.date.value):
        return False
    if d.place and em.place and d.place != em.place:
        return False
    if em.type in SPEAKER_TYPES and d.participants and em.participants \
            and not set(d.participants) & set(em.participants):
        return False
    return True


def same_date(a: str, b: str) -> bool:
    """Equal at the coarser precision: «в этом году» (2019) agrees with «13 ноября» (2019-11-13)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def merge_into(d: Draft, em: EventMention) -> None:
    near = any(abs(m.hit.sent - em.hit.sent) <= 2 for m in d.mentions) or "participation" in em.rules
    if not near:
        em.participants = []            # a name far down the article is rarely this event's party
    d.mentions.append(em)
    if d.generic and not em.hit.trigger.generic:
        d.type, d.subtype, d.generic = em.type, em.subtype, False
    if d.date is None or (not d.date.value and em.date is not None and em.date.value):
        d.date = em.date                # the first stated date stays (agreeing later ones may differ in precision)
    d.place = d.place or em.place
    if em.format and (d.format is None or d.format == DEFAULT_FORMAT.get(d.type)):
        d.format = em.format
    d.initiator = better_initiator(d.initiator, em.initiator)
    for p in em.participants:
        if p not in d.participants:
            d.participants.append(p)


def better_initiator(a, b):
    """A named person is a more specific initiator than a country or a body."""
    if a is None:
        return b
    if b is None:
        return a
    return b if isinstance(b, Mention) and b.type == "PER" and not (isinstance(a, Mention) and a.type == "PER") else a


def anchored(em: EventMention) -> bool:
    return em.date is not None or em.place is not None


def new_draft(em: EventMention) -> Draft:
    return Draft(em.type, em.hit.trigger.generic, [em], em.status, em.subtype, em.date,
                 em.place, em.format, em.initiator, list(em.participants))


def merge(ems: list[EventMention]) -> list[Draft]:
    """Two passes: mentions with a date or place of their own first (they decide which
    happenings there are), then the bare ones join the one they most likely name: same
    trigger word first, else the nearest before them, else the nearest after."""
    drafts: list[Draft] = []
    # A quote may report a dated happening itself («18 ноября состоялась передача …», says
    # the ministry); undated words in quotes only add to what the article reports.
    quoted = [e for e in ems if e.hit.quoted and e.date is None]
    ems = [e for e in ems if not e.hit.quoted or e.date is not None]
    for e in ems:
        if e.hit.quoted:
            e.participants = []
    for em in (e for e in ems if anchored(e)):
        target = next((d for d in reversed(drafts) if compatible(d, em)), None)
        if target is None:
            drafts.append(new_draft(em))
        else:
            merge_into(target, em)
    for em in (e for e in ems if not anchored(e)):
        target = pick_draft(drafts, em)
        if target is None:
            drafts.append(new_draft(em))
        else:
            merge_into(target, em)
    for em in quoted:
        target = pick_draft(drafts, em)
        if target is not None:
            em.rules.append("joined_from_quote")
            em.participants = []        # names around a quote are its speaker's, not the event's
            merge_into(target, em)
    drafts.sort(key=lambda d: min(m.doc_span[0] for m in d.mentions))
    for d in drafts:
        d.mentions.sort(key=lambda m: m.doc_span[0])
    return drafts


def same_family(a: str, b: str) -> bool:
    """«передала» and «передача», «встреча» and «встретились»: one word family (a shared stem)."""
    n = min(len(a), len(b), 5)
    return a == b or (n >= 5 and a[:n] == b[:n])


def pick_draft(drafts: list[Draft], em: EventMention) -> Draft | None:
    cands = [d for d in drafts if compatible(d, em)]
    if not cands:
        return None
    at = em.doc_span[0]

    def distance(d: Draft) -> tuple[int, int]:
        before = [at - m.doc_span[0] for m in d.mentions if m.doc_span[0] < at]
        return (0, min(before)) if before else (1, min(m.doc_span[0] - at for m in d.mentions))
    same = [d for d in cands if any(same_family(em.hit.trigger.words[0], w) for w in d.lemmas) and any(
        abs(m.hit.sent - em.hit.sent) <= SAME_WORD_SENTENCES for m in d.mentions)]
    if same:
        return min(same, key=distance)
    before = [d for d in cands if distance(d)[0] == 0]
    if before:
        return min(before, key=distance)
    soon = [d for d in cands if any(0 <= m.hit.sent - em.hit.sent <= 1 for m in d.mentions)]
    return min(soon, key=distance) if soon else None


# --- 4. article-level defaults ---------------------------------------------------------------------


# Web pages scraped with their metadata: a line that is a link (an article or logo URL) is no
# sentence of the lead, however many word-like pieces it has
URL = re.compile(r"https?://|www\.|\.(?:html?|png|jpe?g|php)\b", re.I)


def lead_end(doc: Doc, sents) -> int:
    """Index of the last lead sentence: the first two with some substance."""
    seen = 0
    for si, s in enumerate(sents):
        # words with letters: a timestamp line («2019-11-18T15:14:54+03:00») has only numbers
        if sum(1 for k in range(s.first, s.last) if doc.tokens[k].text[:1].isalpha()) >= MIN_LEAD_TOKENS and \
                not URL.search(doc.text[s.start:s.stop]):
            seen += 1
            if seen == LEAD_SENTENCES:
                return si
    return len(sents) - 1


def share_place_in_series(drafts: list[Draft]) -> None:
    """Planned events named together («заседанию … и сессии …») share a place stated for one."""
    for d in drafts:
        if d.place or d.status != "planned":
            continue
        for o in drafts:
            if o is not d and o.place and o.status == d.status and o.type == d.type and \
                    {m.hit.sent for m in o.mentions} & {m.hit.sent for m in d.mentions}:
                d.place = o.place
                d.mentions[0].rules.append("place_shared_in_series")
                break


DATELINE_HEAD = 300      # characters at the top of an article where its dateline stands
DATELINE_LAG_DAYS = 7    # a dateline this much older than publication is the report's own day


def report_day(doc: Doc, dates: list[DateMention], published) -> str | None:
    """The day the article's dateline gives («МОСКВА, 17 ноя — РИА Новости», a date alone on
    its line), when it is a few days before publication: a report of the previous day's news
    reposted later is news of its dateline's day, not of the repost's."""
    if published is None:
        return None
    pub = published.date()
    for d in dates:
        if d.start > DATELINE_HEAD:
            break
        if d.precision != "day" or not d.value or d.end:
            continue
        if not (d.rule == "dateline_day_month" or is_dateline(doc.text, d)):
            continue
        from datetime import date as _date
        lag = (pub - _date.fromisoformat(d.value)).days
        if 0 < lag <= DATELINE_LAG_DAYS:
            return d.value
        return None
    return None


def to_event(d: Draft, published, lead: int, reported: str | None = None) -> Event:
    first = d.mentions[0]
    rules = [r for m in d.mentions for r in m.rules]
    date, precision = None, None
    if d.date is not None and d.date.value:
        date, precision = d.date.value, d.date.precision
    elif d.date is None and d.status == "happened" and published is not None and first.hit.sent <= lead \
            and not first.background:
        if reported:
            date, precision = reported, "day"
            rules.append("date_dateline")
        else:
            date, precision = published.date().isoformat(), "day"
            rules.append("date_published")
    place = d.place if d.format not in ("videoconference", "phone") else None
    initiator = d.initiator
    init_name = name_of(initiator) if isinstance(initiator, Mention) else initiator
    participants = list(d.participants)
    if isinstance(initiator, Mention) and initiator.type == "PER" and d.type in ("meeting", "phone_call", "visit") \
            and init_name not in participants:
        participants.append(init_name)
    if d.subtype:
        rules.insert(0, "subtype:" + d.subtype)     # until records.Event has a field for it
    return Event(type=d.type, trigger=Span(*first.doc_span), date=date, precision=precision, place=place,
                 format=d.format, status=d.status, initiator=init_name, participants=participants,
                 evidence=[Span(*m.doc_span) for m in d.mentions], rule=";".join(dict.fromkeys(rules)))


# --- entry points ---------------------------------------------------------------------------------


def extract(ctx) -> list[Event]:
    doc = build_doc(ctx)
    sents = doc.sents
    hits = find_triggers(doc, sents)
    for h in hits:
        doc.hits_by_sent.setdefault(h.sent, []).append(h)
    ems = [read_mention(doc, sents, h, ctx.analysis.quotes) for h in hits]
    attach_dates(doc, ems, ctx.analysis.dates, sents, ctx.published)
    drafts = merge(ems)
    share_place_in_series(drafts)
    lead = lead_end(doc, sents)
    # A generic word («инцидент», «случай произошел») that named no reported event is none.
    reported = report_day(doc, ctx.analysis.dates, ctx.published)
    return [to_event(d, ctx.published, lead, reported) for d in drafts if d.type != "-"]


def about(analysis, event: Event) -> list[str]:
    """Names mentioned in the sentences of an event's evidence (participants, places,
    and the body whose session it was: «сессия … ОДКБ»), for timelines and indexes."""
    names: list[str] = []
    spans = [s for s in analysis.sentences if any(s.start <= ev.start < s.stop for ev in event.evidence)]
    for m in analysis.mentions:
        if any(s.start <= m.start < s.stop for s in spans) and m.kind != "pronoun":
            n = name_of(m)
            if n not in names:
                names.append(n)
    return names


STALE_DAYS = 14     # a headline event this much older than its dateline suggests a wrong dateline


def dateline_warning(events: list[Event], published) -> str | None:
    """Seed 004 reports the 10 January session under a 10-02-2022 header: say so."""
    if not events or published is None:
        return None
    main = min(events, key=lambda e: e.trigger.start)
    if main.status != "happened" or main.precision != "day" or not main.date or "date_published" in main.rule:
        return None
    from datetime import date as _date
    days = (published.date() - _date.fromisoformat(main.date)).days
    if days > STALE_DAYS:
        return (f"events: the main event is dated {main.date}, {days} days before the publication date "
                f"{published.date().isoformat()}; the dateline may be wrong")
    return None


def annotate(ctx) -> None:
    """Stage "events": fill ``ctx.analysis.events`` (and warn about a suspicious dateline)."""
    ctx.analysis.events = extract(ctx)
    warning = dateline_warning(ctx.analysis.events, ctx.published)
    if warning:
        ctx.analysis.warnings.append(warning)
