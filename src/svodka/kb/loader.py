"""Reads the KB's data files (src/svodka/data/kb/*.tsv) into KBEntry records.

Every line of every file carries its source. Entries of one shape for every
country (its foreign and defence ministries) are generated here from
countries.tsv rather than typed 100 times; their source names the country line.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from .model import KBEntry, Role

DATA = Path(__file__).resolve().parents[1] / "data" / "kb"
ENTITY_FILES = ("countries.tsv", "places.tsv", "orgs.tsv", "people.tsv")


def parse_attrs(text: str) -> dict[str, str]:
    out = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if sep and value:
            out[key.strip()] = value.strip()
    return out


def parse_day(text: str, *, end: bool = False) -> date | None:
    """ISO day, or a month/year when only that is known (end of the period for ``end``)."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def entry_from_row(row: dict[str, str]) -> KBEntry:
    wikidata = row["wikidata"] or None
    return KBEntry(
        id=wikidata or f"kb:{row['key']}",
        name=row["name"],
        type=row["type"],
        aliases=tuple(a for a in row["aliases"].split("|") if a),
        flags=tuple(f for f in row["flags"].split("|") if f),
        wikidata=wikidata,
        key=row["key"],
        attrs=parse_attrs(row["attrs"]),
        source=row["source"],
    )


# Names of the foreign and defence ministries that differ from the pattern
# «МИД <genitive>» / «Минобороны <genitive>» (how Russian news names them).
_MINISTRY_NAMES = {
    ("mfa", "usa"): ("Госдепартамент США", ("Госдеп", "Госдепартамент", "Государственный департамент США",
                                            "Государственный департамент", "Госдеп США")),
    ("mod", "usa"): ("Пентагон", ("Министерство обороны США", "Минобороны США")),
    ("mfa", "uk"): ("МИД Великобритании", ("Форин-офис", "Форин офис")),
    ("mfa", "russia"): ("МИД России", ("МИД", "Министерство иностранных дел", "Смоленская площадь",
                                      "Министерство иностранных дел Российской Федерации")),
    ("mod", "russia"): ("Минобороны России", ("Минобороны", "Министерство обороны", "МО РФ",
                                             "Министерство обороны Российской Федерации")),
}


def ministries(country: KBEntry) -> list[KBEntry]:
    """The foreign and defence ministries of a country, named the ways the press names them."""
    gen = country.attrs.get("gen")
    if not gen:
        return []
    adjs = country.attr_list("adj")
    abbrs = [a for a in country.aliases if a.isupper() and len(a) <= 4]
    out = []
    for kind in ("mfa", "mod"):
        if kind == "mfa":
            name = f"МИД {gen}"
            aliases = [f"Министерство иностранных дел {gen}", f"внешнеполитическое ведомство {gen}"]
            aliases += [f"МИД {a}" for a in abbrs]
            aliases += [f"{adj} МИД" for adj in adjs] + [f"{adj} внешнеполитическое ведомство" for adj in adjs]
        else:
            name = f"Минобороны {gen}"
            aliases = [f"Министерство обороны {gen}", f"военное ведомство {gen}", f"оборонное ведомство {gen}"]
            aliases += [f"Минобороны {a}" for a in abbrs] + [f"Министерство обороны {a}" for a in abbrs]
            aliases += [f"{adj} Минобороны" for adj in adjs] + [f"{adj} военное ведомство" for adj in adjs]
            aliases += [f"{adj} оборонное ведомство" for adj in adjs]
        special = _MINISTRY_NAMES.get((kind, country.key))
        if special:
            aliases = [name, *aliases, *special[1]]
            name = special[0]
        out.append(KBEntry(
            id=f"kb:{kind}_{country.key}", name=name, type="ORG",
            aliases=tuple(a for a in aliases if a != name),
            flags=("state_body", "ministry"), key=f"{kind}_{country.key}",
            attrs={"country": country.key}, source=f"generated from countries.tsv:{country.key}",
        ))
    return out


def read_roles(path: Path) -> list[tuple[str, Role]]:
    return [(row["person"], Role(row["role"], row["of"], parse_day(row["start"]),
                                 parse_day(row["end"], end=True), row["source"]))
            for row in read_tsv(path)]


def read_entries(folder: Path = DATA) -> list[KBEntry]:
    entries: list[KBEntry] = []
    for name in ENTITY_FILES:
        entries += [entry_from_row(row) for row in read_tsv(folder / name)]
    entries += [m for e in list(entries) if "country" in e.flags for m in ministries(e)]
    by_key = {e.key: e for e in entries}
    for person, role in read_roles(folder / "roles.tsv"):
        by_key[person].roles.append(role)
    return entries
