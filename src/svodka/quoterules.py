"""Rules for quote attribution: lexicons, cue verbs, speaker phrases.

The quote stage (``svodka.quotes``) finds *where* quoted words are; this module says
*who* said them. Everything works on razdel tokens of ``ctx.parsed`` and pymorphy
parses through ``nlp.parses`` (cached), so it adds no model run. Each decision is a
small named function; the name is recorded in ``Quote.rule``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import nlp
from .records import Mention

DATA = Path(__file__).parent / "data" / "quotes"

# Parts of speech that may start or continue a noun phrase.
# Cues too ambiguous to attribute quoted words by merely sharing their sentence
# («не допустит «майданных технологий»»): they count with a что-clause or after a quote.
WEAK_CUES = {"допустить", "допускать", "передать", "привести", "приводить", "обратить", "продолжить",
             "выступить", "объявить", "объявлять", "согласиться", "соглашаться", "вспомнить", "вспоминать",
             "информировать", "проинформировать", "доложить", "докладывать", "опубликовать", "подписать",
             "требовать", "потребовать", "ответить", "отвечать"}
NP_POS = {"NOUN", "ADJF", "PRTF", "NPRO", "NUMR", "ANUM"}
# Cue verbs count in these forms only: finite verbs, participles, short forms and
# gerunds. Infinitives («следует отметить») and 1st person («напомним») are the author.
CUE_POS = {"VERB", "PRTF", "PRTS", "ADJS", "GRND"}
CUE_OBJECTS = {"мнение", "надежда", "уверенность", "сомнение", "позиция", "благодарность", "признательность",
               "соболезнование", "точка", "зрение", "озабоченность", "обеспокоенность", "недовольство",
               "удивление", "сожаление", "внимание", "слово", "фото", "пост", "запись"}
PRONOUNS = {"он": "masc", "она": "femn", "они": "plur", "оно": "neut", "мы": "plur", "я": None}
# Tokens skipped between a cue verb and its speaker: «— сказал, в частности, Путин».
FILLERS = {"в", "частности", "также", "еще", "ещё", "затем", "потом", "позже", "ранее", "тогда",
           "же", "и", "уже", "вчера", "сегодня", "накануне", "тоже", "только", "лишь"}


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (DATA / "cues.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, _, cls = line.partition("\t")
            out[lemma.split(":")[0]] = out.get(lemma.split(":")[0], cls.strip())
    return out


@lru_cache(maxsize=1)
def cue_prefixes() -> frozenset[str]:
    """First four letters of every cue lemma: a word form of a cue starts with them."""
    return frozenset(lemma[:4] for lemma in cue_lexicon())


@lru_cache(maxsize=1)
def noun_lexicons() -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current = None
    for line in (DATA / "nouns.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
        elif current is not None:
            current.add(fold(line))
    return {k: frozenset(v) for k, v in sections.items()}


def lexicon(name: str) -> frozenset[str]:
    return noun_lexicons()[name]


# ---------------------------------------------------------------- morphology

@lru_cache(maxsize=100_000)
def word_cases(word: str) -> frozenset[str]:
    """Cases any noun-like parse of ``word`` allows; all cases for unknown words."""
    if not word[:1].isalpha():
        return frozenset()
    out: set[str] = set()
    parses = nlp.parses(word)
    if word[:1].isupper():
        # a capitalised word is read as a name when it can be one («Путин» is no «путина»)
        named = [p for p in parses if {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes)]
        parses = named or parses
    for p in parses:
        if p.tag.POS in NP_POS or "Name" in p.tag or "Surn" in p.tag:
            if p.tag.case:
                out.add(p.tag.case)
        if "UNKN" in p.tag or "LATN" in p.tag or "Abbr" in p.tag:
            out.update(("nomn", "gent", "datv", "accs", "ablt", "loct"))
    if word.isupper() and 1 < len(word) <= 5:
        out.update(("nomn", "gent", "datv", "accs", "ablt", "loct"))   # abbreviations do not decline
    if _unknown_nickname(word):
        out.add("nomn")                # a nickname pymorphy does not know («Орлуша») reads as a genitive
    if word.isupper() and len(word) > 5 and not out:
        return word_cases(word.capitalize())                           # «НЕВСКИМ НОВОСТЯМ»: shouting
    return frozenset(out)


def _unknown_nickname(word: str) -> bool:
    """One capitalised word in a vowel pymorphy does not know: may well be a nominative, a
    nickname in -а/-я («Орлуша») or a foreign surname that does not decline («Боргезе»,
    «Шойгу» aside, which the dictionary knows); pymorphy guesses an oblique case."""
    return " " not in word.strip() and word[:1].isupper() and word[-1:] in "аяеиоуюэ" and len(word) > 3 \
        and not nlp.parses(word)[0].is_known


@lru_cache(maxsize=100_000)
def word_pos(word: str) -> frozenset[str]:
    if not word[:1].isalnum():
        return frozenset({"PNCT"})
    out = set()
    for p in nlp.parses(word)[:3]:
        out.add(str(p.tag.POS) if p.tag.POS else ("LATN" if "LATN" in p.tag else "UNKN"))
    return frozenset(out)


def first_pos(word: str) -> str | None:
    if not word[:1].isalpha():
        return None
    p = nlp.parses(word)[0]
    return str(p.tag.POS) if p.tag.POS else None


@dataclass(slots=True, frozen=True)
class Cue:
    cls: str            # speech | opinion | name | write | passive
    lemma: str
    gender: str | None  # masc | femn | neut | plur (past tense agreement), None unknown
    plural3: bool       # 3rd person plural or plural past: «сообщили в МИД»
    pos: str


@lru_cache(maxsize=50_000)
def cue_of(word: str) -> Cue | None:
    """The cue a word form makes, or None: the speech verbs in forms an author reports with."""
    if not word[:1].isalpha() or len(word) < 4 or fold(word)[:4] not in cue_prefixes():
        return None                   # most words cannot be a cue: skip the morphology
    lex = cue_lexicon()
    for p in nlp.parses(word)[:4]:
        lemma = p.normal_form.replace("ё", "е")
        if lemma not in lex or p.tag.POS not in CUE_POS:
            continue
        if "1per" in p.tag or "impr" in p.tag or "2per" in p.tag:
            return None
        cls = lex[lemma]
        if p.tag.POS == "PRTS" and "pssv" in p.tag and lemma in ("сказать", "указать", "отметить", "подчеркнуть"):
            cls = "passive"      # «сказано в сообщении»
        gender = "plur" if p.tag.number == "plur" else (str(p.tag.gender) if p.tag.gender else None)
        plural3 = p.tag.number == "plur" and p.tag.POS == "VERB"
        return Cue(cls, lemma, gender, plural3, str(p.tag.POS))
    return None


def nominative_form(word: str) -> str:
    """The head word put in the nominative, number kept («пресс-службы» → «пресс-служба»)."""
    if word.isupper() or not word[:1].isalpha():
        return word
    for p in nlp.parses(word):
        if p.tag.POS == "NOUN":
            number = p.tag.number or "sing"
            form = p.inflect({"nomn", number}) or p.inflect({"nomn"})
            if form:
                return form.word
    return word


# ---------------------------------------------------------------- token view

@dataclass
class Doc:
    """What the rules read: text, tokens, paragraphs and mentions, with lookups."""
    text: str
    tokens: list[nlp.Token]
    mentions: list[Mention]
    paragraphs: list[tuple[int, int]]
    starts: list[int] = field(default_factory=list)
    stops: list[int] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    quoted: bytearray = field(default_factory=bytearray)    # 1 inside quoted speech: no speaker there

    def __post_init__(self) -> None:
        self.starts = [t.start for t in self.tokens]
        self.paragraph_starts = [p[0] for p in self.paragraphs]
        self.stops = [t.stop for t in self.tokens]
        self.mentions = sorted(self.mentions, key=lambda m: (m.start, -m.stop))
        self.mention_starts = [m.start for m in self.mentions]
        self.person_at: dict[int, Mention] = {}
        for m in self.mentions:
            if m.type == "PER" and m.kind == "name":
                for k in range(self.tok_at(m.start), self.tok_before(m.stop)):
                    self.person_at.setdefault(k, m)

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after offset."""
        return bisect_left(self.starts, offset)

    def tok_before(self, offset: int) -> int:
        """Index after the last token ending at or before offset."""
        return bisect_right(self.stops, offset)

    def word(self, i: int) -> str:
        return self.tokens[i].text

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.paragraphs)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.paragraphs[mid][1] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return self.paragraphs[min(lo, len(self.paragraphs) - 1)]

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def mentions_in(self, start: int, stop: int) -> list[Mention]:
        i = bisect_left(self.mention_starts, start - 200)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < stop:
            m = self.mentions[i]
            if m.stop > start and m.start < stop:
                out.append(m)
            i += 1
        return out


