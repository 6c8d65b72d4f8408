"""Stage "resolution": every mention gets its canonical entity; roles, metonymy and pronouns are added.

Runs after "entities" (name mentions with nominative normals). Within one article:

- names: the KB (any case form, aliases, abbreviations), else the article itself: a surname
  alone, a first name, «Александр Григорьевич» or «В. Путин» join the full name given earlier
  or later; people the KB does not know stay entities of their own (``PER:<name>``);
- roles (svodka.roles): «премьер-министр Армении Никол Пашинян» (apposition) → that person;
  otherwise the same office named earlier in the article, then the KB's holder on the
  article's date; with no date only a holder named in the article; never guessed;
- metonymy: a capital or residence acting as a state («Москва и Каир договорились»,
  «передача Киеву кораблей») → the state; «в Москве прошла встреча» stays the city;
- pronouns «он/она» (and «по его словам») → the one compatible person of the sentence
  before, when there is exactly one.

Across articles, ``merge_corpus`` maps the (type, canonical, id) triples the store saw to
one canonical per referent («Пашинян» → «Никол Пашинян»).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from . import nlp
from .kb import KB, KBEntry, as_day, load
from .kb.forms import fold, is_patronymic, name_forms, tokens
from .records import Mention
from .roles import SAME_KIND, RolePhrase, find_roles, label

# ----------------------------------------------------------------------------- people


@dataclass
class Person:
    """One referent of the article: its canonical name and the name forms that point to it."""
    entity: str
    entity_id: str
    kb: KBEntry | None
    surname: set[str] = field(default_factory=set)      # folded case forms of the surname
    given: set[str] = field(default_factory=set)        # ... of the first name(s)
    patronymic: str | None = None
    gender: str | None = None
    normals: Counter = field(default_factory=Counter)

    def matches_surname(self, word: str) -> bool:
        return fold(word) in self.surname

    def matches_given(self, word: str) -> bool:
        return fold(word) in self.given


def person_gender(first: str, kb: KBEntry | None) -> str | None:
    if kb is not None and kb.gender:
        return kb.gender
    for p in nlp.parses(first):
        if "Name" in p.tag:
            return "f" if "femn" in p.tag else "m"
    return None


def canonical_person(normal: str) -> str:
    """«Иван Иванович Петров» → «Иван Петров»: the patronymic is dropped so that every
    article that names the person with or without it gives the same canonical."""
    words = normal.split()
    if len(words) == 3 and is_patronymic(words[1]):
        return f"{words[0]} {words[2]}"
    return " ".join(words)


def _forms(word: str, gender: str | None) -> set[str]:
    f = fold(word)
    return name_forms(f, gender) | name_forms(f, None) | {f}


def make_person(entity: str, entity_id: str, kb: KBEntry | None, base: KB) -> Person:
    names = [entity] + (list(kb.aliases) if kb else [])
    first = entity.split()[0]
    p = Person(entity, entity_id, kb, gender=person_gender(first, kb))
    for name in names:
        toks = tokens(name)
        if len(toks) < 2:
            continue
        if kb is not None and kb.attrs.get("order") == "eastern":
            sur, given = toks[0], toks[1:]
        else:
            sur, given = toks[-1], toks[:-1]
        p.surname |= _forms(sur, p.gender)
        for g in given:
            if is_patronymic(g):
                p.patronymic = p.patronymic or g
                p.given |= {f"#{x}" for x in _forms(g, p.gender)}     # patronymic forms, marked
            else:
                p.given |= _forms(g, p.gender)
    return p


class People:
    """The article's people, found by any form of their names."""

    def __init__(self, base: KB, day: date | None) -> None:
        self.base = base
        self.day = day
        self.all: list[Person] = []
        self.by_id: dict[str, Person] = {}
        self.context: set[str] = set()      # KB keys of the places and organisations named

    def add(self, entity: str, entity_id: str, kb: KBEntry | None) -> Person:
        if entity_id in self.by_id:
            return self.by_id[entity_id]
        p = make_person(entity, entity_id, kb, self.base)
        self.all.append(p)
        self.by_id[entity_id] = p
        return p

    def find_full(self, words: list[str]) -> Person | None:
        """A person of the article whose surname and a first name match these words."""
        for p in self.all:
            if p.matches_surname(words[-1]) and p.matches_given(words[0]):
                return p
        return None


def _kb_person(hits: list[KBEntry], day: date | None, base: KB) -> KBEntry | None:
    people = [e for e in hits if e.type == "PER"]
    if len(people) > 1 and day is not None:
        active = [e for e in people if base.roles_at(e, day)]
        people = active or people
    return people[0] if len(people) == 1 else None


def resolve_people(names: list[Mention], base: KB, people: People) -> None:
    """Full names first (they define the article's people), then partial names."""
    partial: list[tuple[Mention, list[str]]] = []
    for m in names:
        if m.type != "PER":
            continue
        words = [w for w in tokens(m.text) if len(w) > 1]
        initials = [w for w in tokens(m.text) if len(w) == 1]
        if len(words) >= 2 and not (len(words) == 2 and is_patronymic(words[1])):
            kb = _kb_person(base.lookup(m.text) or base.lookup(m.normal), people.day, base)
            if kb is not None:
                p = people.add(kb.name, kb.id, kb)
                _set(m, p.entity, p.entity_id, "kb_name")
            else:
                p = people.find_full(words)
                if p is None:
                    canon = canonical_person(m.normal)
                    p = people.add(canon, f"PER:{canon}", None)
                _set(m, p.entity, p.entity_id, "article_full_name")
            p.normals[m.normal] += 1
        else:
            partial.append((m, words or initials))
    for m, words in partial:
        _resolve_partial(m, words, base, people, names)


