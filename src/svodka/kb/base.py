"""The KB's lookups: aliases (any case form), dated role holders, adjectives.

Alias tables are built once per process; every lookup is a few dict probes, and
results are cached, so the resolution stage can call them per mention.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from functools import lru_cache
from itertools import product

from .. import nlp
from .forms import fold, is_patronymic, name_forms, tokens
from .model import KBEntry

# Aliases that are ordinary words when written in lower case («рада», «мира»)
# or short all-caps abbreviations («СК», «ЕР») only match when the query
# is written the same way.
_CAPS_MAX = 4
# Surnames this short are too often words or initials to match alone.
_SURNAME_MIN = 3


def _guard(alias: str) -> str:
    bare = alias.strip("«»\"")
    if bare.isupper() and len(bare) <= _CAPS_MAX:
        return "caps"
    if bare[:1].isupper() and " " not in bare:
        return "cap"            # «Рада», «Мира»: a capitalised single word; phrases are specific enough
    return ""


def _passes(guard: str, query: str) -> bool:
    bare = query.strip("«»\" ")
    if guard == "caps":
        return bare.isupper()
    if guard == "cap":
        return bare[:1].isupper()
    return True


def _signature(toks) -> tuple[str, ...]:
    return tuple(t[:3] for t in toks)


def lemma_key(text: str) -> tuple[str, ...]:
    return tuple(nlp.lemma(t) for t in tokens(text))


def as_day(when: date | datetime | str | None) -> date | None:
    if when is None:
        return None
    if isinstance(when, datetime):
        return when.date()
    if isinstance(when, date):
        return when
    return date.fromisoformat(str(when)[:10])


class KB:
    def __init__(self, entries: list[KBEntry]) -> None:
        self.entries = entries
        self.by_key = {e.key: e for e in entries}
        self.by_id = {e.id: e for e in entries}
        self._exact: dict[str, list[tuple[KBEntry, str]]] = defaultdict(list)
        self._lemmas: dict[tuple[str, ...], list[tuple[KBEntry, str]]] = defaultdict(list)
        self._names: dict[tuple[str, ...], list[KBEntry]] = defaultdict(list)
        self._alias_forms: dict[str, list[tuple[KBEntry, str]]] = defaultdict(list)
        self._forms: dict[str, set[str]] = defaultdict(set)       # declined name token -> base tokens
        self._surnames: dict[str, list[KBEntry]] = defaultdict(list)
        self._adjectives: dict[str, KBEntry] = {}
        self._holders: dict[tuple[str, str], list[KBEntry]] = defaultdict(list)
        for entry in entries:
            self._index(entry)
        # pymorphy is slow: a query is lemmatised only when the first letters of its words
        # are those of some alias (inflection changes endings, not beginnings)
        self._signatures = {_signature(key) for key in self._lemmas}
        self._adj_prefixes = {word[:3] for word in self._adjectives}
        self._name_prefixes = {tok[:3] for key in self._names for tok in key}

    # -- building -----------------------------------------------------------
    def _index(self, entry: KBEntry) -> None:
        for alias in (entry.name, *entry.aliases):
            guard = _guard(alias)
            self._exact[fold(alias)].append((entry, guard))
            self._lemmas[lemma_key(alias)].append((entry, guard))
            if entry.type == "PER":
                self._index_name(entry, alias)
            elif " " not in alias.strip() and guard != "caps":
                # pymorphy guesses on rare names («Совфеда»): index their case forms too
                for form in name_forms(fold(alias), None):
                    self._alias_forms[form].append((entry, guard))
        for word in entry.attr_list("adj") + entry.attr_list("demonym"):
            if "country" in entry.flags or word not in self._adjectives:
                self._adjectives[nlp.lemma(word)] = entry
        for role in entry.roles:
            if entry not in self._holders[(role.role, role.of)]:
                self._holders[(role.role, role.of)].append(entry)

    def _index_name(self, entry: KBEntry, alias: str) -> None:
        toks = tokens(alias)
        for tok in toks:
            for form in name_forms(tok, entry.gender):
                self._forms[form].add(tok)
        self._names[tuple(toks)].append(entry)
        if len(toks) == 3 and is_patronymic(toks[1]):
            # «Александр Григорьевич»: first name and patronymic without the surname
            self._names[tuple(toks[:2])].append(entry)
        if len(toks) >= 2:
            surname = toks[0] if entry.attrs.get("order") == "eastern" else toks[-1]
            if len(surname) >= _SURNAME_MIN and not is_patronymic(surname) and entry not in self._surnames[surname]:
                self._surnames[surname].append(entry)

    # -- lookups --------------------------------------------------------------
    def get(self, key_or_id: str) -> KBEntry | None:
        return self.by_key.get(key_or_id) or self.by_id.get(key_or_id)

    def lookup(self, text: str) -> list[KBEntry]:
        """Entries named by ``text``: an alias in any case form, or a person's name forms."""
        return list(self._lookup(text))

    @lru_cache(maxsize=100_000)  # noqa: B019 — one KB per process (kb.load), so the cache lives as long anyway
    def _lookup(self, text: str) -> tuple[KBEntry, ...]:
        if not text.strip():
            return ()
        # cheapest first: exact alias, generated case forms, people; pymorphy lemmas last
        hits = [e for e, g in self._exact.get(fold(text), ()) if _passes(g, text)]
        if not hits:
            hits = [e for e, g in self._alias_forms.get(fold(text), ()) if _passes(g, text)]
        if not hits and text.strip()[:1].isupper():
            hits = self._person(text, lemmas=False)
        if not hits and _signature(tokens(text)) in self._signatures:
            hits = [e for e, g in self._lemmas.get(lemma_key(text), ()) if _passes(g, text)]
        if not hits and text.strip()[:1].isupper():
            hits = self._person(text)
        return tuple(dict.fromkeys(hits))

    def _bases(self, tok: str, lemmas: bool = True) -> set[str]:
        out = self._forms.get(tok, set()) | {tok}
        if lemmas and tok[:3] in self._name_prefixes:
            out = out | {nlp.lemma(tok)}
        return out

    def _person(self, text: str, lemmas: bool = True) -> list[KBEntry]:
        toks = tokens(text)
        if not toks or len(toks) > 4:
            return []
        if len(toks) == 1:
            return self.by_surname(toks[0], lemmas)
        initials = [t for t in toks if len(t) == 1]
        if initials and len(toks) - len(initials) == 1:
            return self._by_initials(initials, next(t for t in toks if len(t) > 1))
        hits: list[KBEntry] = []
        for combo in product(*(self._bases(t, lemmas) for t in toks)):
            hits += self._names.get(combo, [])
        return hits

    def _by_initials(self, initials: list[str], surname: str) -> list[KBEntry]:
        """«В. Путин», «Путин В. В.»: the surname's people whose given names start so."""
        out = []
        for entry in self.by_surname(surname):
            for alias in (entry.name, *entry.aliases):
                given = [t for t in tokens(alias) if t != self.surname_of(entry)]
                if len(given) >= len(initials) and all(g.startswith(i) for g, i in zip(given, initials)):
                    out.append(entry)
                    break
        return out

    def by_surname(self, word: str, lemmas: bool = True) -> list[KBEntry]:
        """People whose surname (in any case form) is ``word``."""
        hits: list[KBEntry] = []
        for base in self._bases(fold(word), lemmas):
            hits += [e for e in self._surnames.get(base, []) if e not in hits]
        return hits

    def surname_of(self, entry: KBEntry) -> str:
        toks = tokens(entry.name)
        return toks[0] if entry.attrs.get("order") == "eastern" else toks[-1]

    def name_matches(self, entry: KBEntry, word: str) -> bool:
        """Whether ``word`` is a case form of one of the tokens of the entry's names."""
        w = fold(word)
        bases = self._bases(w)
        return any(b in tokens(a) for a in (entry.name, *entry.aliases) for b in bases)

    def country_of_adjective(self, word: str) -> KBEntry | None:
        """«белорусский», «американского», «россиянин» → the country."""
        if fold(word)[:3] not in self._adj_prefixes:
            return None
        return self._adjectives.get(nlp.lemma(word))

    def holders(self, role: str, of: str) -> list[KBEntry]:
        return list(self._holders.get((role, self._key(of)), []))

    def holder(self, role: str, of: str, when: date | datetime | str | None) -> KBEntry | None:
        """Who held ``role`` of ``of`` (key, id or name) on that day; None if unknown or not one."""
        day = as_day(when)
        if day is None:
            return None
        of_key = self._key(of)
        found = [e for e in self._holders.get((role, of_key), [])
                 if any(r.role == role and r.of == of_key and r.covers(day) for r in e.roles)]
        return found[0] if len(found) == 1 else None

    def roles_at(self, entry: KBEntry, when: date | datetime | str | None) -> list:
        day = as_day(when)
        return [r for r in entry.roles if day is None or r.covers(day)]

    def _key(self, of: str) -> str:
        if of in self.by_key:
            return of
        entry = self.by_id.get(of)
        if entry is None:
            hits = self.lookup(of)
            entry = hits[0] if hits else None
        return entry.key if entry else of

    def country_of(self, entry: KBEntry) -> KBEntry | None:
        """The state a capital, residence or state body belongs to."""
        key = entry.attrs.get("country")
        return self.by_key.get(key) if key else None

    def capital_of(self, country: KBEntry) -> KBEntry | None:
        key = country.attrs.get("capital")
        return self.by_key.get(key) if key else None
