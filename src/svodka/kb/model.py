"""The knowledge base's records: entries and their dated roles."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from ``start`` to ``end`` (inclusive; None = open).

    ``role`` is a code (president, head_of_government, foreign_minister, ...);
    ``of`` the KB key of the country or organisation the office belongs to.
    """
    role: str
    of: str
    start: date | None = None
    end: date | None = None
    source: str = ""

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class KBEntry:
    id: str                          # Wikidata id when known, else "kb:<key>"
    name: str                        # canonical nominative full name
    type: str                        # PER | LOC | ORG
    aliases: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()      # country, capital, city, region, intl, state_body, media, ...
    wikidata: str | None = None
    roles: list[Role] = field(default_factory=list)
    key: str = ""                    # the slug in the data files («russia», «putin»)
    attrs: dict[str, str] = field(default_factory=dict)   # gen, adj, capital, country, gender, ...
    source: str = ""

    @property
    def gender(self) -> str | None:
        return self.attrs.get("gender")

    def attr_list(self, name: str) -> list[str]:
        value = self.attrs.get(name, "")
        return [v for v in value.split(",") if v]

    def __hash__(self) -> int:
        return hash(self.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KBEntry) and other.id == self.id