def _resolve_partial(m: Mention, words: list[str], base: KB, people: People, names: list[Mention]) -> None:
    if not words:
        return
    if len(words) == 2 and is_patronymic(words[1]):
        # «Александр Григорьевич»: a first name with a patronymic
        found = [p for p in people.all if p.matches_given(words[0])
                 and (p.patronymic is None or f"#{fold(words[1])}" in p.given)]
        if len(found) == 1:
            _set(m, found[0].entity, found[0].entity_id, "article_name_patronymic")
            return
        kb = _kb_person(base.lookup(m.text), people.day, base)
        if kb is not None:
            p = people.add(kb.name, kb.id, kb)
            _set(m, p.entity, p.entity_id, "kb_name_patronymic")
            return
        # nobody with that first name and patronymic: a surname that looks like one
        # («Елена Буйневич», «Антон Покатович»), or a person named only so — their own entity
        canon = " ".join(m.normal.split()) or m.text
        p = people.find_full(words) or people.add(canon, f"PER:{canon}", None)
        _set(m, p.entity, p.entity_id, "own_name")
        return
    word = words[-1]
    found = [p for p in people.all if p.matches_surname(word)]
    rule = "article_surname"
    if not found:
        found = [p for p in people.all if p.matches_given(word)]
        rule = "article_first_name"
    if len(found) > 1:
        found = [_nearest(found, m, names)]
    if found:
        _set(m, found[0].entity, found[0].entity_id, rule)
        return
    kb = _kb_person(base.lookup(m.text) or base.lookup(m.normal), people.day, base)
    if kb is not None and _surname_supported(kb, word, people, base):
        p = people.add(kb.name, kb.id, kb)
        _set(m, p.entity, p.entity_id, "kb_surname")
        return
    canon = m.normal.strip() or m.text
    p = people.add(canon, f"PER:{canon}", None)
    _set(m, p.entity, p.entity_id, "own_surname")


_PROMINENT = {"president", "head_of_government", "monarch", "supreme_leader", "secretary_general"}


def _surname_supported(kb: KBEntry, word: str, people: People, base: KB) -> bool:
    """A surname alone is the KB's person only when the article gives it some footing: a head
    of state or government (named alone everywhere), or someone whose country or
    organisation the article names — not a hockey player called «Козлов», not «Мамин борщ»."""
    readings = nlp.parses(word)
    if not any("Surn" in p.tag for p in readings) and readings[0].is_known and (
            readings[0].tag.POS in ("ADJF", "ADJS") or "Name" in readings[0].tag):
        return False        # «Мамин борщ», «к Павлу»: a word or a first name, not the surname
    if any(r.role in _PROMINENT for r in kb.roles):
        return True
    keys = {r.of for r in kb.roles}
    keys |= {c.key for r in kb.roles if (o := base.get(r.of)) is not None and (c := base.country_of(o))}
    return bool(keys & people.context)


def _nearest(found: list[Person], m: Mention, names: list[Mention]) -> Person:
    """Of several people with this name, the one mentioned last before (else first after)."""
    ids = {p.entity_id: p for p in found}
    before = [x for x in names if x.stop <= m.start and x.entity_id in ids]
    if before:
        return ids[before[-1].entity_id]
    after = [x for x in names if x.start >= m.stop and x.entity_id in ids]
    return ids[after[0].entity_id] if after else found[0]


def _set(m: Mention, entity: str, entity_id: str, rule: str) -> None:
    m.entity, m.entity_id = entity, entity_id
    m.rule = f"{m.rule}+{rule}" if m.rule else rule


# ----------------------------------------------------------------------- places, orgs


def _pick(hits: list[KBEntry], type_: str) -> KBEntry | None:
    if not hits:
        return None
    same = [e for e in hits if e.type == type_]
    return (same or hits)[0]


def home_country(names: list[Mention], base: KB, day: date | None) -> KBEntry | None:
    """The country an article is about, when one clearly dominates: its country names and the
    countries of the office holders it names. Russia's bodies named bare («МИД», «Минобороны»)
    are another country's in an article about that country only (Ukrainian, Kazakh outlets)."""
    votes: Counter = Counter()
    for m in names:
        entry = base.get(m.entity_id or "")
        if entry is None:
            continue
        if "country" in entry.flags:
            votes[entry.key] += 1
        elif entry.type == "PER":
            for role in base.roles_at(entry, day) if day else ():
                owner = base.get(role.of)
                if owner is not None and "country" in owner.flags:
                    votes[owner.key] += 1
                    break
        elif entry.attrs.get("country") and not _bare_russian_body(entry, m):
            votes[entry.attrs["country"]] += 1
    if not votes:
        return None
    top, n = votes.most_common(1)[0]
    russia = votes.get("russia", 0)
    if top == "russia" or (russia and (n < 3 or n < 2 * russia)):
        return None
    return base.get(top)


def dominant_country(people: People, base: KB, day: date | None) -> KBEntry | None:
    """The country whose office holders the article names most, when one clearly leads."""
    votes: Counter = Counter()
    for p in people.all:
        if p.kb is None or day is None:
            continue
        for role in base.roles_at(p.kb, day):
            owner = base.get(role.of)
            if owner is not None and "country" in owner.flags:
                votes[owner.key] += 1
                break
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 1 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return base.get(ranked[0][0])


_BARE_BODIES = {"МИД", "Минобороны", "Министерство иностранных дел", "Министерство обороны", "Генпрокуратура",
                "Минфин", "Минюст", "МВД", "Генштаб", "Правительство", "ЦИК", "Верховный суд",
                "Конституционный суд", "СК", "Министерство финансов", "Минздрав", "Центробанк", "ЦБ",
                "Нацбанк", "Генеральная прокуратура"}


def _bare_russian_body(entry: KBEntry, m: Mention) -> bool:
    return entry.attrs.get("country") == "russia" and fold(m.normal) in {fold(b) for b in _BARE_BODIES}


