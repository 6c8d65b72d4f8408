"""The rule layer over Natasha's NER spans: cut, drop, retype, extend and add names.

Natasha's news model is good at people and places and weaker where news text and
factRuEval's conventions disagree with it: it runs spans across brackets, bullets and
quotes («Джошуа Вольфа (Joshua Wolf)», «ОАО «Газпром»»), tags boilerplate and bare role
words («РЕКЛАМА 822 Читайте», «Президент»), swallows a verb («Организации выступили единым
фронтом»), types unions and stations the wrong way (ЕС as LOC, МКС as ORG), cuts long
organisation names in two («Совета коллективной безопасности» + «ОДКБ») and misses some
repeats of a name it found elsewhere in the article.

Candidates are token ranges ``[i, j)`` over ``nlp.Parsed.tokens``. Every rule is a small
named function; a candidate's ``rule`` lists the model and each rule that changed it
(«natasha+split_punct+gazetteer»), so a mention can say why it exists. Everything here
is pure; the lexicons in ``svodka/data/ner`` load once per process.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import razdel

from . import nlp

TYPES = ("PER", "LOC", "ORG")


@dataclass(slots=True)
class Cand:
    i: int                      # first token
    j: int                      # after the last token
    type: str
    rule: str
    flags: tuple[str, ...] = ()


def _add_rule(c: Cand, rule: str, **changes) -> Cand:
    return replace(c, rule=f"{c.rule}+{rule}", **changes)


def _add_flag(flags: tuple[str, ...], flag: str) -> tuple[str, ...]:
    return flags if flag in flags else flags + (flag,)


# ---------------------------------------------------------------- lexicons


@dataclass(frozen=True, slots=True)
class Entry:
    surface: str
    type: str
    flags: tuple[str, ...]
    normal: str


@dataclass(frozen=True, slots=True)
class Lexicons:
    exact: dict[tuple[str, ...], Entry]     # abbreviations and Latin names: token texts
    lemmas: dict[tuple[str, ...], Entry]    # word names: token lemmas
    first: frozenset[str]                   # first token text or lemma of any entry
    longest: int
    legal: frozenset[str]                   # ОАО, ИА: dropped before a name
    kinds: frozenset[str]                   # lemmas «компания», «агентство»: dropped before a quoted name
    roles: frozenset[str]
    boilerplate: frozenset[str]
    common: frozenset[str]                  # «СМИ», «ВВП»: abbreviations that name no one
    # first three letters of every lemma above: a word whose own first letters are not
    # among them cannot match, so most words are never sent to the morphology (speed)
    prefixes: frozenset[str]


def _rows(name: str) -> Iterable[list[str]]:
    text = resources.files("svodka").joinpath("data", "ner", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _word_tokens(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in razdel.tokenize(text))


def _is_exact(surface: str) -> bool:
    """Abbreviations and Latin names match as written; Russian words match by lemma."""
    letters = [ch for ch in surface if ch.isalpha()]
    return all(ch.isupper() for ch in letters) or all("a" <= ch.lower() <= "z" for ch in letters)


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    exact: dict[tuple[str, ...], Entry] = {}
    lemmas: dict[tuple[str, ...], Entry] = {}
    for surface, kind, flags, normal, _source in _rows("names.tsv"):
        entry = Entry(surface, kind, tuple(f for f in flags.split(",") if f), normal)
        toks = _word_tokens(surface)
        if _is_exact(surface):
            exact[toks] = entry
        else:
            lemmas[tuple(nlp.lemma(t) for t in toks)] = entry
    legal, kinds = set(), set()
    for word, kind, _source in _rows("descriptors.tsv"):
        (legal if word.isupper() else kinds).add(word if word.isupper() else nlp.lemma(word))
    stop: dict[str, set[str]] = {"role": set(), "boilerplate": set(), "common": set()}
    for word, kind, _source in _rows("stopwords.tsv"):
        stop[kind].add(word)
    first = frozenset([k[0] for k in exact] + [k[0] for k in lemmas])
    longest = max(len(k) for k in list(exact) + list(lemmas))
    words = [k[0] for k in lemmas] + list(kinds) + [w for ws in stop.values() for w in ws]
    return Lexicons(exact, lemmas, first, longest, frozenset(legal), frozenset(kinds),
                    frozenset(stop["role"]), frozenset(stop["boilerplate"]), frozenset(stop["common"]),
                    frozenset(prefix(w) for w in words))


def prefix(word: str) -> str:
    return word[:3].lower().replace("ё", "е")


def lexicon_surface(words: tuple[str, ...]) -> str | None:
    """The nominative a lexicon name is listed under, for a declined mention of it
    («Голоса Америки» → «Голос Америки», «Известия» stays plural). Abbreviations: None."""
    lex = lexicons()
    if not words or prefix(words[0]) not in lex.prefixes:
        return None
    entry = lex.lemmas.get(tuple(nlp.lemma(w) for w in words))
    return entry.surface if entry is not None else None


# ---------------------------------------------------------------- tokens


QUOTES = frozenset('«»„“”"\'‘’‹›')
OPENING = frozenset('«„‹"')
SPLITTERS = frozenset("()[]{}•·,;|/…")
DASHES = frozenset("-–—")


class Toks:
    """The article's tokens as the rules need them: texts, offsets, sentence starts, lemmas."""

    def __init__(self, parsed: nlp.Parsed) -> None:
        self.text = parsed.text
        self.texts = [t.text for t in parsed.tokens]
        self.starts = [t.start for t in parsed.tokens]
        self.stops = [t.stop for t in parsed.tokens]
        # a heading or list item starts a line without ending a sentence for razdel: its
        # first word is capitalised by position, like a sentence's
        self.sent_first = {s.first for s in parsed.sents}
        self.sent_first.update(k for k in range(1, len(self.texts))
                               if "\n" in self.text[self.stops[k - 1]:self.starts[k]])
        self._lemmas: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def lemma(self, k: int) -> str:
        got = self._lemmas.get(k)
        if got is None:
            got = self._lemmas[k] = nlp.lemma(self.texts[k])
        return got

    def lex_lemma(self, k: int) -> str:
        """The lemma when the word may be in a lexicon, else "" (no morphology call)."""
        return self.lemma(k) if prefix(self.texts[k]) in lexicons().prefixes else ""

    def index(self, start: int, stop: int) -> tuple[int, int] | None:
        """Token range covering characters [start, stop), or None when it holds no token."""
        i = bisect.bisect_left(self.stops, start + 1)
        j = bisect.bisect_left(self.starts, stop)
        return (i, j) if i < j else None

    def gap(self, k: int) -> str:
        """The characters between token k-1 and token k."""
        return self.text[self.stops[k - 1]:self.starts[k]] if k > 0 else ""

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.starts[i]:self.stops[j - 1]]


def is_word(tok: str) -> bool:
    return any(ch.isalpha() for ch in tok)


