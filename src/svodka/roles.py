"""Role descriptions in a text: «премьер-министр Армении», «глава МИД Германии», «белорусский лидер».

``find_roles(parsed, mentions, base)`` returns ``RolePhrase`` records: the span of the
description, the office it names (a role code and the KB key of the country or
organisation, when the text says), whether it is a former office («бывший президент»),
and which rule recognised it. Who holds it is decided by svodka.resolve (apposition,
the article's date, the rest of the article), not here.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import nlp
from .kb import KB, KBEntry
from .records import Mention

# pymorphy's first reading is wrong for these role words («премьера» → a première).
_LEMMA_FIX = {"премьера": "премьер", "премьеру": "премьер", "премьером": "премьер", "премьере": "премьер",
              "премьеры": "премьер", "генсеком": "генсек"}


def role_lemma(word: str) -> str:
    low = word.lower().replace("ё", "е")
    return _LEMMA_FIX.get(low) or nlp.lemma(word)


# Heads that name an office by themselves; the country or organisation follows
# (genitive) or precedes (adjective). Longest first when matching.
OFFICE_HEADS: dict[tuple[str, ...], str] = {
    ("президент",): "president",
    ("вице-президент",): "vice_president",
    ("премьер-министр",): "head_of_government",
    ("премьер",): "head_of_government",
    ("канцлер",): "head_of_government",
    ("председатель", "правительство"): "head_of_government",
    ("глава", "правительство"): "head_of_government",
    ("глава", "кабмин"): "head_of_government",
    ("глава", "кабинет", "министр"): "head_of_government",
    ("председатель", "кабинет", "министр"): "head_of_government",
    ("министр", "иностранный", "дело"): "foreign_minister",
    ("глава", "дипломатия"): "foreign_minister",
    ("глава", "внешнеполитический", "ведомство"): "foreign_minister",
    ("госсекретарь",): "foreign_minister",
    ("министр", "оборона"): "defence_minister",
    ("глава", "военный", "ведомство"): "defence_minister",
    ("глава", "оборонный", "ведомство"): "defence_minister",
    ("генеральный", "секретарь"): "secretary_general",
    ("генеральный", "прокурор"): "prosecutor_general",
    ("генпрокурор",): "prosecutor_general",
    ("министр", "финансы"): "finance_minister",
    ("министр", "внутренний", "дело"): "interior_minister",
    ("генсек",): "secretary_general",
    ("король",): "monarch",
    ("королева",): "monarch",
    ("верховный", "лидер"): "supreme_leader",
    ("верховный", "руководитель"): "supreme_leader",
    ("лидер",): "leader",
    ("глава", "государство"): "head_of_state",
    ("хозяин", "кремль"): "president@russia",
    ("глава", "кремль"): "president@russia",
    ("хозяин", "белый", "дом"): "president@usa",
    ("глава", "белый", "дом"): "president@usa",
    ("официальный", "представитель", "кремль"): "press_secretary@russia",
    ("пресс-секретарь", "кремль"): "press_secretary@russia",
    ("мэр",): "mayor",
    ("градоначальник",): "mayor",
    ("спикер",): "speaker",
}

# «глава/руководитель/директор/председатель» + an organisation: the office
# follows from the organisation (МИД → foreign minister, Кремль → president...).
HEAD_OF = {"глава", "руководитель", "директор", "председатель", "шеф", "начальник"}

# Offices that only denote someone when the text names them next to it
# («помощник президента Украины Андрей Ермак», «политолог Иван Петров»), or
# when the same description was given to someone earlier in the article.
APPOSITIVE_HEADS = {
    "помощник", "советник", "пресс-секретарь", "представитель", "спецпредставитель", "посол", "спецпосланник",
    "заместитель", "замглавы", "замминистра", "замгоссекретаря", "вице-премьер", "вице-премьер-министр",
    "министр", "вице-спикер", "сенатор", "депутат", "парламентарий", "член", "губернатор", "глава", "руководитель",
    "директор", "председатель", "прокурор", "генпрокурор", "политолог", "эксперт", "аналитик", "экономист",
    "историк", "социолог", "журналист", "корреспондент", "редактор", "главред", "обозреватель", "блогер",
    "адвокат", "юрист", "дипломат", "генерал", "командующий", "лидер", "коллега", "бизнесмен", "предприниматель",
    "миллиардер", "олигарх", "писатель", "режиссер", "актер", "актриса", "певец", "певица", "оппозиционер",
    "активист", "правозащитник", "омбудсмен", "уполномоченный", "судья", "следователь", "спикер", "мэр",
    "канцлер", "премьер", "премьер-министр", "президент", "госсекретарь", "генсек", "вице-президент", "основатель",
    "владелец", "гендиректор", "ректор", "академик", "профессор", "ученый", "врач", "тренер", "футболист",
    "зампредседателя", "зампред", "замруководителя", "замдиректора", "заммэра", "замгубернатора",
    "вице-губернатор", "вице-мэр", "постпред", "полпред", "главком", "замгенпрокурора", "первый",
}

# Classes of appositive heads that can stand for each other later in the text
# («сенатор Иван Петров ... парламентарий отметил»).
SAME_KIND = [
    {"сенатор", "депутат", "парламентарий", "член", "вице-спикер", "спикер"},
    {"политолог", "эксперт", "аналитик", "экономист", "историк", "социолог"},
    {"посол", "дипломат", "замглавы", "заместитель", "спецпредставитель", "представитель", "замминистра"},
    {"адвокат", "юрист"},
    {"журналист", "корреспондент", "редактор", "главред", "обозреватель"},
    {"бизнесмен", "предприниматель", "миллиардер", "олигарх"},
]

# Words that make an office a former (or future) one: never resolved by date.
NOT_CURRENT = {"бывший", "экс", "экс-", "прежний", "покойный", "предыдущий", "будущий", "новый", "избранный",
               "первый", "второй", "третий", "четвертый", "пятый", "шестой", "последний", "тогдашний",
               "предшественник", "временно", "исполняющий"}

# Words that cannot start or continue the country/organisation part.
_COUNTRY_STAND_INS = {"страна", "государство", "республика"}


@dataclass(slots=True)
class RolePhrase:
    start: int
    stop: int
    i: int                       # first token index
    j: int                       # token index after the phrase
    head: str                    # the head lemma(s), "премьер-министр", "глава мид"
    code: str | None             # role code when an office is named, else None (appositive only)
    of: str | None               # KB key of the country / organisation
    former: bool = False
    appositive_only: bool = False
    rule: str = ""
    head_k: int = 0              # the head's token (its case must agree with an appositive name)
    bare: bool = False           # nothing after the head names whose office it is («Президент отметил»)
    inner: RolePhrase | None = None   # «помощник [президента Украины]»: the office inside


def _is_country(entry: KBEntry) -> bool:
    return "country" in entry.flags


class _Slots:
    """Finds the country / organisation a role belongs to, starting at a token."""

    def __init__(self, parsed: nlp.Parsed, mentions: list[Mention], base: KB) -> None:
        self.toks = parsed.tokens
        self.base = base
        self.mention_at: dict[int, Mention] = {m.start: m for m in mentions if m.kind == "name"}
        self.tok_at = {t.start: k for k, t in enumerate(self.toks)}
        self.tok_end = {t.stop: k for k, t in enumerate(self.toks)}

    def entity_at(self, k: int) -> tuple[KBEntry | None, int]:
        """The KB entry named from token k on (a mention there, else the longest KB span), and
        the token after it; an organisation mention the KB does not know gives (None, after)."""
        if k >= len(self.toks):
            return None, k
        m = self.mention_at.get(self.toks[k].start)
        if m is not None and m.type in ("LOC", "ORG"):
            hits = self.base.lookup(m.text) or self.base.lookup(m.normal)
            end = self.tok_end.get(m.stop)
            if end is not None:
                return (hits[0] if hits else None), end + 1
        word = self.toks[k].text
        if not (word[:1].isupper() or role_lemma(word) in _ORG_NOUNS):
            return None, k
        for n in (4, 3, 2, 1):
            if k + n > len(self.toks):
                continue
            text = " ".join(t.text for t in self.toks[k:k + n])
            hits = [e for e in self.base.lookup(text) if e.type in ("LOC", "ORG")]
            if hits:
                return hits[0], k + n
        return None, k

    def adjective_at(self, k: int) -> KBEntry | None:
        if 0 <= k < len(self.toks):
            word = self.toks[k].text
            if word[:1].isalpha() and word.lower().endswith(("ий", "ый", "ой", "ого", "ому", "им", "ым", "ом", "ая",
                                                              "ую", "ей", "ое", "ие", "ые", "их", "ых", "ими", "ыми")):
                return self.base.country_of_adjective(word)
        return None


def _office_from_org(org: KBEntry, base: KB, head: str) -> tuple[str, str]:
    """«глава МИД Германии» → foreign_minister of germany; «глава ФСБ» → head of fsb."""
    key = org.key
    if key.startswith("mfa_"):
        return "foreign_minister", key[4:]
    if key.startswith("mod_"):
        return "defence_minister", key[4:]
    if "residence" in org.flags and head in ("глава", "хозяин"):
        # «глава Кремля» is the president; «руководитель администрации» is not
        country = base.country_of(org)
        return "president", country.key if country else key
    if key.endswith("government") or key == "downing_street":
        country = base.country_of(org)
        return "head_of_government", country.key if country else key
    if _is_country(org):
        return "leader", key
    if "parliament" in org.flags:
        return "speaker", key
    return "head", key


def _retarget(org: KBEntry, country: KBEntry, base: KB) -> KBEntry:
    """«МИД» + «Германии»: the ministry of the country that follows."""
    for prefix in ("mfa_", "mod_"):
        if org.key.startswith(prefix):
            return base.get(prefix + country.key) or org
    return org


def _head_words() -> set[str]:
    words = {key[0] for key in OFFICE_HEADS} | HEAD_OF | APPOSITIVE_HEADS
    return words | {f"экс-{w}" for w in words}


def _head_stems() -> dict[str, list[str]]:
    stems: dict[str, list[str]] = {}
    for w in _head_words() | set(_LEMMA_FIX):
        stem = w[:-2] if len(w) > 5 else w[:3]          # what case endings leave alone
        stems.setdefault(stem[:3], []).append(stem)
    return stems


# Tokens are lemmatised only when they start like a head word: pymorphy costs
# about as much per word as the NER model here, and roles are rare.
_HEAD_STEMS = _head_stems()


def could_be_head(word: str) -> bool:
    if len(word) < 3 or not word[0].isalpha():
        return False
    low = word.lower().replace("ё", "е")
    return any(low.startswith(stem) for stem in _HEAD_STEMS.get(low[:3], ()))


class _Lemmas:
    """Role lemmas of the tokens, computed on demand."""

    def __init__(self, toks) -> None:
        self.toks = toks
        self.memo: dict[int, str] = {}

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self.toks)))]
        got = self.memo.get(k)
        if got is None:
            text = self.toks[k].text
            got = role_lemma(text) if text[:1].isalpha() else text
            self.memo[k] = got
        return got

    def __len__(self) -> int:
        return len(self.toks)


def find_roles(parsed: nlp.Parsed, mentions: list[Mention], base: KB) -> list[RolePhrase]:
    slots = _Slots(parsed, mentions, base)
    toks = parsed.tokens
    lemmas = _Lemmas(toks)
    out: list[RolePhrase] = []
    k = 0
    while k < len(toks):
        phrase = _match_at(k, toks, lemmas, slots, base) if could_be_head(toks[k].text) else None
        if phrase is None:
            k += 1
            continue
        out.append(phrase)
        k = phrase.j
    return out


def _head_at(k, lemmas, slots: _Slots) -> tuple[tuple[str, ...] | None, KBEntry | None, int]:
    """The office head at k (longest first), allowing a country adjective after its first
    word («глава украинской дипломатии»); returns (head, country, tokens used)."""
    lem = lemmas[k].removeprefix("экс-") if lemmas[k] != "экс-" else lemmas[k]
    if lem not in _MULTI_FIRST:
        return ((lem,), None, 1) if (lem,) in OFFICE_HEADS else (None, None, 1)
    words = [lem] + [lemmas[x] for x in range(k + 1, min(k + 3, len(lemmas)))]
    for n in (3, 2, 1):
        if len(words) >= n and tuple(words[:n]) in OFFICE_HEADS:
            return tuple(words[:n]), None, n
    adj = slots.adjective_at(k + 1) if k + 2 < len(lemmas) else None
    if adj is not None:
        rest = [lemmas[x] for x in range(k + 2, min(k + 4, len(lemmas)))]
        for n in (2, 1):
            key = (lem, *rest[:n])
            if len(rest) >= n and key in OFFICE_HEADS:
                return key, adj, n + 2
    return None, None, 1


_MULTI_FIRST = {key[0] for key in OFFICE_HEADS if len(key) > 1}

# Organisation nouns written in lower case that can start the organisation part
# («советник министерства иностранных дел», «глава кабмина»).
_ORG_NOUNS = {"мид", "минобороны", "госдеп", "госдепартамент", "пентагон", "кремль", "кабмин", "правительство",
              "министерство", "ведомство", "администрация", "госдума", "парламент", "минфин", "минюст"}
_LINKS = {"в", "во", "при"}
_NOT_A_PERSON_BEFORE = {"выборы", "пост", "должность", "кандидат", "кресло", "полномочие", "срок", "институт",
                        "инаугурация", "импичмент", "вакансия", "претендент", "кандидатура"}         # «посол Украины в ФРГ», «постпред России при ООН»
_LEFT_ADJ_MAX = 2


def _match_at(k, toks, lemmas, slots: _Slots, base: KB, depth: int = 0) -> RolePhrase | None:
    lem = lemmas[k]
    former = lem.startswith("экс-") and lem != "экс-"
    if former:
        lem = lem[4:]
    head_key, country, used = _head_at(k, lemmas, slots)
    if head_key is None and lem not in HEAD_OF and lem not in APPOSITIVE_HEADS:
        return None
    if toks[k].text[:1].isupper() and _inside_name(toks[k], slots):
        return None
    if _plural(toks, k, lemmas):
        return None             # «лидеры стран», «главы государств»: several people
    start_k = k
    # modifiers to the left: «бывший», «экс-», a country adjective («белорусский лидер»),
    # other adjectives («генеральный прокурор», «специальный представитель»)
    b = k - 1
    while b >= 0 and b >= k - 3:
        lb = lemmas[b]
        if lb in NOT_CURRENT or lb.startswith("экс-") or lb == "экс":
            former, start_k = True, b
        elif country is None and slots.adjective_at(b) is not None:
            country, start_k = slots.adjective_at(b), b
        elif lb in ("наш", "свой", "действующий", "нынешний", "официальный") or (
                k - b <= _LEFT_ADJ_MAX and _is_adjective(toks[b].text)):
            start_k = b
        else:
            break
        b -= 1
    j = k + used
    code = OFFICE_HEADS.get(head_key) if head_key else None
    of: str | None = None
    if code and "@" in code:
        code, of = code.split("@")
    rule = "role_office" if code else "role_appositive"
    head = " ".join(head_key) if head_key else lem
    # the organisation / country part to the right
    adj_mid = slots.adjective_at(j) if j < len(toks) else None
    if adj_mid is not None and country is None:
        country, j = adj_mid, j + 1
    entity, after = slots.entity_at(j)
    consumed = entity is not None
    if entity is None and after > j:
        j, consumed = after, True            # an organisation the KB does not know («директор ГБР»)
    if entity is None and not consumed and j < len(toks) and lemmas[j] in _COUNTRY_STAND_INS:
        j, consumed = j + 1, True            # «президент страны»: the country is decided later
    if entity is not None:
        j = after
        more, after2 = slots.entity_at(j)
        if more is not None and _is_country(more) and not _is_country(entity):
            entity, j = _retarget(entity, more, base), after2
        if country is not None and not _is_country(entity):
            entity = _retarget(entity, country, base)
        if more is not None and _is_country(more) and not _is_country(entity):
            owner = base.country_of(entity)
            if owner is not None and owner.key != more.key:
                entity = None   # «Администрации президента Киргизии» is not the Kremlin
        elif more is None and j < len(toks) and lemmas[j] in _COUNTRY_STAND_INS:
            j, entity = j + 1, None     # «глава МИД страны»: which country, the text says elsewhere
    if code is None and entity is not None and lem in HEAD_OF:
        code, of = _office_from_org(entity, base, lem)
        rule = "role_head_of"
    elif code is not None and of is None:
        if entity is not None:
            if code in ("secretary_general", "speaker", "head") or _is_country(entity) or code == "mayor" and base.country_of(entity) is not None:
                of = entity.key
            else:
                of = (base.country_of(entity) or entity).key
        elif country is not None:
            of = country.key
    inner_phrase = None
    if (code is None or code == "press_secretary" and of is None) and not consumed and depth == 0 \
            and j < len(toks) and could_be_head(toks[j].text):
        # «заместитель главы МИД», «пресс-секретарь президента России»: a description of
        # someone else's office; the inner office names its owner
        inner = _match_at(j, toks, lemmas, slots, base, depth + 1)
        if inner is not None:
            j = inner.j
            inner_phrase = inner
            if lem == "пресс-секретарь" and inner.code in ("president", "head_of_state") and inner.of:
                code, of, rule = "press_secretary", inner.of, "role_press_secretary"
            elif inner.code == "foreign_minister" and lem == "представитель" and inner.of:
                code, of, rule = "spokesperson", f"mfa_{inner.of}", "role_spokesperson"
    if code is None and j + 1 < len(toks) and lemmas[j] in _LINKS:
        place, after = slots.entity_at(j + 1)
        if place is not None or after > j + 1:
            j = after
    if code == "foreign_minister" and of is None and lem == "госсекретарь":
        of = "usa"
    if code is None and lem == "представитель" and entity is not None and entity.key.startswith("mfa_"):
        code, of, rule = "spokesperson", entity.key, "role_spokesperson"
    appositive_only = code is None or (code in ("leader", "head", "speaker", "mayor", "president",
                                                "head_of_government", "press_secretary") and of is None)
    if of is None and start_k > 0 and lemmas[start_k - 1] in _NOT_A_PERSON_BEFORE:
        return None             # «выборы президента», «пост премьера»: the office, not its holder
    stop = toks[j - 1].stop
    return RolePhrase(toks[start_k].start, stop, start_k, j, head, code, of, former, appositive_only, rule,
                      head_k=k, inner=inner_phrase, bare=not consumed and entity is None and inner_phrase is None
                      and country is None)


def _is_adjective(word: str) -> bool:
    if not word[:1].isalpha() or not word[:1].islower():
        return False
    return "ADJF" in nlp.parses(word)[0].tag


def _plural(toks, k: int, lemmas: list[str]) -> bool:
    """The head (or its «государств», «стран») has only plural readings."""
    for n in (k, k + 1):
        if n >= len(toks) or (n > k and lemmas[n] not in ("государство", "страна")):
            continue
        readings = nlp.parses(toks[n].text)
        if readings and all("plur" in p.tag for p in readings[:3]):
            return True
    return False


def _inside_name(tok, slots: _Slots) -> bool:
    """A capitalised head inside an organisation's name («Президент-отель»): not a role."""
    m = slots.mention_at.get(tok.start)
    return m is not None and m.type in ("ORG",) and m.stop > tok.stop