def rehome_bodies(names: list[Mention], base: KB, day: date | None, text: str) -> None:
    home = home_country(names, base, day)
    if home is None:
        return
    for k, m in enumerate(names):
        entry = base.get(m.entity_id or "")
        if entry is None or not _bare_russian_body(entry, m):
            continue
        nxt = names[k + 1] if k + 1 < len(names) else None
        if nxt is not None and "country" in nxt.flags and not text[m.stop:nxt.start].strip():
            continue        # «Минобороны РФ»: the country is said
        own = base.get(entry.key[:4] + home.key) if entry.key.startswith(("mfa_", "mod_")) else None
        if own is not None:
            _set(m, own.name, own.id, "home_country")
        else:
            canon = f"{entry.name.removesuffix(' России')} {home.attrs.get('gen', home.name)}"
            _set(m, canon, f"ORG:{canon}", "home_country")


def resolve_things(names: list[Mention], base: KB, text: str, parsed: nlp.Parsed) -> None:
    for k, m in enumerate(names):
        if m.type == "PER":
            continue
        entry = _pick(base.lookup(m.text) or base.lookup(m.normal), m.type) or _with_previous_word(m, text, base)
        if entry is None:
            canon = " ".join(m.normal.split()) or m.text
            _set(m, canon, f"{m.type}:{canon}", "own_name")
            continue
        entry = _ministry_of(entry, m, names[k + 1] if k + 1 < len(names) else None, base, text, parsed)
        _set(m, entry.name, entry.id, "kb_alias")
        if "country" in entry.flags and "country" not in m.flags:
            m.flags = m.flags + ("country",)
        if "media" in entry.flags and "outlet" not in m.flags:
            m.flags = m.flags + ("outlet",)


def _with_previous_word(m: Mention, text: str, base: KB) -> KBEntry | None:
    """A name the entity stage cut short: «РИА Новости» tagged from «Новости» on."""
    before = text[max(0, m.start - 20):m.start].rstrip(" «\"\u00a0")
    word = before.split()[-1].strip("«\"„") if before.split() else ""
    if not word or not word[:1].isupper():
        return None
    hits = base.lookup(f"{word} {m.text}")
    return _pick(hits, m.type) if hits else None


# Generic heads that stand for an organisation named before («Организация» for ОДКБ,
# «альянс» for НАТО): the nearest organisation of the article whose name has that word.
GENERIC_ORG_WORDS = {"организация", "альянс", "союз", "содружество", "блок", "агентство", "ведомство"}


LOWERCASE_ORG_WORDS = {"альянс"}
_GENERIC_PREFIXES = tuple(w[:5] for w in GENERIC_ORG_WORDS)
_ADJ_END = ("ий", "ый", "ой", "ая", "ое", "ые", "ие")


def _head_word(name: str) -> str:
    """The first noun of a name: «Североатлантический альянс» → альянс."""
    words = name.replace("«", "").replace("»", "").split()
    for w in words:
        if not w.lower().endswith(_ADJ_END):
            return nlp.lemma(w)
    return nlp.lemma(words[-1]) if words else ""


def resolve_descriptions(ctx, names: list[Mention], base: KB) -> list[Mention]:
    """«российское оборонное ведомство», «внешнеполитическое ведомство США»: a ministry
    described, not named (kind "role", type ORG)."""
    toks, out = ctx.parsed.tokens, []
    taken = [(m.start, m.stop) for m in names]
    for k, tok in enumerate(toks):
        if not tok.text.lower().startswith("ведомств"):
            continue
        for a, b in ((k - 2, k + 1), (k - 1, k + 1), (k - 1, k + 3), (k, k + 3), (k, k + 2)):
            if a < 0 or b > len(toks):
                continue
            start, stop = toks[a].start, toks[b - 1].stop
            hit = _pick([e for e in base.lookup(ctx.text[start:stop]) if e.type == "ORG"], "ORG")
            if hit is not None and not any(s < stop and start < e for s, e in taken):
                out.append(Mention(start, stop, "ORG", ctx.text[start:stop], hit.name, kind="role",
                                   entity=hit.name, entity_id=hit.id, rule="org_description"))
                break
    return out


def resolve_generic_orgs(ctx, names: list[Mention], base: KB) -> list[Mention]:
    orgs = [(m, base.get(m.entity_id or "")) for m in names if m.type == "ORG"]
    orgs = [(m, e) for m, e in orgs if e is not None]
    out = []
    named = {m.start: m for m in names}
    nato = base.get("nato")
    spans = [(m.start, m.stop) for m in names]
    for tok in ctx.parsed.tokens:
        if not tok.text.lower().startswith(_GENERIC_PREFIXES):
            continue
        word = nlp.lemma(tok.text)
        if word not in GENERIC_ORG_WORDS:
            continue
        m = named.get(tok.start)
        if m is None and any(a <= tok.start and tok.stop <= b for a, b in spans):
            continue            # inside a name: «Североатлантического альянса»
        if m is None and word not in LOWERCASE_ORG_WORDS:
            continue            # «военно-политическая организация» is no name; «альянс» is
        if m is not None and (m.entity_id or "").startswith(("kb:", "Q")) or m is not None and m.stop > tok.stop:
            continue
        cands = [(o, e) for o, e in orgs if o.start != tok.start and any(
            _head_word(a) == word for a in (e.name, *e.aliases))]
        if not cands and word == "альянс" and nato is not None:
            # in Russian news «альянс» alone is NATO unless the article names another one
            cands = [(Mention(0, 0, "ORG", "", ""), nato)]
        if not cands:
            continue
        before = [c for c in cands if c[0].stop <= tok.start]
        _, e = before[-1] if before else cands[0]
        if m is not None:
            _set(m, e.name, e.id, "generic_org")
        elif tok.text[:1].islower():
            out.append(Mention(tok.start, tok.stop, "ORG", tok.text, word, kind="role",
                               entity=e.name, entity_id=e.id, rule="generic_org"))
    return out