# ---------------------------------------------------------------- noun phrases

@dataclass(slots=True)
class Chunk:
    first: int          # token index
    last: int           # token index after
    in_pp: bool         # governed by a preposition: never a subject
    head: int           # index of the first noun-like token


NOT_NP = {"PREP", "CONJ", "PRCL", "INTJ", "VERB", "INFN", "GRND", "ADVB", "PRED", "COMP", "PRTS", "ADJS"}


def is_np_token(doc: Doc, i: int) -> bool:
    w = doc.word(i)
    if not w[:1].isalpha():
        return False
    pos = first_pos(w)
    if pos in NOT_NP:
        # «считает Мирошник»: pymorphy reads the surname as a verb; a name mention is a noun
        return w[:1].isupper() and doc.person_at.get(i) is not None
    return pos in NP_POS or pos is None or w[:1].isupper()


def is_noun_token(w: str) -> bool:
    pos = first_pos(w)
    return pos in ("NOUN", "NPRO") or pos is None or (w[:1].isupper() and pos not in ("ADJF", "PRTF"))


def _can_be_genitive_tail(w: str) -> bool:
    cases = word_cases(w)
    return "gent" in cases or not cases


def chunks(doc: Doc, lo: int, hi: int) -> list[Chunk]:
    """Noun-phrase chunks of tokens [lo, hi): a head with its genitive tail, PPs marked.

    A new chunk starts where a noun cannot continue the previous one as a genitive
    («По просьбе Никола Пашиняна | президент России | кратко информировал»).
    """
    out: list[Chunk] = []
    i = lo
    pp = False
    while i < hi:
        w = doc.word(i)
        idiom = _adverbial_idiom(doc, i, hi)
        if idiom:
            i += idiom                 # «В то же время МИД России …»: no PP swallows the subject
            pp = False
            continue
        if first_pos(w) == "PREP":
            pp = True
            i += 1
            continue
        if not is_np_token(doc, i):
            # punctuation closes a prepositional phrase; quote marks and hyphens of a name do not
            if not w[:1].isalnum() and w not in ("-", "«", "»", '"', "„", "“"):
                pp = False
            i += 1
            continue
        start = i
        seen_noun = False
        while i < hi and is_np_token(doc, i):
            wi = doc.word(i)
            m = doc.person_at.get(i)
            if i > start and m is not None and doc.person_at.get(i - 1) is not m:
                break                      # a name starts its own chunk: «изданию | Роман Радов»
            if i > start and m is None and doc.person_at.get(i - 1) is not None:
                break
            noun = is_noun_token(wi)
            if i > start and first_pos(doc.word(i - 1)) == "NPRO":
                break                      # «заявил он РБК»: a pronoun takes no genitive
            if seen_noun and noun and not _can_be_genitive_tail(wi) and i > start:
                break
            if not seen_noun and noun and i > start and first_pos(doc.word(i - 1)) in ("ADJF", "PRTF") \
                    and not agree(doc.word(i - 1), wi):
                break                      # «после случившегося | власти города заявили»
            if seen_noun and first_pos(wi) in ("ADJF", "PRTF") and not _can_be_genitive_tail(wi):
                break
            seen_noun = seen_noun or noun
            i += 1
        head = next((k for k in range(start, i) if is_noun_token(doc.word(k))), start)
        out.append(Chunk(start, i, pp, head))
        # a genitive name right after a PP's noun stays in the PP («по просьбе | Никола Пашиняна»)
        m = doc.person_at.get(i)
        pp = pp and m is not None and not is_nominative_mention(m)
    return out