def is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def is_abbr(tok: str) -> bool:
    """ОДКБ, СМИД, FIDE: two or more letters, all capitals."""
    letters = [ch for ch in tok if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


_ABBR_CASE = re.compile(r"^([A-ZА-ЯЁ]{2,})(а|у|е|ом|ы|ов|ам|ах|ами)$")


def abbr_stem(tok: str) -> str | None:
    """«МИДа» → «МИД», «ОДКБ» → «ОДКБ»: an abbreviation with an optional case ending."""
    if is_abbr(tok):
        return tok
    m = _ABBR_CASE.match(tok)
    return m.group(1) if m else None


def is_latin(tok: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in tok) and not any("а" <= ch.lower() <= "я" for ch in tok)


NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"})


def is_common_word(tok: str) -> bool:
    """A dictionary word that is not a name in any reading («Организации», «Мир», «Почта»)."""
    parses = nlp.parses(tok)
    if not parses or not parses[0].is_known:
        return False
    return not any(NAME_TAGS & p.tag.grammemes for p in parses)


def is_verb(tok: str) -> bool:
    """Lower-case finite verbs, infinitives and gerunds: a name never runs through one."""
    if not tok[:1].islower():
        return False
    pos = nlp.parses(tok)[0].tag.POS
    return pos in ("VERB", "INFN", "GRND")


# ---------------------------------------------------------------- candidates from the model


def from_model(toks: Toks, spans: list[nlp.NerSpan]) -> list[Cand]:
    out = []
    for span in spans:
        at = toks.index(span.start, span.stop)
        if at is not None and span.type in TYPES:
            out.append(Cand(at[0], at[1], span.type, "natasha"))
    return out


# ---------------------------------------------------------------- rules that cut and drop
# Each takes one candidate and returns the pieces to keep (maybe none, maybe itself).


def _pieces(c: Cand, breaks: list[int], rule: str) -> list[Cand]:
    """Cut c at the tokens in ``breaks`` (the break tokens themselves are dropped)."""
    out, start = [], c.i
    for k in breaks + [c.j]:
        if k > start:
            out.append(_add_rule(c, rule, i=start, j=k))
        start = k + 1
    return out


def _known_place(tok: str) -> bool:
    return any(p.is_known and "Geox" in p.tag.grammemes for p in nlp.parses(tok))


def split_punct(c: Cand, toks: Toks) -> list[Cand]:
    """Brackets, bullets, commas and line breaks end a name: «Джошуа Вольфа (Joshua Wolf)»."""
    breaks = [k for k in range(c.i, c.j) if toks.texts[k] in SPLITTERS]
    # a line break inside a span joins a heading to the next line: cut before that token
    newline = [k for k in range(c.i + 1, c.j) if "\n" in toks.gap(k)]
    if not breaks and not newline:
        return [c]
    out: list[Cand] = []
    for piece in _pieces(c, breaks, "split_punct"):
        if piece.type == "PER" and all(_known_place(w) for w in toks.texts[piece.i:piece.j] if is_word(w)):
            piece = replace(piece, type="LOC")     # «Александр Мелащенко (Словакия)»
        cuts = [k for k in newline if piece.i < k < piece.j]
        start = piece.i
        for k in cuts + [piece.j]:
            out.append(replace(piece, i=start, j=k))
            start = k
    return out


def drop_descriptor(c: Cand, toks: Toks) -> list[Cand]:
    """Legal forms and kind words before a name are not part of it: «ОАО «Газпром»», «ИА Regnum»,
    «Концерн «Майкрософт»» (factRuEval's org_name is the name alone)."""
    lex = lexicons()
    k = c.i
    while k < c.j - 1 and (toks.texts[k] in lex.legal or (toks.lex_lemma(k) in lex.kinds and (
            toks.texts[k + 1] in QUOTES or is_latin(toks.texts[k + 1])))):
        k += 1
    if k == c.i:
        return [c]
    nxt = toks.texts[k]
    if nxt in QUOTES or is_latin(nxt) or toks.texts[k - 1] in lex.legal:
        return [_add_rule(c, "drop_descriptor", i=k)]
    return [c]


def split_quotes(c: Cand, toks: Toks) -> list[Cand]:
    """Quote marks end a name: «Русской службе «Голоса Америки»» is two names."""
    breaks = [k for k in range(c.i, c.j) if toks.texts[k] in QUOTES and not _apostrophe(toks, k)]
    return _pieces(c, breaks, "split_quotes") if breaks else [c]


def _apostrophe(toks: Toks, k: int) -> bool:
    """«Christie's», «O'Neil»: a quote mark between letters with no space is part of a word."""
    return (0 < k < len(toks) - 1 and toks.gap(k) == "" and toks.gap(k + 1) == ""
            and toks.texts[k - 1][-1:].isalpha() and toks.texts[k + 1][:1].isalpha())


def trim_edges(c: Cand, toks: Toks) -> list[Cand]:
    """Punctuation, dashes and bare numbers at either end are not part of a name."""
    i, j = c.i, c.j
    while i < j and not is_word(toks.texts[i]) and not (i + 1 < j and toks.gap(i + 1) == ""
                                                         and toks.texts[i].isdigit()):
        i += 1                    # «3Com» keeps its digit, «822 Читайте» does not
    while j > i and not is_word(toks.texts[j - 1]):
        j -= 1
    if (i, j) == (c.i, c.j):
        return [c]
    return [_add_rule(c, "trim_edges", i=i, j=j)] if i < j else []


def drop_stopwords(c: Cand, toks: Toks) -> list[Cand]:
    """Boilerplate words split a span wherever they are («РЕКЛАМА 822 Читайте»); role nouns are
    dropped at its start («Президент», «Супруга»): resolution handles roles, they are no names."""
    lex = lexicons()
    breaks = [k for k in range(c.i, c.j) if toks.lex_lemma(k) in lex.boilerplate]
    pieces = _pieces(c, breaks, "drop_boilerplate") if breaks else [c]
    out = []
    for p in pieces:
        i = p.i
        while i < p.j and toks.lex_lemma(i) in lex.roles and not is_abbr(toks.texts[i]):
            i += 1
        if i < p.j:
            out.append(p if i == p.i else _add_rule(p, "drop_role", i=i))
    return out


def cut_at_verb(c: Cand, toks: Toks) -> list[Cand]:
    """A span running through a verb is a sentence fragment: keep what comes before it."""
    for k in range(c.i, c.j):
        if is_verb(toks.texts[k]):
            return [_add_rule(c, "cut_at_verb", j=k)] if k > c.i else []
    return [c]


def drop_nonname(c: Cand, toks: Toks) -> list[Cand]:
    """No capital, no name: a span needs a capitalised word, an abbreviation or Latin.
    A sentence-initial single dictionary word that is no name in any reading
    («Организации ...», «Почта ...») is capitalised only by its position."""
    words = toks.texts[c.i:c.j]
    if not any(is_cap(w) or is_latin(w) for w in words if is_word(w)):
        return []
    if c.j - c.i == 1 and c.i in toks.sent_first and is_common_word(words[0]) and (
            c.type != "PER" or nlp.parses(words[0])[0].tag.POS not in ("NOUN", None)):
        return []                 # «Кивнула», «Еще» opening a sentence are no person either
    if c.j - c.i == 1 and not any(ch.isalpha() for ch in words[0][:1]):
        return []
    if c.j - c.i == 1 and toks.lex_lemma(c.i) in lexicons().common:
        return []
    return [c]


def _has_tag(tok: str, tag: str, share: float = 0.3) -> bool:
    return sum(p.score for p in nlp.parses(tok) if tag in p.tag.grammemes) >= share


def retype_person(c: Cand, toks: Toks) -> list[Cand]:
    """«Гата Камский», «Лонгин Клинский» typed LOC or ORG: a first name followed by a
    surname with no place or organisation reading is a person."""
    if c.type == "PER" or not 2 <= c.j - c.i <= 3:
        return [c]
    words = toks.texts[c.i:c.j]
    if not all(is_cap(w) and w.replace("-", "").isalpha() for w in words):
        return [c]
    surname = _has_tag(words[-1], "Surn") or (GEO_ADJ.search(words[-1].lower()) is not None
                                               and nlp.parses(words[-1])[0].tag.POS == "ADJF")
    if _has_tag(words[0], "Name", 0.5) and surname and not any(
            _has_tag(w, "Geox", 0.1) or _has_tag(w, "Orgn", 0.1) for w in words):
        return [_add_rule(c, "retype_person", type="PER")]
    return [c]


# kinds of body that name no one on their own: «Председатель Правительства РФ», «обратился в
# Полицию» — capitalised out of respect, they are descriptors (factRuEval's org_descr), not
# names; a body is named when a name goes with it («Правительство Москвы» keeps «Москвы»)
GENERIC_BODIES = frozenset({"правительство", "кабинет", "парламент", "совет", "фонд", "служба",
                            "комитет", "комиссия", "полиция", "милиция", "администрация",
                            "министерство", "ведомство", "суд", "прокуратура", "мэрия", "армия"})


def drop_generic_body(cands: list[Cand], toks: Toks) -> list[Cand]:
    """A lone capitalised kind of body («Правительства», «Полиция») is no organisation name.
    Runs after the joins, so a body they named stays («Совета» + «при Президенте РФ ...»);
    quoted, it is a name («фонд «Совет»»)."""
    out = []
    for c in cands:
        if (c.type == "ORG" and c.j - c.i == 1 and not is_abbr(toks.texts[c.i])
                and not (c.i > 0 and toks.texts[c.i - 1] in OPENING)
                and toks.lemma(c.i) in GENERIC_BODIES):
            continue
        out.append(c)
    return out


def retype_org_word(c: Cand, toks: Toks) -> list[Cand]:
    """«Оба болида Феррари»: a single word the dictionary knows only as an organisation name
    (no first name, surname or place reading) is an organisation, whatever the model typed.
    Abbreviations are left to the lexicon and the KB («ЕС»)."""
    if c.type == "ORG" or c.j - c.i != 1 or abbr_stem(toks.texts[c.i]) is not None:
        return [c]
    parses = nlp.parses(toks.texts[c.i])
    org = sum(p.score for p in parses if p.is_known and "Orgn" in p.tag.grammemes)
    if org > 0.5 and not any((NAME_TAGS - {"Orgn", "Abbr", "Trad"}) & p.tag.grammemes for p in parses):
        return [_add_rule(c, "retype_org_word", type="ORG")]
    return [c]


CUT_RULES: list[Callable[[Cand, Toks], list[Cand]]] = [
    split_punct, drop_descriptor, split_quotes, trim_edges, drop_stopwords, cut_at_verb,
    trim_edges, drop_nonname, retype_person, retype_org_word,
]


# ---------------------------------------------------------------- gazetteer


@dataclass(slots=True)
class Match:
    i: int
    j: int
    entry: Entry


def gazetteer_matches(toks: Toks) -> list[Match]:
    """Lexicon names in the text: abbreviations as written (case ending allowed: «МИДа»),
    word names by lemmas with a capital first letter («Голоса Америки», «Евросоюзом»)."""
    lex = lexicons()
    out: list[Match] = []
    k, n = 0, len(toks)
    while k < n:
        tok = toks.texts[k]
        best: Match | None = None
        if is_cap(tok) or is_latin(tok):
            stem = abbr_stem(tok) or tok
            if stem in lex.first or toks.lex_lemma(k) in lex.first:
                for size in range(min(lex.longest, n - k), 0, -1):
                    words = tuple(toks.texts[k:k + size])
                    entry = lex.exact.get((stem,) + words[1:])
                    if entry is None and (size > 1 or not is_abbr(tok)):
                        entry = lex.lemmas.get(tuple(toks.lemma(x) for x in range(k, k + size)))
                    if entry is not None:
                        best = Match(k, k + size, entry)
                        break
        if best is not None:
            out.append(best)
            k = best.j
        else:
            k += 1
    return out


def apply_gazetteer(cands: list[Cand], matches: list[Match], toks: Toks) -> list[Cand]:
    """A lexicon name retypes a candidate of exactly its tokens, replaces candidates it
    covers («Америки» inside «Голоса Америки») and fills gaps; a longer model span that
    contains it («Совет коллективной безопасности ОДКБ») stays as it is."""
    owner: dict[int, Cand] = {k: c for c in cands for k in range(c.i, c.j)}
    dead: set[int] = set()
    added: list[Cand] = []
    for m in matches:
        over = list({id(c): c for k in range(m.i, m.j) if (c := owner.get(k)) is not None}.values())
        if any(c.i < m.i or c.j > m.j for c in over):
            continue                      # a longer or crossing model span: trust the model
        flags = m.entry.flags
        base = over[0] if over else None
        dead.update(id(c) for c in over)
        kind = m.entry.type
        if "residence" in flags and m.i > 0 and toks.texts[m.i - 1].lower() in LOCATIVE:
            kind = "LOC"        # «в Белом доме»: the building, a place (resolution decides
                                # whether it stands for the administration: «в Кремле заявили»)
        if base is not None and (base.i, base.j) == (m.i, m.j):
            rule = base.rule if base.type == kind else f"{base.rule}+gazetteer"
            added.append(Cand(m.i, m.j, kind, rule, tuple(sorted(set(base.flags) | set(flags)))))
        else:
            added.append(Cand(m.i, m.j, kind, "gazetteer", flags))
    return [c for c in cands if id(c) not in dead] + added


# ---------------------------------------------------------------- the knowledge base


@lru_cache(maxsize=1)
def knowledge():
    """svodka.kb (engineer C2's knowledge base) when this build has it, else None."""
    try:
        from . import kb
    except ImportError:
        return None
    return kb.load()


# KB flags a mention carries over; «media» is what INTERFACES and resolution call an outlet
KB_FLAGS = {"country": "country", "capital": "capital", "city": "city", "region": "region",
            "intl": "intl", "media": "outlet", "state_body": "state_body", "party": "party",
            "residence": "residence"}


def _kb_hits(toks: Toks, c: Cand):
    base = knowledge()
    if base is None:
        return ()
    return base.lookup(toks.span_text(c.i, c.j))


def kb_types(cands: list[Cand], toks: Toks) -> list[Cand]:
    """Type and flags from the knowledge base: a mention the KB knows as one type only takes
    that type (the model's «ЕС» as LOC, «Рейтер» as PER) and its flags (country, capital,
    outlet...). Persons are never retyped (the KB finds people by surname alone), nor is a
    residence in a place phrase («в Кремле»)."""
    out = []
    for c in cands:
        hits = [e for e in _kb_hits(toks, c) if e.type != "PER"] if c.type != "PER" else []
        types = {e.type for e in hits}
        # the text's own cue beats the KB («агентство «Москва»» is an agency, not the city)
        if len(types) == 1 and "residence" not in c.flags and _cued_type(c, toks) != c.type:
            kind = types.pop()
            flags = c.flags
            for e in hits:
                for f in e.flags:
                    if f in KB_FLAGS:
                        flags = _add_flag(flags, KB_FLAGS[f])
            rule = c.rule if kind == c.type else f"{c.rule}+kb"
            c = replace(c, type=kind, flags=flags, rule=rule)
        out.append(c)
    return out


# kinds of organisation whose name follows in quotes: «газета «Ведомости»», «движение
# «Левый фронт»»; works (фильм, книга, песня) are not organisations and are not listed
ORG_KINDS = frozenset({"компания", "корпорация", "концерн", "холдинг", "агентство", "агенство",
                       "банк", "газета", "журнал", "издание", "издательство", "телеканал",
                       "радиостанция", "телекомпания", "партия", "движение", "организация",
                       "объединение", "союз", "фонд", "клуб", "команда", "группа", "ансамбль",
                       "театр", "завод", "фабрика", "предприятие", "общество", "ассоциация",
                       "федерация", "центр", "институт", "университет", "портал", "сайт", "сеть",
                       "оао", "зао", "ооо", "пао", "ао", "гуп", "фгуп", "иа", "ид", "риа"})


def quoted_org_names(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«газета «Ведомости»», «ОАО «Газпром»»: a quoted name after a kind of organisation is
    an organisation; what the model found inside the quotes («Америки» in «Голос Америки»)
    gives way to it."""
    owner: dict[int, Cand] = {k: c for c in cands for k in range(c.i, c.j)}
    dead: set[int] = set()
    added: list[Cand] = []
    n = len(toks)
    for k in range(n - 2):
        if toks.texts[k + 1] not in OPENING or k in owner:
            continue
        word = toks.texts[k]
        if not word[:1].isalpha() or nlp.lemma(word) not in ORG_KINDS:
            continue
        close = next((x for x in range(k + 2, min(n, k + 10)) if toks.texts[x] in QUOTES), None)
        if close is None or close == k + 2 or not is_cap(toks.texts[k + 2]) or \
                sum(len(toks.texts[x]) for x in range(k + 2, close)) < 2:
            continue                      # «группа «А»»: a letter is no name
        inner = {id(c): c for x in range(k + 2, close) if (c := owner.get(x)) is not None}
        if any(c.i < k + 2 or c.j > close for c in inner.values()):
            continue
        if any(is_verb(toks.texts[x]) for x in range(k + 2, close)):
            continue
        dead.update(inner)
        same = [c for c in inner.values() if (c.i, c.j) == (k + 2, close)]
        if same and same[0].type == "ORG":
            added.append(same[0])
        elif same:
            added.append(_add_rule(same[0], "quoted_org_name", type="ORG"))
        else:
            added.append(Cand(k + 2, close, "ORG", "quoted_org_name"))
    return [c for c in cands if id(c) not in dead] + added


def quoted_whole(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«Координационный совет пострадавших соинвесторов»: a name in quotes is the whole quoted
    phrase; an organisation the model cut short inside the quotes runs to the closing quote
    over a lower-case noun phrase (nouns and adjectives on one line: no verb, no preposition,
    no other name — «Х*вый союз с РФ» is a slogan, not a name)."""
    taken = {k for c in cands for k in range(c.i, c.j)}
    out = []
    n = len(toks)
    for c in cands:
        if (c.type == "ORG" and c.i > 0 and toks.texts[c.i - 1] in OPENING and c.j < n
                and toks.texts[c.j] not in QUOTES):
            close = next((x for x in range(c.j, min(n, c.j + 6)) if toks.texts[x] in QUOTES), None)
            if close is not None and toks.gap(close) == "" and all(
                    _gap_is_space(toks, x) and x not in taken and toks.texts[x].isalpha()
                    and toks.texts[x].islower() and nlp.parses(toks.texts[x])[0].tag.POS in NP_POS
                    for x in range(c.j, close)):
                c = _add_rule(c, "quoted_whole", j=close)
        out.append(c)
    return out


# kinds of work and event whose title follows in quotes: «программы «ТаТоТаке»», «премии
# «Русский Букер»», «форум «Россия – Африка»»; a title is no organisation (factRuEval marks
# none); «проект «Сколково»» is left out (projects are often organisations), as are «акция»
# (shares) and «игра»
WORK_KINDS = frozenset({"статья", "фильм", "книга", "песня", "спектакль", "роман", "программа",
                        "передача", "конкурс", "фестиваль", "турнир", "выставка", "шоу", "сериал",
                        "альбом", "мюзикл", "форум", "премия", "марафон", "кампания", "операция",
                        "опера", "балет", "пьеса", "рубрика", "закон", "доктрина", "стратегия"})


def drop_quoted_works(cands: list[Cand], toks: Toks) -> list[Cand]:
    """A title in quotes after a kind of work or event is not an organisation name."""
    out = []
    for c in cands:
        if (c.type == "ORG" and c.i > 1 and toks.texts[c.i - 1] in OPENING
                and toks.texts[c.i - 2][:1].islower() and toks.lemma(c.i - 2) in WORK_KINDS):
            continue
        out.append(c)
    return out


MULTIPLIERS = frozenset({"тыс", "млн", "млрд", "трлн", "тысяча", "миллион", "миллиард", "триллион"})


def drop_units(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«22,7 млрд BYN», «500 USD»: an abbreviation right after a number (on the same line, not
    a list number «2.») is a currency or a unit, not an organisation."""
    out = []
    for c in cands:
        k = c.i - 1
        if (c.type == "ORG" and c.j - c.i == 1 and k >= 0 and _gap_is_space(toks, c.i)
                and (is_abbr(toks.texts[c.i]) or is_latin(toks.texts[c.i]))):
            if toks.texts[k] == "." and k > 0 and toks.texts[k - 1].lower() in MULTIPLIERS:
                k -= 1                                       # «млн.»
            prev = toks.texts[k]
            if prev[:1].isdigit() or prev.lower() in MULTIPLIERS:
                continue
        out.append(c)
    return out


# kinds of place whose name follows: «в аэропорту «Домодедово»», «станция метро Московская»;
# the name is a place even when the model calls it an organisation (an airport, a station)
PLACE_KINDS = frozenset({"аэропорт", "вокзал", "станция", "метро", "улица", "площадь", "проспект",
                         "бульвар", "шоссе", "переулок", "набережная", "остров", "река", "озеро",
                         "город", "село", "деревня", "посёлок", "поселок", "курорт", "космодром"})


def _possessor(kind: str, name: str) -> bool:
    """«станция „Водоканала“»: a declined genitive after the kind word owns the place, it
    does not name it; a name in the nominative («аэропорт «Борисполь»», «Домодедово», which
    reads the same in every case) names it."""
    cases = _parse_cases(name)
    return "gent" in cases and "nomn" not in cases and "gent" not in _parse_cases(kind)


def place_kind_names(cands: list[Cand], toks: Toks) -> list[Cand]:
    """An organisation named right after a kind of place (quoted or not) is that place."""
    out = []
    for c in cands:
        k = c.i - 1
        if k >= 0 and toks.texts[k] in OPENING:
            k -= 1
        if (c.type == "ORG" and k >= 0 and toks.texts[k][:1].islower()
                and toks.lemma(k) in PLACE_KINDS and not _possessor(toks.texts[k], toks.texts[c.i])):
            c = _add_rule(c, "place_kind", type="LOC")
        out.append(c)
    return out


def kb_names(cands: list[Cand], toks: Toks) -> list[Cand]:
    """Places and organisations of the knowledge base that the model missed: capitalised
    words no candidate covers, longest first (three capitalised words, two words, one). A single dictionary
    word that names nothing in any reading («Союз», «Мир») is left alone: too ambiguous."""
    base = knowledge()
    if base is None:
        return cands
    taken = bytearray(len(toks))
    for c in cands:
        taken[c.i:c.j] = b"\x01" * (c.j - c.i)
    added = []
    k, n = 0, len(toks)
    while k < n:
        tok = toks.texts[k]
        if taken[k] or not is_cap(tok) or not is_word(tok) or tok in lexicons().legal:
            k += 1                        # «РИА «Новости»»: the kind word was dropped on purpose
            continue
        hit = None
        for size in (3, 2, 1):
            if k + size > n or any(taken[k:k + size]) or not all(
                    _gap_is_space(toks, x) and is_word(toks.texts[x]) and (size == 2 or is_cap(toks.texts[x]))
                    for x in range(k + 1, k + size)):
                continue              # three words must all be capitalised («Объединённые Арабские
                                      # Эмираты»): else the lookups lemmatise half the sentence
            if size == 1 and is_common_word(tok) and not is_abbr(tok):
                continue
            hits = [e for e in base.lookup(toks.span_text(k, k + size)) if e.type != "PER"]
            if len({e.type for e in hits}) == 1:
                flags: tuple[str, ...] = ()
                for f in hits[0].flags:
                    if f in KB_FLAGS:
                        flags = _add_flag(flags, KB_FLAGS[f])
                hit = Cand(k, k + size, hits[0].type, "kb_name", flags)
                break
        if hit is not None:
            added.append(hit)
            k = hit.j
        else:
            k += 1
    return cands + added


LOCATIVE = frozenset({"в", "во", "у", "около", "возле", "перед", "рядом"})
TLDS = frozenset({"ru", "com", "org", "net", "info", "su", "ua", "by", "kz", "uz", "am", "az", "ge",
                  "рф", "io", "tv", "fm", "de", "uk"})


def site_names(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«по данным infox.ru»: a bare domain name in running text names a site or outlet;
    a URL (with a slash or a scheme) or an e-mail address does not."""
    taken = {k for c in cands for k in range(c.i, c.j)}
    added = []
    for k in range(2, len(toks)):
        if toks.texts[k].lower() in TLDS and toks.texts[k - 1] == "." and toks.gap(k) == "" \
                and toks.gap(k - 1) == "" and is_latin(toks.texts[k - 2]) | toks.texts[k - 2][:1].isalpha():
            i = k - 2
            while i >= 2 and toks.texts[i - 1] in ".-" and toks.gap(i) == "" and toks.gap(i - 1) == "":
                i -= 2
            chunk_start = toks.text.rfind(" ", 0, toks.starts[i]) + 1
            chunk_stop = toks.text.find(" ", toks.stops[k])
            chunk = toks.text[chunk_start:chunk_stop if chunk_stop >= 0 else len(toks.text)]
            if "/" in chunk or "@" in chunk or any(x in taken for x in range(i, k + 1)):
                continue
            added.append(Cand(i, k + 1, "ORG", "site_name", ("site",)))
    return cands + added


# ---------------------------------------------------------------- rules that join and extend


def _parse_cases(tok: str) -> set[str]:
    return {p.tag.case for p in nlp.parses(tok) if p.tag.case}


def _gap_is_space(toks: Toks, k: int) -> bool:
    gap = toks.gap(k)
    return gap.strip() == "" and "\n" not in gap


# bodies of an organisation: «Совет ... ОДКБ» is named with its organisation, while
# «Института ... РАН», «Палаты представителей Конгресса» are two names in factRuEval
BODIES = frozenset({"совет", "комитет", "комиссия", "ассамблея", "секретариат", "сила", "штаб",
                    "коллегия", "президиум", "трибунал", "суд"})
# bodies that sit «при» an office: «Общественная палата при Минобороны», «Совет при Президенте»
SEATED = BODIES | {"палата", "управление", "служба", "центр", "институт", "академия",
                   "агентство", "департамент", "отдел", "бюро"}


# abbreviated bodies that name the organisation they belong to next: «ГУ МЧС», «ГСУ СК»
BODY_ABBRS = frozenset({"ГУ", "ГСУ", "ТУ", "УФСБ", "УМВД", "ГУВД", "ГУМВД", "УФНС", "УФАС",
                        "УФСИН", "ЦА", "ФКУ", "ФГБУ", "ГБУ"})


def _head_lemma(toks: Toks, c: Cand) -> str | None:
    for k in range(c.i, c.j):
        p = nlp.parses(toks.texts[k])[0]
        if p.tag.POS == "NOUN":
            return p.normal_form
    return None


def _abbreviates(abbr: str, toks: Toks, c: Cand) -> bool:
    """«Международная федерация футбола ФИФА»: the abbreviation restates the name before it."""
    initials = "".join(w[0] for w in toks.texts[c.i:c.j] if w[:1].isalpha()).upper()
    return len(abbr) >= 2 and (abbr in initials or initials.startswith(abbr[:2]))


def merge_org_chain(cands: list[Cand], toks: Toks) -> list[Cand]:
    """A body followed by the organisation it belongs to is one name:
    «Совета коллективной безопасности» + «ОДКБ», «Парламентской ассамблеи» + «Совета Европы».
    The second part must be genitive (or an indeclinable abbreviation that does not restate
    the first)."""
    out: list[Cand] = []
    for c in sorted(cands, key=lambda c: c.i):
        prev = out[-1] if out else None
        first = toks.texts[c.i]
        if (prev is not None and prev.type == "ORG" and c.type == "ORG" and prev.j == c.i
                and _gap_is_space(toks, c.i) and prev.j - prev.i == 1
                and toks.texts[prev.i] in BODY_ABBRS and is_abbr(first)):
            out[-1] = _add_rule(prev, "merge_org_chain", j=c.j)        # «ГУ» + «МЧС России»
            continue
        if (prev is not None and prev.type == "ORG" and c.type == "ORG" and prev.j == c.i
                and _gap_is_space(toks, c.i) and not is_abbr(toks.texts[prev.j - 1])
                and _head_lemma(toks, prev) in BODIES
                and ((is_abbr(first) and not _abbreviates(first, toks, prev))
                     or (not is_abbr(first) and "gent" in _parse_cases(first)))):
            out[-1] = _add_rule(prev, "merge_org_chain", j=c.j,
                                flags=tuple(f for f in prev.flags if f != "abbr"))
            continue
        out.append(c)
    return out


def _known_place_or_org(tok: str) -> bool:
    return any(p.is_known and ("Geox" in p.tag.grammemes or "Orgn" in p.tag.grammemes)
               for p in nlp.parses(tok))


def _word_cases(tok: str) -> set[str]:
    """Cases a word can be in; a hyphenated name declines in its last part («Касым-Жомартом»)."""
    cases = _parse_cases(tok)
    if "-" in tok:
        cases |= _parse_cases(tok.rsplit("-", 1)[1])
    return cases


def merge_person_parts(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«Касым-Жомартом» (LOC) + «Токаевым» (PER): the model sometimes types a rare first
    name apart from the surname that follows it; a single capitalised word right before a
    person, read first as a first name and not known as a place or organisation, is part of
    the name («Кабмина Дмитрий Дубилет», «Сан-Диего Трея Айдекера» are not)."""
    out: list[Cand] = []
    for c in sorted(cands, key=lambda c: c.i):
        prev = out[-1] if out else None
        if (prev is not None and c.type == "PER" and prev.type != "PER" and prev.j == c.i
                and prev.j - prev.i == 1 and _gap_is_space(toks, c.i)
                and is_cap(toks.texts[prev.i]) and not is_abbr(toks.texts[prev.i])
                and toks.texts[prev.i].replace("-", "").isalpha()
                and is_latin(toks.texts[prev.i]) == is_latin(toks.texts[c.i])
                and not _known_place_or_org(toks.texts[prev.i])
                and _word_cases(toks.texts[prev.i]) & _word_cases(toks.texts[c.i])
                and not any("Orgn" in p.tag.grammemes for p in nlp.parses(toks.texts[prev.i]))
                and "Name" in nlp.parses(toks.texts[prev.i])[0].tag.grammemes
                and "gazetteer" not in prev.rule):
            out[-1] = _add_rule(c, "merge_person_parts", i=prev.i)
            continue
        out.append(c)
    return out


def merge_branch(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«ГУ МЧС России по Санкт-Петербургу», «УМВД по Москве и Московской области»: a branch
    of a body is named by its territory after «по»; the territory (and the country before it)
    belongs to the name."""
    cands = sorted(cands, key=lambda c: c.i)
    out: list[Cand] = []
    k = 0
    while k < len(cands):
        c = cands[k]
        if c.type != "ORG":
            out.append(c)
            k += 1
            continue
        m = k + 1
        end = c.j
        if m < len(cands) and cands[m].type == "LOC" and cands[m].i == end and _gap_is_space(toks, end):
            m, end = m + 1, cands[m].j                      # «МЧС России»
        if (m < len(cands) and end < len(toks) and toks.texts[end] == "по" and cands[m].type == "LOC"
                and cands[m].i == end + 1 and "datv" in _word_cases(toks.texts[end + 1])):
            end = cands[m].j
            m += 1
            if (m < len(cands) and end + 1 < len(toks) and toks.texts[end] == "и"
                    and cands[m].type == "LOC" and cands[m].i == end + 1):
                end = cands[m].j                            # «по Санкт-Петербургу и Ленобласти»
                m += 1
            out.append(_add_rule(c, "merge_branch", j=end))
            k = m
            continue
        out.append(c)
        k += 1
    return out


NAMED_AFTER = frozenset({"им", "имени"})


def merge_named_after(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«Театра им. Йозефа Бойса», «Музыкального театра имени Станиславского»: the person an
    organisation or place is named after belongs to its name."""
    by_start = {c.i: c for c in cands}
    out, skip = [], set()
    for c in sorted(cands, key=lambda c: c.i):
        if id(c) in skip:
            continue
        k = c.j
        if c.type in ("ORG", "LOC") and k < len(toks) and toks.texts[k].lower() in NAMED_AFTER:
            k += 1 + (k + 1 < len(toks) and toks.texts[k + 1] == ".")
            nxt = by_start.get(k)
            if nxt is not None and nxt.type == "PER":
                skip.add(id(nxt))
                c = _add_rule(c, "merge_named_after", j=nxt.j)
        elif c.type in ("ORG", "LOC") and toks.texts[c.j - 1].lower() in NAMED_AFTER:
            nxt = by_start.get(c.j + (c.j < len(toks) and toks.texts[c.j] == "."))
            if nxt is not None and nxt.type == "PER":
                skip.add(id(nxt))
                c = _add_rule(c, "merge_named_after", j=nxt.j)
        out.append(c)
    return out


NP_POS = frozenset({"ADJF", "PRTF", "NOUN", "NUMR"})


def _np_end(toks: Toks, k: int, limit: int) -> int:
    """End of a lower-case noun phrase starting at k: adjectives, nouns, «и» between them;
    it must end in a noun."""
    end, m = k, k
    while m < min(len(toks), k + limit):
        tok = toks.texts[m]
        if not tok[:1].islower() or not _gap_is_space(toks, m):
            break
        if tok == "и" and end > k:
            m += 1
            continue
        pos = nlp.parses(tok)[0].tag.POS
        if pos not in NP_POS:
            break
        m += 1
        if pos == "NOUN":
            end = m
    return end


def extend_org_right(cands: list[Cand], toks: Toks) -> list[Cand]:
    """A body keeps the office it sits at: «Следственного комитета» + «при прокуратуре»,
    «Совета» + «при Президенте РФ по развитию ...». (A bare «по» phrase is not taken: in
    «службы по городу», «института по специальности» it belongs to the sentence.)"""
    out = []
    for c in cands:
        k = c.j
        if c.type == "ORG" and k < len(toks) - 1 and toks.texts[k] == "при" and _head_lemma(toks, c) in SEATED:
            end = _attached_to(toks, k + 1, cands)
            if end > k + 1:
                c = _add_rule(c, "extend_org_right", j=end)
        out.append(c)
    return out


def _attached_to(toks: Toks, k: int, cands: list[Cand]) -> int:
    """«при Президенте РФ по развитию информационного общества», «при главном архитекторе
    Москвы»: the office a council sits at (an official or a body, capitalised or not), the
    place or organisation of that office, and a «по» remit. Returns the end, or k for none."""
    starts = {c.i: c for c in cands}
    end = _np_end(toks, k, 4)
    if end == k and k < len(toks) and is_cap(toks.texts[k]) and _gap_is_space(toks, k) and \
            nlp.parses(toks.texts[k])[0].tag.POS == "NOUN" and not is_abbr(toks.texts[k]):
        end = k + 1                                   # «Президенте», «Правительстве»
    if end == k:
        return k
    nxt = starts.get(end)
    if nxt is not None and nxt.type in ("LOC", "ORG") and _gap_is_space(toks, end):
        end = nxt.j                                   # «РФ», «Москвы»
    if end < len(toks) - 1 and toks.texts[end] == "по" and _gap_is_space(toks, end):
        remit = _np_end(toks, end + 1, 6)
        if remit > end + 1:
            end = remit
    return end


GEO_ADJ = re.compile(r"(ск|цк)(ий|ой|ая|ое|ие)$")
# -ский adjectives that are not made from a place name: «некоммерческого фонда»,
# «детского центра» are descriptions, not part of the name («японского МИДа» is)
NON_GEO_ADJ = re.compile(r"(ческ|еск)(ий|ой|ая|ое|ие)$")
NON_GEO_SKY = frozenset({"детский", "женский", "мужской", "городской", "сельский", "морской",
                         "гражданский", "братский", "депутатский", "университетский",
                         "отцовский", "светский", "людской", "писательский", "плотницкий"})


def geo_adjective(lemma: str) -> bool:
    """An adjective made from a place name: the KB's country adjectives («американский»), or a
    -ский/-цкий adjective that is not one of the common descriptive ones («мюнхенский» is,
    «некоммерческий», «детский» are not)."""
    base = knowledge()
    if base is not None and base.country_of_adjective(lemma) is not None:
        return True
    return bool(GEO_ADJ.search(lemma)) and not NON_GEO_ADJ.search(lemma) and lemma not in NON_GEO_SKY
STATE_ADJ = frozenset({"государственный", "федеральный", "президентский", "синодальный",
                       "национальный", "центральный", "верховный"})


# before a place only a direction is part of its name («южные Курильские острова»); «всей
# Чечне», «подмосковном Сколково» are not
DIRECTIONS = frozenset({"южный", "северный", "западный", "восточный", "юго-западный", "юго-восточный",
                        "северо-западный", "северо-восточный"})


def _agree(adj: str, noun: str) -> bool:
    """The adjective has a reading in a case and number the noun has."""
    a = {(p.tag.case, p.tag.number) for p in nlp.parses(adj) if p.tag.POS in ("ADJF", "PRTF")}
    n = {(p.tag.case, p.tag.number) for p in nlp.parses(noun)}
    return bool(a & n)


def extend_left_adj(cands: list[Cand], toks: Toks) -> list[Cand]:
    """A lower-case place adjective before an organisation or place is part of its name in
    factRuEval («японского МИДа», «российского Минсельхоза», «южные Курильские острова»);
    evaluative adjectives («нелегитимной Мосгордумы», «новом Конгрессе») are not."""
    taken = {k for c in cands for k in range(c.i, c.j)}
    out = []
    for c in cands:
        k = c.i - 1
        if c.type in ("ORG", "LOC") and k >= 0 and k not in taken and _gap_is_space(toks, c.i):
            tok = toks.texts[k]
            lemma = toks.lemma(k)
            fits = (geo_adjective(lemma) or lemma in STATE_ADJ) if c.type == "ORG" else lemma in DIRECTIONS
            if (tok[:1].islower() and fits
                    and nlp.parses(tok)[0].tag.POS in ("ADJF",)
                    and _agree(tok, toks.texts[c.i])):
                c = _add_rule(c, "extend_left_adj", i=k, flags=_add_flag(c.flags, "adj"))
        out.append(c)
    return out


# structural units of an organisation: named by what they do and whose they are, they are
# organisations of their own in factRuEval («отдела корпоративных серверов и сетей HP»,
# «кафедрой социальных коммуникаций и технологий РГГУ», «московского отделения движения
# «Солидарность»»); management and press offices («руководства HP», «пресс-службы МЧС») are not
ORG_UNITS = frozenset({"отделение", "кафедра", "отдел", "филиал", "подразделение",
                       "представительство", "факультет", "лаборатория"})


def org_units(cands: list[Cand], toks: Toks) -> list[Cand]:
    """A lower-case unit noun (with its place adjectives and its genitive complement) right
    before the organisation it belongs to is an organisation: one unit, in the singular."""
    taken = bytearray(len(toks))
    for c in cands:
        taken[c.i:c.j] = b"\x01" * (c.j - c.i)
    added = []
    for c in cands:
        if c.type != "ORG":
            continue
        k = c.i - 1
        if k >= 1 and toks.texts[k] in OPENING and toks.texts[k - 1][:1].islower() \
                and toks.lemma(k - 1) in ORG_KINDS:
            k -= 2                                   # «отделения движения «Солидарность»»
        end = k + 1
        m, unit = k, None
        while m >= 0 and m > k - 7 and not taken[m] and _gap_is_space(toks, m + 1):
            tok = toks.texts[m]
            if not (tok.isalpha() and tok.islower()):
                break
            p = nlp.parses(tok)[0]
            if tok != "и" and p.tag.POS not in NP_POS:
                break
            if p.tag.POS == "NOUN" and p.normal_form in ORG_UNITS:
                unit = m if p.tag.number == "sing" else None
                break
            m -= 1
        if unit is None or end <= unit:
            continue
        start = unit
        while start > 0 and not taken[start - 1] and _gap_is_space(toks, start) \
                and toks.texts[start - 1].isalpha() and toks.texts[start - 1].islower() \
                and nlp.parses(toks.texts[start - 1])[0].tag.POS == "ADJF" \
                and _agree(toks.texts[start - 1], toks.texts[unit]):
            start -= 1                               # «московского», «постоянного»
        added.append(Cand(start, end, "ORG", "org_unit"))
        taken[start:end] = b"\x01" * (end - start)
    return cands + added


def abbr_in_parens(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«Комитет защиты журналистов (КЗЖ)»: an abbreviation in brackets right after a name
    names the same thing; so does «ЕАЭС (Евразийский экономический союз)» the other way."""
    taken = {k for c in cands for k in range(c.i, c.j)}
    added = []
    for c in cands:
        k = c.j
        if (c.type in ("ORG", "LOC") and k + 2 < len(toks) and toks.texts[k] == "("
                and toks.texts[k + 2] == ")" and is_abbr(toks.texts[k + 1]) and k + 1 not in taken):
            added.append(Cand(k + 1, k + 2, c.type, "abbr_in_parens", ("abbr",)))
    return cands + added


def latin_in_parens(cands: list[Cand], toks: Toks) -> list[Cand]:
    """«газета «Ла стампа» (La Stampa)», «концерн «Фольксваген» (Volkswagen)»: a name in Latin
    letters in brackets right after a name is its original spelling, the same entity."""
    taken = bytearray(len(toks))
    for c in cands:
        taken[c.i:c.j] = b"\x01" * (c.j - c.i)
    added = []
    n = len(toks)
    for c in cands:
        k = c.j
        if k < n and toks.texts[k] in QUOTES and not is_latin(toks.texts[c.j - 1]):
            k += 1                                   # «Фольксваген» (Volkswagen)
        if k >= n or toks.texts[k] != "(":
            continue
        close = next((x for x in range(k + 1, min(n, k + 8)) if toks.texts[x] == ")"), None)
        if close is None or close == k + 1 or any(taken[k + 1:close]):
            continue
        inner = toks.texts[k + 1:close]
        if not all(is_latin(w) or w in "-&.'’" for w in inner) or not is_cap(inner[0]) \
                or not any(is_cap(w) for w in inner if is_latin(w)):
            continue
        if c.type != "PER" and all(w.isupper() for w in inner if is_latin(w)) and len(inner) == 1:
            continue                                 # an abbreviation: abbr_in_parens decides
        added.append(Cand(k + 1, close, c.type, "latin_in_parens", c.flags))
    return cands + added


def _cued_type(c: Cand, toks: Toks) -> str | None:
    """The type the text itself gives a name: a kind of organisation before its quoted name
    («центра «Кин-Топ»»), a legal form («ОАО «Газпром»», «ООО Алтек»), a kind of place
    («аэропорт «Внуково»»). None when nothing says."""
    k = c.i - 1
    if k >= 0 and toks.texts[k] in OPENING:
        k -= 1
    if k < 0 or not toks.texts[k][:1].isalpha():
        return None
    if toks.texts[k] in lexicons().legal:
        # «ОАО «Газпром»», «ООО Delance»; «СМИ Беларуси» is no legal form with its name
        return "ORG" if k == c.i - 2 or is_latin(toks.texts[c.i]) else None
    if not toks.texts[k][:1].islower():
        return None
    lemma = toks.lemma(k)
    if lemma in PLACE_KINDS and not _possessor(toks.texts[k], toks.texts[c.i]):
        return "LOC"
    if lemma in ORG_KINDS and k == c.i - 2:
        return "ORG"
    return None


def _known_geo(toks: Toks, c: Cand) -> bool:
    """A place the KB or the dictionary knows («агентство «Москва»» leaves «в Москве» a city)."""
    return any(e.type == "LOC" for e in _kb_hits(toks, c)) or (
        c.j - c.i == 1 and _known_place(toks.texts[c.i]))


def unify_types(cands: list[Cand], toks: Toks) -> list[Cand]:
    """One name, one type in an article: when the text itself says what a name is once
    («развивающего центра «Кин-Топ»»), its other mentions the model typed otherwise («в центре
    Кин-Топ» as a place) take that type. People are left alone, and so is a name cued two ways."""
    cued: dict[tuple[str, ...], set[str]] = {}
    for c in cands:
        kind = _cued_type(c, toks) if c.type != "PER" else None
        if kind is not None:
            cued.setdefault(tuple(toks.lemma(k) for k in range(c.i, c.j)), set()).add(kind)
    if not cued:
        return cands
    out = []
    for c in cands:
        if c.type != "PER" and "gazetteer" not in c.rule:
            types = cued.get(tuple(toks.lemma(k) for k in range(c.i, c.j)))
            if types is not None and len(types) == 1 and c.type not in types and not (
                    types == {"ORG"} and _known_geo(toks, c)):
                c = _add_rule(c, "unify_types", type=next(iter(types)))
        out.append(c)
    return out


def propagate(cands: list[Cand], toks: Toks) -> list[Cand]:
    """A name found once is a name everywhere in the article: the model misses some repeats
    («Топалов» after «Веселином Топаловым»). People by the lemma of each name word, places and
    organisations by the whole sequence of lemmas; a lemma tagged with two types is left out."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for c in cands:
        if c.type == "PER":
            for k in range(c.i, c.j):
                if is_cap(toks.texts[k]) and len(toks.texts[k]) > 2:
                    seen.setdefault((toks.lemma(k),), set()).add("PER")
        elif "gazetteer" not in c.rule:
            seen.setdefault(tuple(toks.lemma(k) for k in range(c.i, c.j)), set()).add(c.type)
    keys = {key: types.pop() for key, types in seen.items() if len(types) == 1}
    if not keys:
        return cands
    starts = {prefix(key[0]) for key in keys}
    longest = max(len(k) for k in keys)
    taken = bytearray(len(toks))
    for c in cands:
        taken[c.i:c.j] = b"\x01" * (c.j - c.i)
    added = []
    k = 0
    while k < len(toks):
        if taken[k] or not is_cap(toks.texts[k]) or prefix(toks.texts[k]) not in starts:
            k += 1
            continue
        hit = None
        for size in range(min(longest, len(toks) - k), 0, -1):
            if any(taken[k:k + size]):
                continue
            key = tuple(toks.lemma(x) for x in range(k, k + size))
            kind = keys.get(key)
            if kind is not None:
                hit = Cand(k, k + size, kind, "propagate")
                break
        if hit is not None and not (hit.j - hit.i == 1 and hit.i in toks.sent_first
                                    and is_common_word(toks.texts[hit.i])):
            added.append(hit)
            k = hit.j
        else:
            k += 1
    return cands + added


def drop_overlaps(cands: list[Cand]) -> list[Cand]:
    """Keep the longer of overlapping candidates, the earlier on a tie."""
    out: list[Cand] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.j - c.i), c.i)):
        if any(k in used for k in range(c.i, c.j)):
            continue
        used.update(range(c.i, c.j))
        out.append(c)
    return sorted(out, key=lambda c: c.i)


def gazetteer(cands: list[Cand], toks: Toks) -> list[Cand]:
    return apply_gazetteer(cands, gazetteer_matches(toks), toks)


# Rules over the whole article, in order: lexicon names first (they fix types the joins
# below look at), then joins and extensions, then the KB, then repeats of what was found.
DOC_RULES: list[Callable[[list[Cand], Toks], list[Cand]]] = [
    gazetteer, site_names, quoted_org_names, quoted_whole, merge_org_chain, merge_person_parts,
    merge_named_after, merge_branch, extend_org_right, extend_left_adj, drop_generic_body,
    abbr_in_parens, latin_in_parens, org_units, kb_types, kb_names, place_kind_names, drop_quoted_works,
    drop_units, unify_types, propagate,
]


def apply(parsed: nlp.Parsed) -> tuple[Toks, list[Cand]]:
    """All rules over one article: the candidates that become name mentions."""
    toks = Toks(parsed)
    cands = from_model(toks, parsed.ner)
    for rule in CUT_RULES:
        cands = [piece for c in cands for piece in rule(c, toks)]
    for doc_rule in DOC_RULES:
        cands = doc_rule(cands, toks)
    return toks, drop_overlaps(cands)