def _ministry_of(entry: KBEntry, m: Mention, nxt: Mention | None, base: KB, text: str,
                 parsed: nlp.Parsed) -> KBEntry:
    """«МИД Германии», «германского МИД»: the ministry of the country named next to it."""
    if not entry.key.startswith(("mfa_", "mod_")):
        return entry
    prefix = entry.key[:4]
    if nxt is not None and nxt.type == "LOC" and not text[m.stop:nxt.start].strip():
        country = _pick(base.lookup(nxt.text) or base.lookup(nxt.normal), "LOC")
        if country is not None and "country" in country.flags:
            return base.get(prefix + country.key) or entry
    before = text[max(0, m.start - 40):m.start].split()
    if before:
        country = base.country_of_adjective(before[-1])
        if country is not None and before[-1][:1].islower():
            return base.get(prefix + country.key) or entry
    return entry


# ------------------------------------------------------------------------- metonymy

# A capital after one of these prepositions is a place («в Москве», «из Киева»).
_PLACE_PREPS = {"в", "во", "из", "под", "до", "около", "у", "над", "к", "ко", "по", "через", "возле", "близ",
                "на", "за", "от", "вокруг", "между" }
# Nouns whose genitive dependent is the state acting («позиция Москвы», «союз Москвы и Минска»).
_RELATION_NOUNS = {"союз", "отношение", "позиция", "прибыль", "решение", "ответ", "заявление", "требование",
                   "политика", "обязательство", "интерес", "сторона", "претензия", "санкция", "давление",
                   "поддержка", "предложение", "участие", "действие", "шаг", "реакция", "ультиматум", "угроза",
                   "план", "намерение", "стремление", "попытка", "вмешательство", "помощь", "партнер", "союзник",
                   "просьба", "призыв", "обвинение", "взаимодействие", "сотрудничество", "диалог", "переговоры",
                   "противостояние", "конфликт", "спор", "курс", "признание", "демарш", "нота", "протест", "официальный", "доход", "расход", "долг", "кредит", "договоренность", "соглашение", "отказ",
                   "решимость", "готовность", "согласие", "возражение", "роль", "вклад", "ответственность",
                   "вина", "стратегия", "подход", "линия", "усилие", "инициатива", "посредничество", "представитель", "делегация", "обращение", "жалоба", "иск", "приглашение", "визит",
                   "агрессия", "оккупация", "провокация", "ход", "контроль", "влияние", "зависимость"}
# Verbs of saying and thinking: «в Варшаве надеются», «в Киеве утверждают» — the government.
_SAY_VERBS = {"надеяться", "утверждать", "заявить", "заявлять", "считать", "сообщить", "сообщать", "отметить",
              "отмечать", "ответить", "отвечать", "опасаться", "полагать", "рассчитывать", "подтвердить",
              "подтверждать", "признать", "признавать", "допускать", "исключать", "решить", "пояснить",
              "отреагировать", "реагировать", "настаивать", "требовать", "потребовать", "предупредить",
              "предупреждать", "пообещать", "обещать", "осудить", "осуждать", "опровергнуть", "опровергать",
              "прокомментировать", "комментировать", "оценить", "оценивать", "выступить", "возмутиться",
              "уверять", "заверить", "напомнить", "предложить", "предлагать"}
# Nouns whose genitive dependent is the city as a place («центр Тбилиси», «мэр Москвы»).
_PLACE_NOUNS = {"центр", "улица", "житель", "мэр", "окраина", "аэропорт", "пригород", "район", "окрестность",
                "площадь", "метро", "вокзал", "гостиница", "отель", "музей", "университет", "школа", "больница",
                "губернатор", "власть", "мэрия", "правительство", "область", "регион", "север", "юг", "запад",
                "восток", "небо", "погода", "пробка", "дорога", "квартал", "здание", "суд", "полиция"}


def _singular_cases(word: str) -> set[str]:
    """Cases of a role head read as a singular noun («главы»: genitive, not nominative plural)."""
    return {str(p.tag.case) for p in nlp.parses(word)[:4] if p.tag.case and "sing" in p.tag}


def _case(word: str) -> set[str]:
    return {str(p.tag.case) for p in nlp.parses(word)[:3] if p.tag.case}


def _they_say(toks, k: int, sent) -> bool:
    """«в Варшаве надеются», «в Кремле заявили»: a plural verb of saying with no subject."""
    end = sent.last if sent is not None else len(toks)
    for t in toks[k + 1:min(k + 4, end)]:
        if not t.text[:1].isalpha():
            return False
        p = nlp.parses(t.text)[0]
        if p.tag.POS in ("VERB",) and "plur" in p.tag and p.normal_form in _SAY_VERBS:
            return True
        if p.tag.POS in ("NOUN", "NPRO") and "nomn" in p.tag:
            return False
    return False


def is_metonymy(m: Mention, parsed: nlp.Parsed, index: dict[int, int], capitals: set[int]) -> str | None:
    """The rule that makes a capital here stand for its state, or None (a place)."""
    k = index.get(m.start)
    if k is None:
        return None
    toks = parsed.tokens
    word = toks[k].text
    if word.isupper() and len(word) > 3:
        return None                                  # «МИНСК, 18 ноя» — a dateline
    prev = toks[k - 1].text.lower() if k > 0 else ""
    sent = parsed.sentence_of(m.start)
    if sent is not None and k == sent.first and k + 1 < len(toks) and toks[k + 1].text in (".", ","):
        return None                                  # «Москва. 18 ноября.» — a dateline
    if prev in ("в", "во") and _they_say(toks, k, sent):
        return "metonymy_they_say"
    if prev in _PLACE_PREPS:
        return None
    if prev == "официальный" or prev == "официального" or prev == "официальному" or prev == "официальным":
        return "metonymy_official"
    cases = _case(word)
    prev_lemma = nlp.lemma(prev) if prev[:1].isalpha() else ""
    if prev_lemma in _PLACE_NOUNS:
        return None
    # coordination with another state / capital: «Москвы и Минска», «Москве и Тбилиси»
    for other in (k - 2, k + 2):
        if 0 <= other < len(toks) and other in capitals and toks[min(k, other) + 1].text.lower() == "и":
            first = min(k, other)
            before = toks[first - 1].text.lower() if first > 0 else ""
            if before not in _PLACE_PREPS - {"между"}:
                return "metonymy_pair"
    if "gent" in cases and prev_lemma in _RELATION_NOUNS:
        return "metonymy_relation"
    if "ablt" in cases and prev not in ("с", "со", "над", "под", "за", "перед", "между") and "nomn" not in cases:
        return "metonymy_agent"                      # «выполнение Киевом обязательств»
    if "datv" in cases and "nomn" not in cases and "loct" not in cases and prev not in ("к", "ко", "по"):
        return "metonymy_recipient"                  # «передача Киеву кораблей»
    if "nomn" in cases:
        for t in toks[k + 1:k + 6]:
            if t.text in ".!?;:()«»\"" :
                break
            tag = nlp.parses(t.text)[0].tag
            if tag.POS in ("VERB", "ADJS") and t.text[:1].islower():
                return "metonymy_subject"           # «Анкара отказалась», «Москва готова»
            if tag.POS in ("NOUN",) and "nomn" not in str(tag) and t.text[:1].islower():
                break
    return None