# Prepositional idioms that work as adverbs: the noun phrase after them is not their object.
ADVERBIAL_IDIOMS = (("в", "то", "же", "время"), ("в", "свою", "очередь"), ("в", "итоге"), ("в", "результате"),
                    ("в", "частности"), ("в", "целом"), ("в", "конце", "концов"), ("в", "свое", "время"),
                    ("по", "сути"), ("на", "днях"), ("до", "этого"), ("при", "этом"), ("с", "тех", "пор"))


def _adverbial_idiom(doc: Doc, i: int, hi: int) -> int:
    for idiom in ADVERBIAL_IDIOMS:
        n = len(idiom)
        if i + n <= hi and all(fold(doc.word(i + k)) == idiom[k] for k in range(n)):
            after = doc.word(i + n) if i + n < hi else ""
            if n > 2 or not after[:1].islower() or idiom[-1] in ("итоге", "частности", "целом", "днях", "этом", "сути"):
                return n
    return 0


@lru_cache(maxsize=50_000)
def agree(adj: str, noun: str) -> bool:
    """Can the adjective modify the noun (one case, and one gender or both plural)?"""
    if noun[:1].isupper() and first_pos(noun) is None:
        return True
    for a in nlp.parses(adj)[:4]:
        if a.tag.POS not in ("ADJF", "PRTF"):
            continue
        for n in nlp.parses(noun)[:4]:
            if n.tag.POS != "NOUN" or a.tag.case != n.tag.case:
                continue
            if a.tag.number == "plur" and n.tag.number == "plur":
                return True
            if a.tag.number == n.tag.number and (n.tag.gender is None or a.tag.gender == n.tag.gender or "ms-f" in n.tag):
                return True
    return False


