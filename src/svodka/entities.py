"""Stage "entities": name mentions (Natasha's spans + svodka.nerrules) with nominative normals.

``annotate(ctx)`` fills ``ctx.analysis.mentions`` with ``Mention(kind="name")`` records.
Spans come from the NER pass ``nlp.parse`` already ran (no second model pass); the rule
layer cuts, retypes, extends and adds names; this module writes each one's normal form:
the surface text put in the nominative the way a Russian editor would name it,
«Николом Пашиняном» → «Никол Пашинян», «Совета коллективной безопасности» → «Совет
коллективной безопасности» (only the head and its adjectives are inflected; genitive
dependents stay as written, which Natasha's own normaliser gets wrong: «Совет
коллективная безопасность»). Resolution (svodka.resolve) maps normals to canonical entities.
"""
from __future__ import annotations

from functools import lru_cache

from . import nerrules, nlp
from .nerrules import abbr_stem, is_abbr, is_latin
from .records import Mention

PER_TAGS = frozenset({"Name", "Surn", "Patr"})


def annotate(ctx) -> None:
    toks, cands = nerrules.apply(ctx.parsed)
    mentions = ctx.analysis.mentions
    for c in cands:
        start, stop = toks.starts[c.i], toks.stops[c.j - 1]
        words = tuple(toks.texts[c.i:c.j])
        gaps = tuple(_gap(toks.gap(k)) for k in range(c.i + 1, c.j))
        # a quoted name after its kind does not decline («газеты «Ведомости»», «телеканал
        # «Прямой»»): it is its own normal form; alone it declines («в «Известиях»»)
        quoted = c.i > 1 and toks.texts[c.i - 1] in nerrules.OPENING and c.j < len(toks) \
            and toks.texts[c.j] in nerrules.QUOTES and nlp.lemma(toks.texts[c.i - 2]) in nerrules.ORG_KINDS
        if quoted:
            normal = "".join(w if not g else g + w for g, w in zip(("",) + gaps, words))
        else:
            normal = (nerrules.lexicon_surface(words) or kb_full_name(ctx.text[start:stop], len(words), c.type)
                      or normal_form(words, gaps, c.type, subject_gender(toks, c) if c.type == "PER" else None))
        mentions.append(Mention(
            start=start, stop=stop, type=c.type, text=ctx.text[start:stop],
            normal=normal, kind="name",
            flags=c.flags + extra_flags(words, c.flags), rule=c.rule,
        ))


def kb_full_name(text: str, size: int, kind: str) -> str | None:
    """A person the knowledge base knows by this very full name, in any case («Касым-Жомарта
    Токаева»): its name is the nominative. A surname alone is not enough (its normal stays
    the surname; resolution maps it to the person)."""
    if kind != "PER" or size < 2:
        return None
    base = nerrules.knowledge()
    if base is None:
        return None
    hits = [e for e in base.lookup(text) if e.type == "PER"]
    if len(hits) != 1:
        return None
    name, said = hits[0].name.split(), text.split()
    # the same words declined, not another naming («Александр Григорьевич» is no full name)
    if len(name) == len(said) and all(a[:3].lower() == b[:3].lower() for a, b in zip(name, said)):
        return hits[0].name
    return None


def _gap(gap: str) -> str:
    """Spacing inside a name as written, any run of whitespace made one space."""
    return " " if gap and gap.strip() == "" else gap


def extra_flags(words: tuple[str, ...], flags: tuple[str, ...]) -> tuple[str, ...]:
    if len(words) == 1 and "abbr" not in flags and abbr_stem(words[0]):
        return ("abbr",)
    return ()


# ---------------------------------------------------------------- normal forms


def subject_gender(toks: nerrules.Toks, c: nerrules.Cand) -> str | None:
    """«Евгения Медведева заявила»: a past-tense verb right after a name agrees with it, so
    the name is a nominative of that gender (pymorphy alone reads «Евгения Медведева» as his
    genitive). None when no such verb follows."""
    if c.j >= len(toks) or not toks.gap(c.j).strip() == "":
        return None
    tag = nlp.parses(toks.texts[c.j])[0].tag
    if tag.POS == "VERB" and "past" in tag and "sing" in tag:
        return "femn" if "femn" in tag else "masc" if "masc" in tag else None
    return None


def normal_form(words: tuple[str, ...], gaps: tuple[str, ...], kind: str, gender: str | None = None) -> str:
    """The nominative of a name, spacing between its words kept (hyphens, dots)."""
    forms = person_nominative(words, gender) if kind == "PER" else phrase_nominative(words, kind)
    out = [forms[0]]
    for gap, form in zip(gaps, forms[1:]):
        out.append(gap + form)
    return "".join(out)