# Capitals that Russian-language media also write about as cities in their own right
# («Москва хорошеет»): acting as the state only when another state is in the article.
_HOME_CAPITAL_STATES = {"russia", "ukraine", "belarus", "kazakhstan"}


def _other_states(names: list[Mention], state: KBEntry, base: KB) -> bool:
    """Whether the article names a state other than this one (a country or its capital)."""
    for m in names:
        entry = base.get(m.entity_id or "")
        if entry is None:
            continue
        if "country" in entry.flags and entry.key != state.key:
            return True
        if "capital" in entry.flags and entry.attrs.get("country") not in (None, state.key):
            return True
        if entry.type == "ORG" and "intl" in entry.flags:
            return True
    return False


def resolve_metonymy(names: list[Mention], base: KB, parsed: nlp.Parsed) -> None:
    index = {t.start: k for k, t in enumerate(parsed.tokens)}
    capitals = set()
    for m in names:
        entry = base.get(m.entity_id or "")
        if entry is not None and (("capital" in entry.flags) or "country" in entry.flags) and m.start in index:
            capitals.add(index[m.start])
    for m in names:
        entry = base.get(m.entity_id or "")
        if entry is None:
            continue
        if "residence" in entry.flags:
            # «в Кремле заявили», «Белый дом обнародовал» stand for the administration;
            # «в Кремле прошла встреча» is the building: no metonymy flag, same entity
            k = index.get(m.start)
            prev = parsed.tokens[k - 1].text.lower() if k else ""
            acting = prev not in _PLACE_PREPS or _they_say(parsed.tokens, k, parsed.sentence_of(m.start))
            if acting and "metonymy" not in m.flags:
                m.flags = m.flags + ("metonymy",)
            continue
        if "capital" not in entry.flags:
            continue
        rule = is_metonymy(m, parsed, index, capitals)
        state = base.country_of(entry)
        if rule in ("metonymy_subject", "metonymy_they_say") and state is not None \
                and state.key in _HOME_CAPITAL_STATES and not _other_states(names, state, base):
            rule = None     # «Москва хорошеет»: a city story with no other state in it
        if rule and state is not None:
            _set(m, state.name, state.id, rule)
            m.flags = m.flags + ("metonymy",)


# ---------------------------------------------------------------------------- roles

_PARLIAMENTARY = {"uk", "germany", "japan", "india", "israel", "italy", "hungary", "canada", "spain",
                  "netherlands", "poland", "czechia", "austria", "sweden", "norway", "denmark", "greece",
                  "armenia", "georgia", "belgium", "australia", "new_zealand", "ireland", "pakistan"}


def _leader_roles(of: str) -> list[str]:
    if of in _PARLIAMENTARY:
        return ["head_of_government", "president", "monarch"]
    return ["supreme_leader", "president", "head_of_government", "monarch"]


# Heads too general to stand for the last person so described («глава» of what?).
GENERIC_HEADS = {"глава", "руководитель", "директор", "председатель", "член", "министр", "лидер", "президент",
                 "премьер", "премьер-министр", "представитель", "заместитель", "помощник", "советник", "коллега",
                 "начальник", "шеф", "генерал", "канцлер", "госсекретарь", "генсек", "вице-президент", "мэр",
                 "губернатор", "спикер", "владелец", "основатель", "судья"}


def _kind(head: str) -> frozenset[str]:
    word = head.split()[0]
    for group in SAME_KIND:
        if word in group:
            return frozenset(group)
    return frozenset({word})