def can_be_nominative(doc: Doc, chunk: Chunk) -> bool:
    m = doc.person_at.get(chunk.head)
    if m is not None:
        return is_nominative_mention(m)
    cases = word_cases(doc.word(chunk.head))
    return not cases or "nomn" in cases


def is_nominative_mention(m: Mention, strict: bool = False) -> bool:
    """A name written as its nominative normal is in the nominative (pymorphy does not know
    most surnames: «Пушков» parses as a genitive of «пушок»)."""
    if m.normal:
        text = " ".join(m.text.split()).lower().replace("ё", "е")
        normal = " ".join(m.normal.split()).lower().replace("ё", "е")
        # a woman's surname the normaliser made male («Булатова» → «Булатов») is still nominative
        if text == normal or " " not in text and text in normal.split(" "):
            return True                # «Яна» of «Яна Рудковская»: one word of the nominative normal
        if not strict and female_nominative(m.text.split()):
            return True                # «Евгения Медведева» the normaliser read as a man's genitive
        if not strict and _unknown_nickname(m.text):
            return True                # «отметил Орлуша»: the normaliser made it «Орлуш»
        # (strict: unless the person is known to be a man, «Радова» then being a genitive)
        return text == normal + "а" and re.search(r"(ов|ев|ин|ын)$", normal) is not None \
            and (not strict or gender_of_name(m.entity or m.normal) != "masc")
    words = m.text.split()
    return bool(words) and "nomn" in word_cases(words[-1])


# ---------------------------------------------------------------- speakers

@dataclass(slots=True)
class Phrase:
    """How the text names a speaker: a span, and what it was recognised as."""
    start: int
    stop: int
    text: str
    kind: str                  # mention | pronoun | role | org | unnamed | name
    mention: Mention | None = None
    head: str = ""
    gender: str | None = None  # from the cue verb's agreement