def label(phrase: RolePhrase, base: KB, text: str) -> str:
    """A nominative description for the entity's roles list: «премьер-министр Армении»."""
    if phrase.code and phrase.of:
        of = base.get(phrase.of)
        word = ROLE_WORDS.get(phrase.code)
        if of is not None and word and of.attrs.get("gen"):
            gen = of.attrs["gen"]       # countries; organisations keep the text as written
            return f"{'бывший ' if phrase.former else ''}{word} {gen}"
    words = text[phrase.start:phrase.stop].split()
    if words and phrase.i == phrase.head_k and not words[0].isupper():
        words[0] = phrase.head.split()[0]                   # the head in the nominative: «помощником» → «помощник»
    if words and not words[0].isupper():
        words[0] = words[0][:1].lower() + words[0][1:]     # «Помощник президента Украины» → «помощник …»
    return " ".join(words)


ROLE_WORDS = {
    "president": "президент", "vice_president": "вице-президент", "head_of_government": "премьер-министр",
    "foreign_minister": "министр иностранных дел", "defence_minister": "министр обороны",
    "secretary_general": "генеральный секретарь", "press_secretary": "пресс-секретарь президента",
    "monarch": "монарх", "supreme_leader": "верховный лидер", "leader": "лидер", "head": "глава",
    "mayor": "мэр", "speaker": "председатель", "prosecutor_general": "генеральный прокурор",
    "finance_minister": "министр финансов", "interior_minister": "министр внутренних дел",
}