@dataclass
class _RoleMemory:
    offices: dict[tuple[str, str, bool], list[tuple[int, Person]]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[frozenset, list[tuple[int, Person]]] = field(default_factory=lambda: defaultdict(list))
    heads_of_state: list[tuple[int, Person]] = field(default_factory=list)
    by_code: dict[str, list[tuple[int, Person]]] = field(default_factory=lambda: defaultdict(list))


_GAP_OK = re.compile(r"^[\s\u00a0«\"„*_]*$")        # markdown emphasis too: «**Никол Пашинян**»
_GAP_BACK = re.compile(r"^[\s*_]*[,–—-][\s*_]*$")
_CLAUSE_END = re.compile(r"^[\s*_]*([,.;:)!?]|$)")


_COMPLEMENT = re.compile(r"^\s+(по|при|в|во)\s+[а-яё«»\"\- ]{3,60}?\s+$", re.IGNORECASE)


_GENITIVE_GAP = re.compile(r"^\s+((?:[а-яё-]+\s+){1,4})$")


def _noun_complement(gap: str) -> bool:
    """A short lower-case genitive phrase between a description and the name: nouns,
    adjectives and «и», no verbs («министр сельского хозяйства Дмитрий Патрушев»)."""
    hit = _GENITIVE_GAP.match(gap)
    if not hit:
        return False
    for word in hit.group(1).split():
        if word == "и":
            continue
        tag = nlp.parses(word)[0].tag
        if tag.POS not in ("NOUN", "ADJF") or "gent" not in tag:
            return False
    return True


def _apposition(ph: RolePhrase, persons: list[Mention], text: str) -> Mention | None:
    for m in persons:
        if m.start >= ph.stop and _GAP_OK.match(text[ph.stop:m.start]):
            return m
        if m.start >= ph.stop and ph.appositive_only and m.start - ph.stop < 64 \
                and _COMPLEMENT.match(text[ph.stop:m.start]) and len(text[ph.stop:m.start].split()) <= 6:
            return m        # «Помощник госсекретаря США по военно-политическим вопросам Кларк Купер»
        if m.start >= ph.stop and ph.appositive_only and _noun_complement(text[ph.stop:m.start]):
            return m        # «министр торговли и интеграции Бахыт Султанов»
        if m.start > ph.stop:
            break
    return None


def m_first(m: Mention, toks) -> int:
    return next((k for k, t in enumerate(toks) if t.start == m.start), 0)


_OF_SOMEONE = {"пресс-секретарь", "помощник", "советник", "представитель", "заместитель", "адвокат", "коллега"}


def _leads(entry: KBEntry, base: KB, day: date | None) -> str | None:
    """The country a KB person heads on that day (president, head of government, monarch)."""
    for role in base.roles_at(entry, day) if day else entry.roles:
        if role.role in ("president", "head_of_government", "monarch", "supreme_leader"):
            return role.of
    return None


def _name_is_inner(ph: RolePhrase, m: Mention, p: Person, toks, base: KB, day: date | None) -> bool:
    """Whose name follows «адвоката экс-президента Армении …»: the inner office's when only it
    agrees in case, or when both agree and the KB does not give the inner office to someone else."""
    outer, inner = _agrees(toks[ph.head_k].text, m.text), _agrees(toks[ph.inner.head_k].text, m.text)
    if not inner:
        return False
    if not outer:
        return True
    if ph.inner.former or ph.inner.code is None:
        return True         # «адвоката бизнесмена Игоря Коломойского»: the nearer description
    holder = base.holder(ph.inner.code, ph.inner.of, day) if ph.inner.of else None
    return holder is not None and holder.id == p.entity_id


def _agrees(head: str, name: str) -> bool:
    """Case agreement of a role head and the first word of the name in apposition."""
    a, b = _singular_cases(head), _case(name.split()[0])
    return not a or not b or bool(a & b)


def _back_apposition(ph: RolePhrase, persons: list[Mention], text: str) -> Mention | None:
    """«Мария Захарова, официальный представитель МИД»."""
    before = [m for m in persons if m.stop <= ph.start]
    if before and _GAP_BACK.match(text[before[-1].stop:ph.start]):
        return before[-1]
    return None


def resolve_roles(ctx, names: list[Mention], base: KB, people: People) -> list[Mention]:
    text, day = ctx.text, people.day
    home = home_country(names, base, day)
    persons = sorted((m for m in names if m.type == "PER" and m.entity_id), key=lambda m: m.start)
    phrases = find_roles(ctx.parsed, names, base)
    memory = _RoleMemory()
    resolved: dict[int, tuple[Person, str]] = {}
    # pass 1: apposition — the person named right after (or before) the description
    toks = ctx.parsed.tokens
    for n, ph in enumerate(list(phrases)):
        m = _apposition(ph, persons, text)
        if m is None:
            continue
        if not _GAP_OK.match(text[ph.stop:m.start]):
            # the complement belongs to the description: «министр торговли и интеграции»
            ph = phrases[n] = replace(ph, stop=ph.stop + len(text[ph.stop:m.start].rstrip()))
        if ph.inner is None and not _agrees(toks[ph.head_k].text, m.text):
            continue        # «пресс-секретарь Владимира Путина»: the name depends on the role
        p = people.by_id.get(m.entity_id)
        if p is None:
            continue
        if ph.code is None and ph.inner is None and ph.head in _OF_SOMEONE and p.kb is not None \
                and _leads(p.kb, base, day) and _case(toks[m_first(m, toks)].text) & {"gent"}:
            # «пресс-секретаря Владимира Путина»: a leader's aide, not the leader
            country = _leads(p.kb, base, day)
            holder = base.holder("press_secretary", country, day) if ph.head == "пресс-секретарь" else None
            if holder is not None:
                resolved[n] = (people.add(holder.name, holder.id, holder), "role_press_secretary_of")
            continue
        if ph.inner is not None and _name_is_inner(ph, m, p, toks, base, day):
            # «адвоката экс-президента Армении Роберта Кочаряна»: the name is the inner office's
            phrases.append(ph.inner)
            resolved[len(phrases) - 1] = (p, "role_apposition_inner")
            _remember(ph.inner, p, memory, base, day)
            continue
        resolved[n] = (p, "role_apposition")
        _remember(ph, p, memory, base, day)
    # a chain of descriptions before one name: «Председателем СКБ ОДКБ, Президентом Беларуси Лукашенко»
    for n in range(len(phrases) - 2, -1, -1):
        if n not in resolved and n + 1 in resolved and _GAP_BACK.match(text[phrases[n].stop:phrases[n + 1].start]):
            resolved[n] = (resolved[n + 1][0], "role_apposition_chain")
            _remember(phrases[n], resolved[n][0], memory, base, day)
    # «Мария Захарова, официальный представитель МИД,» — the name just before, when the
    # description closes the clause (else it may introduce the next name)
    for n, ph in enumerate(phrases):
        if n in resolved or not ph.appositive_only or not _CLAUSE_END.match(text[ph.stop:ph.stop + 3]):
            continue
        m = _back_apposition(ph, persons, text)
        p = people.by_id.get(m.entity_id) if m is not None else None
        if p is not None:
            resolved[n] = (p, "role_back_apposition")
            _remember(ph, p, memory, base, day)
    # pass 2: the rest, in text order
    for n, ph in enumerate(phrases):
        if n in resolved:
            continue
        found = _resolve_office(ph, memory, base, day, people, home, text)
        if found is not None:
            resolved[n] = found
            if ph.code and not ph.former:
                memory.by_code[ph.code].append((ph.start, found[0]))
            if not ph.former and ph.code in ("president", "leader", "head_of_state", "monarch", "supreme_leader"):
                memory.heads_of_state.append((ph.start, found[0]))
    out = []
    for n, (p, rule) in sorted(resolved.items(), key=lambda x: phrases[x[0]].start):
        ph = phrases[n]
        out.append(Mention(ph.start, ph.stop, "PER", text[ph.start:ph.stop], label(ph, base, text), kind="role",
                           entity=p.entity, entity_id=p.entity_id, rule=f"{ph.rule}+{rule}"))
    return out


def _remember(ph: RolePhrase, p: Person, memory: _RoleMemory, base: KB, day: date | None) -> None:
    if ph.code and ph.of:
        holder = base.holder(ph.code, ph.of, day) if not ph.former else None
        # a description the KB gives to someone else on that day is not the office itself
        # («Руководитель Администрации Президента Кыргызстана Акылбек Жапаров»)
        if holder is None or p.kb is None or holder.id == p.entity_id:
            memory.offices[(ph.code, ph.of, ph.former)].append((ph.start, p))
    memory.kinds[_kind(ph.head)].append((ph.start, p))
    if ph.code and not ph.former:
        memory.by_code[ph.code].append((ph.start, p))
    if not ph.former and ph.code in ("president", "leader", "head_of_state", "monarch", "supreme_leader"):
        memory.heads_of_state.append((ph.start, p))


_BY_CODE = {"head_of_government", "foreign_minister", "defence_minister", "secretary_general", "press_secretary",
            "spokesperson", "mayor", "speaker"}
_MINISTER_CODES = {"foreign_minister", "defence_minister", "finance_minister", "interior_minister"}
_MINISTER_WORDS = {"министр", "глава ведомства", "руководитель ведомства"}


def _nearest_before(items: list[tuple[int, Person]], at: int) -> Person | None:
    before = sorted((pos, p) for pos, p in items if pos < at)
    return before[-1][1] if before else None


def _nearest_memory(items: list[tuple[int, Person]], at: int) -> Person | None:
    if not items:
        return None
    before = [p for pos, p in items if pos < at]
    if before:
        return before[-1]
    return min(items, key=lambda x: x[0])[1]


_RUSSIA_SAID = re.compile(r"росси|рф\b|российск|кремл", re.IGNORECASE)


def _resolve_office(ph: RolePhrase, memory: _RoleMemory, base: KB, day: date | None,
                    people: People, home: KBEntry | None = None, text: str = "") -> tuple[Person, str] | None:
    if home is not None and ph.code and not ph.former and (
            ph.of is None and ph.code in _BY_CODE and text[ph.start:ph.stop].lower().startswith("наш")
            or ph.of == "russia" and not _RUSSIA_SAID.search(text[ph.start:ph.stop])):
        # «главой Минобороны», «наш министр обороны» in an article about another country
        ph = replace(ph, of=home.key, appositive_only=False)
    if ph.code and ph.of and not ph.appositive_only:
        p = _nearest_memory(memory.offices.get((ph.code, ph.of, ph.former), []), ph.start)
        if p is not None:
            return p, "role_in_article"
        if ph.former:
            # «пятый президент Украины»: the one former holder the article names
            current = base.holder(ph.code, ph.of, day)
            named = [e for e in base.holders(ph.code, ph.of) if e.id in people.by_id and e != current]
            if len(named) == 1:
                return people.by_id[named[0].id], "role_kb_former_named"
            return None
        codes = _leader_roles(ph.of) if ph.code == "leader" else [ph.code]
        for code in codes:
            holder = base.holder(code, ph.of, day)
            if holder is not None:
                return people.add(holder.name, holder.id, holder), "role_kb_date"
            if day is None:
                named = [e for e in base.holders(code, ph.of) if e.id in people.by_id]
                if len(named) == 1:
                    return people.by_id[named[0].id], "role_kb_named"
        return None
    if ph.former:
        return None
    if ph.code in ("head_of_state", "president", "leader") and ph.of is None:
        if not ph.bare and ph.code != "head_of_state":
            return None     # «лидер «Движения свободных граждан»»: some organisation's leader
        p = _nearest_memory(memory.heads_of_state, ph.start)
        if p is not None:
            return p, "role_head_of_state_context"
        country = dominant_country(people, base, day) if ph.bare else None
        for code in _leader_roles(country.key) if country is not None else ():
            holder = base.holder(code, country.key, day)
            if holder is not None:
                return people.add(holder.name, holder.id, holder), "role_head_of_state_of_article"
        return None
    if ph.bare and (ph.code in _BY_CODE or ph.head in _MINISTER_WORDS):
        # «Премьер отметил», «Министр также напомнил»: the one named so before
        codes = {ph.code} if ph.code else _MINISTER_CODES
        p = _nearest_before([x for c in codes for x in memory.by_code.get(c, [])], ph.start)
        if p is not None:
            return p, "role_bare_office"
    if (ph.code is None or ph.appositive_only) and ph.head.split()[0] not in GENERIC_HEADS:
        items = memory.kinds.get(_kind(ph.head), [])
        before = [p for pos, p in items if pos < ph.start]
        if before:
            return before[-1], "role_same_kind"
    return None


# ------------------------------------------------------------------------ pronouns

_PRONOUNS = {"он": "m", "она": "f"}
_POSSESSIVE = re.compile(r"\b[Пп]о\s+(его|ее|её)\s+(словам|мнению|данным|оценке|утверждению|версии|признанию)")


def resolve_pronouns(ctx, mentions: list[Mention]) -> list[Mention]:
    """«он»/«она» as a subject, «по его словам»: the one compatible person of the previous
    and the current sentence; nothing when there are several."""
    parsed, out = ctx.parsed, []
    people_at = sorted((m for m in mentions if m.type == "PER" and m.entity_id), key=lambda m: m.start)
    genders = {}
    for m in people_at:
        genders.setdefault(m.entity_id, _gender_of(m))
    for s_idx, sent in enumerate(parsed.sents):
        lo = parsed.sents[s_idx - 1].start if s_idx > 0 else sent.start
        for k in range(sent.first, sent.last):
            tok = parsed.tokens[k]
            low = tok.text.lower()
            gender = _PRONOUNS.get(low)
            rule = "pronoun_subject"
            if gender is None:
                if low in ("его", "ее", "её") and k > 0 and parsed.tokens[k - 1].text.lower() == "по" \
                        and _POSSESSIVE.match(ctx.text, parsed.tokens[k - 1].start):
                    gender, rule = ("m" if low == "его" else "f"), "pronoun_possessive"
                else:
                    continue
            if rule == "pronoun_subject" and not _speaks(parsed, k, sent):
                continue    # «Он предусматривает штрафы» may be a bill: only people say and think
            cands = {m.entity_id: m for m in people_at if lo <= m.start < tok.start and genders.get(m.entity_id) == gender}
            if len(cands) == 1:
                m = next(iter(cands.values()))
                out.append(Mention(tok.start, tok.stop, "PER", tok.text, low, kind="pronoun",
                                   entity=m.entity, entity_id=m.entity_id, rule=rule))
    return out


_SPEAK_VERBS = _SAY_VERBS | {"сказать", "говорить", "добавить", "добавлять", "подчеркнуть", "подчеркивать",
                             "уточнить", "уточнять", "написать", "писать", "рассказать", "рассказывать",
                             "признаться", "признаваться", "пояснять", "объяснить", "объяснять", "верить",
                             "думать", "убежденный", "уверенный", "выразить", "выражать", "сообщить", "призвать",
                             "призывать", "пообещать", "отказаться", "согласиться", "поблагодарить", "встретиться",
                             "позвонить", "посетить", "провести", "подписать", "назначить", "поручить"}


def _speaks(parsed: nlp.Parsed, k: int, sent) -> bool:
    """A verb of saying, thinking or a person's act next to the pronoun."""
    for n in range(max(sent.first, k - 3), min(sent.last, k + 4)):
        if n == k:
            continue
        word = parsed.tokens[n].text
        if word[:1].isalpha() and nlp.lemma(word) in _SPEAK_VERBS:
            return True
    return False


def _gender_of(m: Mention) -> str | None:
    first = (m.entity or "").split()[0] if m.entity else ""
    base = load()
    entry = base.get(m.entity_id or "")
    if entry is not None and entry.gender:
        return entry.gender
    if len((m.entity or "").split()) >= 2 or first[-1:] in "аяь":
        return person_gender(first, None)      # «Женя», «Мария»: a first name tells
    return None


# ------------------------------------------------------------------------ the stage


def annotate(ctx) -> None:
    base = load()
    day = as_day(ctx.published)
    names = sorted((m for m in ctx.analysis.mentions if m.kind == "name"), key=lambda m: m.start)
    people = People(base, day)
    for m in names:
        if m.type != "PER":
            hits = base.lookup(m.text)
            if hits:
                people.context.add(hits[0].key)
                owner = base.country_of(hits[0])
                if owner is not None:
                    people.context.add(owner.key)
    resolve_people(names, base, people)
    resolve_things(names, base, ctx.text, ctx.parsed)
    resolve_metonymy(names, base, ctx.parsed)
    rehome_bodies(names, base, day, ctx.text)
    roles = resolve_roles(ctx, names, base, people) + resolve_generic_orgs(ctx, names, base) \
        + resolve_descriptions(ctx, names, base)
    pronouns = resolve_pronouns(ctx, names + roles)
    taken = {(m.start, m.stop) for m in ctx.analysis.mentions}
    ctx.analysis.mentions.extend(m for m in roles + pronouns if (m.start, m.stop) not in taken)
    ctx.analysis.mentions.sort(key=lambda m: (m.start, -m.stop))


# ---------------------------------------------------------------------- across articles


def merge_corpus(entities: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """One canonical per referent across articles.

    Takes the (type, canonical, entity_id) triples seen in the corpus (repeats count as
    evidence) and maps each to the triple that stands for its referent:

    - full names of people the KB does not know that differ only by case forms
      («Роман Труба» / «Романа Труба», a normal form gone wrong in one article) join the
      variant seen most often;
    - a surname-only person («PER:Пашинян») joins the one full name of the corpus with that
      surname (the KB's or not); with two or more such full names it is left alone;
    - KB entities, organisations and places map to themselves.
    """
    counts = Counter(entities)
    out: dict[tuple[str, str, str], tuple[str, str, str]] = {t: t for t in counts}
    # 1. case variants of unknown full names
    buckets: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
    for triple in counts:
        type_, canon, eid = triple
        words = canon.split()
        if type_ == "PER" and len(words) >= 2 and eid.startswith("PER:"):
            buckets[(len(words), fold(words[-1])[:3])].append(triple)
    for group in buckets.values():
        for cluster in _case_variant_clusters(group):
            best = max(cluster, key=lambda t: (counts[t], -len(t[1])))
            for t in cluster:
                out[t] = best
    # 2. surnames alone
    full: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for triple in counts:
        type_, canon, _ = triple
        words = canon.split()
        if type_ == "PER" and len(words) >= 2:
            for form in _forms(words[-1], None):
                full[form].add(out[triple])
    for triple in counts:
        type_, canon, eid = triple
        words = canon.split()
        if type_ != "PER" or len(words) != 1 or not eid.startswith("PER:"):
            continue
        cands = full.get(fold(words[0]), set())
        if len(cands) == 1:
            out[triple] = next(iter(cands))
    return out


def _same_name(a: str, b: str) -> bool:
    return all(fold(x) in _forms(y, None) or fold(y) in _forms(x, None) for x, y in zip(a.split(), b.split()))


def _case_variant_clusters(group: list[tuple[str, str, str]]) -> list[list[tuple[str, str, str]]]:
    clusters: list[list[tuple[str, str, str]]] = []
    for t in group:
        for c in clusters:
            if _same_name(t[1], c[0][1]):
                c.append(t)
                break
        else:
            clusters.append([t])
    return clusters