def phrase_of_chunk(doc: Doc, chunk: Chunk, gender: str | None = None) -> Phrase | None:
    start, stop = doc.tokens[chunk.first].start, doc.tokens[chunk.last - 1].stop
    text = doc.text[start:stop]
    head_word = doc.word(chunk.head)
    head = nlp.lemma(head_word)
    mentions = doc.mentions_in(start, stop)
    head_tok = doc.tokens[chunk.head]
    covering = [m for m in mentions if m.start <= head_tok.start < m.stop]
    per = [m for m in mentions if m.type == "PER"]
    if head in PRONOUNS and chunk.last - chunk.first == 1:
        return Phrase(start, stop, text, "pronoun", covering[0] if covering else None, head, gender or PRONOUNS[head])
    if covering and covering[0].type == "PER" and " " not in covering[0].text.strip() \
            and fold(covering[0].text) != covering[0].text and nlp.lemma(covering[0].text) in lexicon("person_anaphora"):
        return Phrase(start, stop, text, "role", None, head, gender)   # «Страйкер не стал отмалчиваться»: NER read a role as a name
    if covering and covering[0].type == "ORG" and covering[0].kind == "name" and covering[0].stop < stop \
            and covering[0].start <= start and not per:
        return Phrase(start, stop, text, "org", None, head, gender)    # «МИД» + «России»: the whole phrase
    if covering and (covering[0].type != "PER" or covering[0].kind != "name" or head not in lexicon("org_heads")):
        m = covering[0]
        if m.type == "PER" or head not in lexicon("org_heads") or m.kind == "name":
            return Phrase(start, stop, text, "mention", m, head, gender)
    if head in lexicon("org_heads") or head_word.isupper() and len(head_word) > 1:
        return Phrase(start, stop, text, "org", None, head, gender)
    if per and head_tok.stop <= per[-1].start and not is_nominative_mention(per[-1], strict=True) \
            and _is_person_noun(head) and head not in lexicon("org_heads"):
        # «Бывшая жена Марата Башарова призналась»: the wife speaks, not the man in the genitive
        return Phrase(start, stop, text, "role", None, head, gender)
    if per:
        return Phrase(per[-1].start, per[-1].stop, per[-1].text, "mention", per[-1], head, gender)
    last = doc.word(chunk.last - 1)
    if chunk.last - 1 > chunk.head and "LATN" in word_pos(last) and last[:1].isupper() \
            and head not in lexicon("org_heads") and (head not in lexicon("outlets") or _qualified_head(doc, chunk)):
        # «Сервис зашифрованной электронной почты ProtonMail сообщил»: the name ends the phrase
        t = doc.tokens[chunk.last - 1]
        return Phrase(t.start, t.stop, t.text, "name", None, head, gender)
    if head in lexicon("person_anaphora"):
        return Phrase(start, stop, text, "role", None, head, gender)
    if head in lexicon("unnamed") or head in lexicon("outlets"):
        return Phrase(start, stop, text, "unnamed", None, head, gender)
    if _looks_like_name(head_word):
        return Phrase(start, stop, text, "name", None, head, gender)
    return Phrase(start, stop, text, "role", None, head, gender)


def _qualified_head(doc: Doc, chunk: Chunk) -> bool:
    """«агентства недвижимости Savills»: a noun in the genitive after the head says what
    kind of agency it is, so it is no news agency."""
    k = chunk.head + 1
    return k < chunk.last - 1 and first_pos(doc.word(k)) == "NOUN" and doc.word(k).islower() \
        and fold(doc.word(k)) not in ("новостей", "печати", "информации")