def _restore_case(form: str, original: str) -> str:
    """pymorphy answers in lower case and with ё; give the word back its capitals and spelling."""
    if "ё" not in original and "Ё" not in original:
        form = form.replace("ё", "е")
    if original.isupper() and len(original) > 1:
        return form.upper()
    parts, orig = form.split("-"), original.split("-")
    if len(parts) == len(orig):
        parts = [p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, orig)]
    elif original[:1].isupper():
        parts[0] = parts[0][:1].upper() + parts[0][1:]
    return "-".join(parts)


def _inflectable(word: str) -> bool:
    return (len(word) > 1 and word[0].isalpha() and not is_latin(word) and not is_abbr(word)
            and not word.endswith("."))


def _gender_ok(p, gender: str | None) -> bool:
    g = p.tag.gender
    return gender is None or g is None or g == gender or "ms-f" in p.tag


@lru_cache(maxsize=100_000)
def person_nominative(words: tuple[str, ...], subject: str | None = None) -> tuple[str, ...]:
    """«Николом Пашиняном» → «Никол Пашинян»: one case and gender for all name words,
    chosen by the readings they share (name readings first), then each word inflected."""
    # «Андрей ЯРМОЛЕНКО» in a caps-lock line-up: a surname, not an abbreviation
    words = tuple(w.capitalize() if len(w) > 3 and w.isupper() and w.isalpha() else w for w in words)
    idx = [k for k, w in enumerate(words) if _inflectable(w)]
    if not idx:
        return words
    readings = {}
    last = idx[-1]
    for k in idx:
        parses = [p for p in nlp.parses(words[k]) if p.tag.POS == "NOUN" and p.tag.number != "plur"]
        # the last word of a name is its surname, an earlier one a first name or patronymic:
        # «Токаева» read as a woman's first name would keep «Касым-Жомарта Токаева» as it is
        slot = {"Surn"} if k == last else {"Name", "Patr"}
        readings[k] = ([p for p in parses if slot & p.tag.grammemes]
                       or [p for p in parses if PER_TAGS & p.tag.grammemes] or parses)
    votes: dict[tuple[str, str | None], float] = {}
    for k in idx:
        best: dict[tuple[str, str | None], float] = {}
        for p in readings[k]:
            genders = ("masc", "femn") if p.tag.gender is None or "ms-f" in p.tag else (p.tag.gender,)
            for g in genders:
                key = (p.tag.case, g)
                best[key] = max(best.get(key, 0.0), p.score + (0.5 if PER_TAGS & p.tag.grammemes else 0))
        for key, score in best.items():
            # +1: agreement of the words counts first
            votes[key] = votes.get(key, 0.0) + score + 1.0
    if not votes:
        return words
    # a tie: a surname alone stays as written («Захарова» may be her, or his genitive); with a
    # first name as ambiguous as the surname («Касым-Жомарта Токаева») the man is likelier
    # in news text
    lean = (lambda key: key[1] == "masc") if len(idx) > 1 else (lambda key: key[0] == "nomn")
    case, gender = max(votes, key=lambda key: (round(votes[key], 6), lean(key)))
    if subject is not None and ("nomn", subject) in votes:
        case, gender = "nomn", subject      # the verb after the name says who and in what case
    out = list(words)
    for k in idx:
        if case == "nomn":
            continue
        by_suffix = _surname_by_suffix(words[k], case, gender) if k == last and len(idx) > 1 else None
        if by_suffix is not None:
            out[k] = by_suffix
            continue
        fits = [p for p in readings[k] if p.tag.case == case and _gender_ok(p, gender)]
        if not fits:
            # a surname the slot readings miss: any noun reading, or an adjective-like one
            # («Михаила Кускова», «Саида Бурятского»), in the chosen case and gender
            fits = [p for p in nlp.parses(words[k]) if p.tag.POS in ("NOUN", "ADJF")
                    and p.tag.number != "plur" and p.tag.case == case and _gender_ok(p, gender)]
        if not fits:
            if k == last and len(idx) > 1:
                out[k] = _surname_by_suffix(words[k], case, gender) or words[k]
            continue
        p = max(fits, key=lambda p: (bool(PER_TAGS & p.tag.grammemes), p.score))
        form = p.inflect({"nomn"})
        if form is not None and (p.is_known or _plausible_guess(form.word)):
            out[k] = _restore_case(form.word, words[k])
    return tuple(out)