def _looks_like_name(word: str) -> bool:
    """Capitalised and not a known common noun («Адвокат» opening a sentence is no name)."""
    if "LATN" in word_pos(word) or word.isupper() and len(word) > 1:
        return True
    if not word[:1].isupper():
        return False
    parses = nlp.parses(word)
    known_common = any(p.tag.POS == "NOUN" and not ({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(p.tag.grammemes))
                       and "UNKN" not in p.tag for p in parses[:2]) and parses[0].is_known
    return not known_common


def speaker_before(doc: Doc, lo: int, cue_i: int, gender: str | None) -> Phrase | None:
    """The subject left of a cue verb in [lo, cue_i): the nearest nominative chunk outside PPs."""
    weak = None
    for chunk in reversed(chunks(doc, lo, cue_i)):
        if chunk.in_pp or not can_be_nominative(doc, chunk) or is_quoted(doc, chunk):
            continue
        if nlp.lemma(doc.word(chunk.head)) in ("который", "что", "это", "то", "все", "всё"):
            return weak
        phrase = phrase_of_chunk(doc, chunk, gender)
        if phrase is not None and plausible(phrase):
            return phrase
        weak = weak or phrase
    return weak


def is_quoted(doc: Doc, chunk: Chunk) -> bool:
    at = doc.tokens[chunk.head].start
    return at < len(doc.quoted) and bool(doc.quoted[at])


def plausible(phrase: Phrase) -> bool:
    """Could this phrase be somebody who speaks? Places, outlets and abstract nouns are weak."""
    first = fold(phrase.text.strip("«»\"“” ").split(" ")[0]) if phrase.text.strip() else ""
    if first in lexicon("outlets") and phrase.kind != "pronoun":
        return False
    if phrase.kind == "mention":
        return phrase.mention is not None and phrase.mention.type in ("PER", "ORG")
    if phrase.kind == "role":
        return phrase.head in lexicon("person_anaphora")
    return True


def speaker_like(phrase: Phrase | None) -> bool:
    """Looser than plausible: also places (metonymy: «Россия отметила») and named roles."""
    if phrase is None:
        return False
    if phrase.kind == "role":
        return phrase.head in lexicon("person_anaphora") or _is_person_noun(phrase.head)
    return True


@lru_cache(maxsize=20_000)
def noun_gender(lemma: str) -> str | None:
    for p in nlp.parses(lemma)[:2]:
        if p.tag.POS == "NOUN":
            return str(p.tag.gender) if p.tag.gender else None
    return None


@lru_cache(maxsize=20_000)
def _is_person_noun(lemma: str) -> bool:
    return any(p.tag.POS == "NOUN" and "anim" in p.tag for p in nlp.parses(lemma)[:2])


def speaker_after(doc: Doc, cue_i: int, hi: int, gender: str | None) -> Phrase | None:
    """The subject right of a cue verb («— сказал в интервью ТАСС Песков»)."""
    cs = chunks(doc, cue_i + 1, hi)
    for n, chunk in enumerate(cs):
        if chunk.in_pp or _web_address(doc, chunk) or is_quoted(doc, chunk):
            continue
        if is_outlet_chunk(doc, chunk):
            continue                    # «— сказал ТАСС Онищенко»: the medium is the channel
        chunk = without_outlet_tail(doc, chunk)
        if n > 0 and chunk.first >= 1 and doc.word(chunk.first - 1) in ("«", '"', "„", "“") \
                and cs[n - 1].last == chunk.first - 1:
            continue                    # «рассказал Агентству "Москва" директор …»: a name of the object
        if nlp.lemma(doc.word(chunk.head)) in CUE_OBJECTS:
            continue                    # «высказывают мнение горожане»: the object of the cue
        if can_be_nominative(doc, chunk):
            phrase = phrase_of_chunk(doc, chunk, gender)
            return _with_name(doc, phrase, cs[n + 1] if n + 1 < len(cs) else None, gender)
        # a dative or instrumental object («журналистам») is passed over
    return None


def _outlet_word(doc: Doc, k: int) -> bool:
    w = doc.word(k)
    if fold(w) in lexicon("outlets") and (w[:1].isupper() or w.isupper()):
        return True
    return any("outlet" in m.flags for m in doc.mentions_in(doc.tokens[k].start, doc.tokens[k].stop))


MEDIA_NAME = re.compile(r"\.(ru|рф|ру|com|net|ua|by|kz|info|org)\b|online|news|ньюс|медиа", re.IGNORECASE)


def is_outlet_chunk(doc: Doc, chunk: Chunk) -> bool:
    """A medium: words of the outlets list or the KB's media, or a name shaped like a site
    («URA.RU», «InKazan.ru», «Регион online»)."""
    if all(_outlet_word(doc, k) or not doc.word(k)[:1].isalnum() for k in range(chunk.first, chunk.last)):
        return True
    a, b = doc.tokens[chunk.first].start, doc.tokens[chunk.last - 1].stop
    text = doc.text[a:b + 8]
    return fold(doc.text[a:b]) in lexicon("outlets") or MEDIA_NAME.search(text[:b - a + 4]) is not None \
        and doc.text[a:a + 1].isupper()


def without_outlet_tail(doc: Doc, chunk: Chunk) -> Chunk:
    """«депутат ТАСС» after «сказал»: the person, not the agency he told."""
    last = chunk.last
    while last - 1 > chunk.head and _outlet_word(doc, last - 1):
        last -= 1
    return Chunk(chunk.first, last, chunk.in_pp, chunk.head) if last != chunk.last else chunk


def _web_address(doc: Doc, chunk: Chunk) -> bool:
    """«корреспонденту ultoday73.ru»: a lower-case Latin piece is no speaker."""
    return all(doc.word(k).isascii() and not doc.word(k)[:1].isupper() for k in range(chunk.first, chunk.last))


def _with_name(doc: Doc, phrase: Phrase | None, nxt: Chunk | None, gender: str | None) -> Phrase | None:
    """A role followed by a name is that person: «заместитель начальника управления Иван Нефёдов»."""
    if phrase is None or phrase.kind not in ("role", "unnamed", "org"):
        return phrase
    # the name may come after more of the title: «министр строительства и ЖКХ РФ Владимир Якушев»
    gap = re.match(r"[^,.;:!?()—–]{0,160}", doc.text[phrase.stop:])
    for m in doc.mentions_in(phrase.stop, phrase.stop + gap.end()):
        if m.type == "PER" and m.start >= phrase.stop:
            return Phrase(m.start, m.stop, m.text, "mention", m, phrase.head, gender)
    return _name_after_list(doc, phrase, gender) or phrase


def _name_after_list(doc: Doc, phrase: Phrase, gender: str | None) -> Phrase | None:
    """«зампред комитета Госдумы по вопросам семьи, женщин и детей Оксана Пушкина»: a title
    with a list in it; the name ends the attribution, and no verb stands in between."""
    gap = re.match(r"[^.;:!?()—–]{0,160}", doc.text[phrase.stop:])
    people = [m for m in doc.mentions_in(phrase.stop, phrase.stop + gap.end()) if m.type == "PER" and m.start >= phrase.stop]
    if not people:
        return None
    m = people[0]
    after = doc.text[m.stop:m.stop + 2]
    if after[:1] not in (".", "", "\n", ",", ";") and not after.startswith(" —"):
        return None
    for k in range(doc.tok_at(phrase.stop), doc.tok_at(m.start)):
        if word_pos(doc.word(k)) & {"VERB", "GRND", "PRTS", "INFN"}:
            return None
    return Phrase(m.start, m.stop, m.text, "mention", m, phrase.head, gender)


def locative_speaker(doc: Doc, lo: int, hi: int) -> Phrase | None:
    """«В МИД РФ подчеркнули», «сообщили в управлении …»: an organisation after в/во/на."""
    i = lo
    while i < hi:
        if fold(doc.word(i)) in ("в", "во") and i + 1 < hi:
            cs = [c for c in chunks(doc, i, hi) if c.in_pp]
            if cs and cs[0].first == i + 1:
                c = cs[0]
                ph = phrase_of_chunk(doc, Chunk(c.first, c.last, False, c.head))
                if ph and (ph.kind in ("org", "name") or ph.kind == "mention" and ph.mention is not None
                           and ph.mention.type in ("ORG", "LOC")):
                    return ph
        i += 1
    return None


def canonical_org(doc: Doc, phrase: Phrase) -> str:
    """The phrase with its head in the nominative, tail as written («пресс-службы X» → «пресс-служба X»)."""
    i = doc.tok_at(phrase.start)
    j = doc.tok_before(phrase.stop)
    words = [doc.word(k) for k in range(i, j)]
    if not words:
        return phrase.text
    head_at = 0
    for k, w in enumerate(words):
        adjective = any(p.tag.POS == "ADJF" for p in nlp.parses(w)[:3]) and not w.isupper()
        if (word_pos(w) & {"NOUN", "LATN", "UNKN"} or w.isupper()) and not adjective:
            head_at = k
            break
    head_word = nominative_form(words[head_at])
    out = [nominative_adj(w, head_word) for w in words[:head_at]] + [head_word]
    first = doc.tokens[i + head_at].stop
    tail = doc.text[first:phrase.stop]
    text = " ".join(out) + tail
    if text[:1].isupper() and not text.split(" ")[0].isupper() and not _proper(text.split(" ")[0]):
        text = text[:1].lower() + text[1:]
    return text


def female_nominative(words: list[str]) -> bool:
    """A woman's first name and surname in the nominative («Евгения Медведева»)."""
    if len(words) < 2:
        return False
    first = any("Name" in p.tag and p.tag.case == "nomn" and p.tag.gender == "femn" and p.score > 0.2
                for p in nlp.parses(words[0])[:3])
    return first and re.search(r"(ова|ева|ёва|ина|ына|ская|цкая)$", words[-1]) is not None


def genitive(name: str) -> str:
    """«Роскомнадзор» → «Роскомнадзора», «МИД России» stays: the head word of a name in the genitive."""
    words = name.split()
    if not words or words[0].isupper():
        return name
    for p in nlp.parses(words[0])[:3]:
        if p.tag.POS == "NOUN" and p.tag.case == "nomn":
            form = p.inflect({"gent"})
            if form:
                w = form.word
                return " ".join([w[:1].upper() + w[1:] if words[0][:1].isupper() else w] + words[1:])
    return name


def nominative_adj(word: str, head: str | None = None) -> str:
    """An adjective put in the nominative agreeing with its head («областной прокуратуры» →
    «областная»); kept when it already agrees («высшая», not «высочайшая»)."""
    want = set()
    if head:
        for p in nlp.parses(head)[:2]:
            if p.tag.POS == "NOUN" and p.tag.case == "nomn":
                want = {p.tag.number or "sing"} | ({p.tag.gender} if p.tag.gender and p.tag.number != "plur" else set())
                break
    for p in nlp.parses(word)[:4]:
        if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn" and all(g in p.tag for g in want):
            return word
    for p in nlp.parses(word):
        if p.tag.POS in ("ADJF", "PRTF"):
            form = p.inflect({"nomn"} | want) or p.inflect({"nomn"})
            if form:
                return form.word
    return word


def _proper(word: str) -> bool:
    return any("Geox" in p.tag or "Name" in p.tag or "Surn" in p.tag or "Orgn" in p.tag for p in nlp.parses(word)[:2])


def gender_of_mention(m: Mention) -> str | None:
    return gender_of_name(m.normal or m.text)


@lru_cache(maxsize=20_000)
def gender_of_name(name: str) -> str | None:
    """Gender of a person's name: a known first name, else a Russian surname ending;
    foreign names («Глэйдис Ли», «Кэрри Лам») say nothing."""
    words = name.split()
    if not words:
        return None
    for p in nlp.parses(words[0])[:3]:
        if "Name" in p.tag and p.tag.case == "nomn" and p.tag.gender in ("masc", "femn") and p.is_known:
            return str(p.tag.gender)
    last = words[-1].lower()
    if re.search(r"(ова|ева|ёва|ина|ына|ская|цкая)$", last):
        return "femn"
    if re.search(r"(ов|ев|ёв|ин|ын|ский|цкий)$", last):
        return "masc"
    return None


def compatible(gender: str | None, other: str | None) -> bool:
    # pymorphy's grammeme objects refuse comparison with values outside their set
    # («plur» is a number, not a gender): compare plain strings.
    gender = None if gender is None else str(gender)
    other = None if other is None else str(other)
    if gender in (None, "neut", "plur") or other is None:
        return gender != "plur" or other is None
    return gender == other