def _plausible_guess(nominative: str) -> bool:
    """A name the dictionary does not know is declined by analogy; an analogy that ends in
    -я/-о/-е/-и/-у/-ю made an indeclinable foreign name Russian («Платини» → «Платиня»);
    -ая/-яя are adjective surnames («Биньковская»)."""
    return nominative.endswith(("ая", "яя")) or not nominative.endswith(("я", "о", "е", "и", "у", "ю", "э"))


# Russian surnames in -ов/-ев/-ин/-ын decline like this whatever the dictionary knows
# («Михаила Кускова»: pymorphy reads «Кускова» as the place Кусково): (case, gender) → endings
_SURNAME_ENDINGS = {
    ("gent", "masc"): ("а", ""), ("accs", "masc"): ("а", ""), ("datv", "masc"): ("у", ""),
    ("ablt", "masc"): ("ым", ""), ("loct", "masc"): ("е", ""),
    ("gent", "femn"): ("ой", "а"), ("datv", "femn"): ("ой", "а"), ("ablt", "femn"): ("ой", "а"),
    ("loct", "femn"): ("ой", "а"), ("accs", "femn"): ("у", "а"),
}


def _surname_by_suffix(word: str, case: str, gender: str | None) -> str | None:
    ending = _SURNAME_ENDINGS.get((case, gender))
    if ending is None or not word.endswith(ending[0]):
        return None
    stem = word[: len(word) - len(ending[0])]
    if not stem.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return None
    return stem + ending[1]


ADJ_POS = frozenset({"ADJF", "PRTF"})
TYPE_TAGS = {"LOC": "Geox", "ORG": "Orgn"}


def _head_readings(word: str, kind: str):
    parses = [p for p in nlp.parses(word) if p.tag.POS == "NOUN" and p.tag.case]
    tag = TYPE_TAGS.get(kind)
    tagged = [p for p in parses if tag and tag in p.tag.grammemes]
    return tagged or parses


def _adjective(word: str) -> bool:
    """Mostly an adjective: «Московском» also reads as a surname, but far less likely."""
    adj = sum(p.score for p in nlp.parses(word) if p.tag.POS in ADJ_POS)
    noun = sum(p.score for p in nlp.parses(word) if p.tag.POS == "NOUN")
    return adj > 0 and adj >= noun


@lru_cache(maxsize=100_000)
def phrase_nominative(words: tuple[str, ...], kind: str) -> tuple[str, ...]:
    """«Организации Договора о коллективной безопасности» → «Организация Договора о ...»:
    leading adjectives and the head noun go to the nominative, dependents stay as written."""
    n = len(words)
    k = 0
    while k < n - 1 and _inflectable(words[k]) and _adjective(words[k]):
        k += 1
    adjs, head = list(range(k)), k
    word = words[head]
    stem = abbr_stem(word)
    if stem is not None:                          # «МИДа» → «МИД»; adjectives agree with it as masculine
        heads = [p for p in nlp.parses(word) if p.tag.POS == "NOUN" and p.tag.case] if stem != word else []
    elif not _inflectable(word):
        return words
    else:
        heads = _head_readings(word, kind)
    if not heads and stem is None:
        return words
    # choose (case, number): shared with every adjective, singular first, then by score
    options: dict[tuple[str, str], float] = {}
    for p in heads:
        key = (p.tag.case, p.tag.number)
        options[key] = max(options.get(key, 0.0), p.score)
    for a in adjs:
        mine = {(p.tag.case, p.tag.number): p.score for p in nlp.parses(words[a]) if p.tag.POS in ADJ_POS}
        if not options:
            options = mine
            continue
        shared = {key: s + mine[key] for key, s in options.items() if key in mine}
        options = shared or options
    if not options:
        return words
    case, number = max(options, key=lambda key: (key[1] == "sing", options[key]))
    out = list(words)
    if stem is not None:
        out[head] = stem
        gender = "masc"
    else:
        fits = [p for p in heads if p.tag.case == case and p.tag.number == number] or heads
        p = max(fits, key=lambda p: p.score)
        gender = p.tag.gender
        if case != "nomn":
            form = p.inflect({"nomn", number})
            if form is not None:
                out[head] = _restore_case(form.word, word)
    if case == "nomn":
        return tuple(out)
    for a in adjs:
        fits = [p for p in nlp.parses(words[a]) if p.tag.POS in ADJ_POS and p.tag.case == case
                and p.tag.number == number and _gender_ok(p, gender if number == "sing" else None)]
        if fits:
            form = max(fits, key=lambda p: p.score).inflect({"nomn", number})
            if form is not None:
                out[a] = _restore_case(form.word, words[a])
    return tuple(out)
