"""Cleaning: boilerplate out, markup out, spaces normalised, with a map back to the raw text.

``clean(text, kind)`` returns the clean text, ``offsets`` (``offsets[i]`` is the raw
index of clean character ``i``; one extra last entry, ``len(text)``) and the raw spans
it dropped, each with the rule that dropped it. Every later annotation points at the
clean text, and ``offsets`` takes it back to the input exactly as given.

The work is done in three layers, in this order:

1. line rules (``svodka.cleanrules.LINE_RULES``) drop whole lines: ads, subscribe
   calls, photo credits, share widgets, related-links headings, ...;
2. block rules drop lines by their neighbours: navigation crumbs above the headline,
   the headlines listed under a «Читайте также» heading, a header repeated below itself;
3. inline rules edit the kept lines: markdown and HTML leftovers out, HTML entities
   decoded, no-break/thin spaces made plain spaces, zero-width characters dropped,
   runs of spaces collapsed; blank-line runs become one blank line.

No character of a kept line is moved: the clean text is the raw text with pieces cut
out or replaced in place, so the offset map is monotonic.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from itertools import chain

from .cleanrules import (COUNTER_MAX, LINE_RULES, MAX_RULE_LINE, REASONS, RELATED, Line, candidate, counter_line,
                         nav_item)
from .offsets import OffsetMap
from .records import Removed

# Characters stripped from both ends of a line before the rules look at it.
EDGE_SPACE = " \t\r\f\v\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008" \
             "\u205f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad"
SPECIAL_SPACE = "\t\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\f\v\r"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ALL_SPACE = " " + SPECIAL_SPACE

# One pass over each kept line. Alternatives are tried left to right at each position,
# so a markdown link wins over the tag and entity patterns inside it.
INLINE = re.compile(
    # the lookahead lets the scan skip to a candidate character in C (7x faster)
    rf"(?=[!\[*_<&{ZERO_WIDTH}{SPECIAL_SPACE}])(?:"
    r"(?P<md_image>!\[[^\[\]\n]{0,300}\]\((?:https?://|/|www\.)[^()\s]{0,600}\))"
    r"|(?P<md_link>\[(?P<link_text>[^\[\]\n]{1,300})\]\((?:https?://|/|www\.|mailto:)[^()\s]{0,600}\))"
    r"|(?P<md_bold>\*\*|__)"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>\n]{0,400})?/?>|<!--.*?-->)"
    r"|(?P<entity>&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[a-zA-Z]{2,8};?|[a-zA-Z][a-zA-Z0-9]{1,9};))"
    rf"|(?P<zw>[{ZERO_WIDTH}]+)"
    rf"|(?P<space>[{SPECIAL_SPACE}][{ALL_SPACE}]*))"
)
# Runs of plain spaces are found apart: a space is every seventh character of a text,
# and keeping it out of INLINE's first characters lets the scan skip ahead in C.
SPACE_RUN = re.compile(r"  +")
BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|section|article)\b", re.IGNORECASE)
# *italic* only in markdown sources: in plain text an asterisk is a footnote mark.
MD_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)[^*\n]{1,300}?(?<=\S)\*(?![*\w])")
MD_HEADER = re.compile(r"#{1,6}[ \t]+")
KEY_MARKUP = re.compile(r"(?=[*_<#])(?:\*\*|__|</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>\n]{0,400})?/?>|^#{1,6}\s+)")
KEY_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{0,600}\)")
KEY_SPACES = re.compile(rf"[{ALL_SPACE}]+")
KEY_ZW = re.compile(f"[{ZERO_WIDTH}]+")
# What makes a line's key differ from the line: one of these characters, or "  " (asked
# apart: a pattern of one character class is scanned for in C, an alternation is not).
KEY_TRIGGER = re.compile(rf"[\[*_<#&{ZERO_WIDTH}{SPECIAL_SPACE}]")
# The characters an INLINE match starts with.
INLINE_TRIGGER = re.compile(rf"[!\[*_<&{ZERO_WIDTH}{SPECIAL_SPACE}]")
# Every character that triggers a key or an inline edit but the no-break space, the one
# most texts have: a line whose only such characters are lone no-break spaces is copied
# with them made plain spaces, in place (``_nbsp_only``).
NBSP = "\u00a0"
NOT_NBSP_TRIGGER = re.compile("[!\\[*_<#&" + ZERO_WIDTH + SPECIAL_SPACE.replace(NBSP, "") + "]")


def _nbsp_only(text: str, start: int, stop: int) -> bool:
    """Whether the line's only special characters are no-break spaces, each between two
    characters that are no spaces: the space rule then replaces each by one plain space
    and nothing else applies."""
    return (NOT_NBSP_TRIGGER.search(text, start, stop) is None and text.find("  ", start, stop) < 0
            and text.find(" " + NBSP, start, stop) < 0 and text.find(NBSP + " ", start, stop) < 0
            and text.find(NBSP + NBSP, start, stop) < 0)


# Block rules: how far they look.
NAV_TOP_LINES = 8           # crumbs and section names sit above the headline
RELATED_HEADLINE_MAX = 200  # headlines under «Читайте также» are shorter than this
REPEAT_TOP_LINES = 6        # a repeated header repeats near the top
REPEAT_WINDOW = 3


@dataclass(slots=True)
class Cleaned:
    clean: str
    offsets: OffsetMap                       # len(clean) + 1 entries, as runs
    removed: list[Removed] = field(default_factory=list)   # dropped raw spans
    replaced: list[Removed] = field(default_factory=list)  # raw spans replaced in place

    def explain(self, *, replacements: bool = False) -> list[dict]:
        """What each rule did: ``{"rule", "start", "stop", "text", "reason"}`` in raw order."""
        items = self.removed + (self.replaced if replacements else [])
        return [{"rule": r.rule, "start": r.start, "stop": r.stop, "text": r.text,
                 "reason": REASONS.get(r.rule, r.rule)}
                for r in sorted(items, key=lambda r: (r.start, r.stop))]


def reason(rule: str) -> str:
    """Why a rule removes what it removes (for ``svodka show ID --explain``)."""
    return REASONS.get(rule, rule)


describe = reason   # the name the CLI looks up


def line_key(text: str) -> str:
    """The text the line rules match on (see ``svodka.cleanrules``)."""
    if not KEY_TRIGGER.search(text) and "  " not in text:
        return text          # the common case: nothing to normalise
    if "&" in text:
        text = html.unescape(text)
    text = KEY_LINK.sub(r"\1", text)
    text = KEY_MARKUP.sub("", text)
    return KEY_SPACES.sub(" ", KEY_ZW.sub("", text)).strip()


# A non-blank line: from its first to its last character that is no edge space.
LINE = re.compile(rf"[^\n{EDGE_SPACE}](?:[^\n]*[^\n{EDGE_SPACE}])?")


def split_lines(raw: str) -> tuple[list[Line], list[bool], list[str | None]]:
    """Non-blank lines with their stripped raw spans; ``blank_before[i]`` says whether a
    blank line precedes line ``i`` (paragraph break); ``verdict[i]`` names the line rule
    that drops line ``i``, if any.

    The line rules run only on lines that may match one (``cleanrules.candidate``): a
    line longer than ``MAX_RULE_LINE`` never does, and most shorter ones hold none of
    the words the rules look for."""
    lines: list[Line] = []
    blank_before: list[bool] = []
    verdict: list[str | None] = []
    # bound once: this loop runs for every line of every article
    add_line, add_blank, add_verdict = lines.append, blank_before.append, verdict.append
    count, trigger = raw.count, KEY_TRIGGER.search
    prev = -1
    for m in LINE.finditer(raw):
        start, stop = m.span()
        # a blank line between two lines: two line ends between them
        add_blank(prev >= 0 and count("\n", prev, start) > 1)
        prev = stop
        if stop - start > MAX_RULE_LINE:
            add_line(Line(start, stop, "", "", len(lines)))
            add_verdict(None)
            continue
        key = m.group()
        if trigger(key) or "  " in key:
            # what line_key does to such a line, without its four passes
            key = key.replace(NBSP, " ").strip() if _nbsp_only(raw, start, stop) else line_key(key)
        low = key.casefold()
        line = Line(start, stop, key, low, len(lines))
        add_line(line)
        add_verdict(_line_verdict(line) if key and candidate(low) else None)
    return lines, blank_before, verdict


def _line_verdict(line: Line) -> str | None:
    for rule in LINE_RULES:
        if rule(line):
            return rule.__name__
    return None


def apply_line_rules(lines: list[Line]) -> list[str | None]:
    """The line rules' verdict on every line (``split_lines`` gives it already)."""
    return [_line_verdict(line) if line.key else None for line in lines]


def body_like(line: Line) -> bool:
    """A line that reads as a paragraph of the article, not a headline or a widget."""
    if not line.key:
        return True
    key = line.key
    if len(key) >= RELATED_HEADLINE_MAX or key[0] in "—–-«\"„":
        return True
    return key.endswith(".") and not key.endswith(("...", "…"))


def nav_crumbs(lines: list[Line], verdict: list[str | None]) -> None:
    """Section names and crumbs above the headline: only while nothing but navigation
    (or other boilerplate) has been seen."""
    for i, line in enumerate(lines[:NAV_TOP_LINES]):
        if verdict[i]:
            continue
        if line.key and nav_item(line):
            verdict[i] = "nav_crumbs"
        else:
            return


def related_block(lines: list[Line], verdict: list[str | None]) -> None:
    """The headlines listed under a related-links heading, up to the next paragraph."""
    if "related_heading" not in verdict:
        return
    i = 0
    while i < len(lines):
        if verdict[i] == "related_heading" and RELATED.match(lines[i].key):
            # «Читайте также: <headline>» is a link itself; only a bare heading opens a list
            j = i + 1
            while j < len(lines) and (verdict[j] or not body_like(lines[j])):
                verdict[j] = verdict[j] or "related_block"
                j += 1
            i = j
        else:
            i += 1


def repeated_header(lines: list[Line], verdict: list[str | None]) -> None:
    """A short line at the top repeated within the next few lines (twice-printed dates,
    headlines repeated by the page template)."""
    top = min(REPEAT_TOP_LINES, len(lines))
    for i in range(top):
        if verdict[i] or not 8 <= len(lines[i].key) <= 200 or body_like(lines[i]):
            continue    # a sentence said twice is the author's business, not a header
        for j in range(i + 1, min(i + 1 + REPEAT_WINDOW, len(lines))):
            if not verdict[j] and lines[j].key == lines[i].key:
                verdict[j] = "repeated_header"


def counters(lines: list[Line], verdict: list[str | None]) -> None:
    """Numbers alone on a line whose neighbours are boilerplate or paragraphs."""
    if not any(0 < len(line.key) <= COUNTER_MAX for line in lines):
        return

    def quiet(j: int) -> bool:
        return j < 0 or j >= len(lines) or bool(verdict[j]) or len(lines[j].key or "x" * 99) >= 60
    for i, line in enumerate(lines):
        if not verdict[i] and line.key and counter_line(line) and quiet(i - 1) and quiet(i + 1):
            # «1», «2» between paragraphs number sections; a counter is longer or
            # sits among other widgets
            near_widget = any(0 <= j < len(lines) and verdict[j] for j in (i - 1, i + 1))
            if len(line.key.replace(" ", "")) >= 3 or near_widget:
                verdict[i] = "counter_line"


AD_BLOCK_LINES = 3     # an ad under a «РЕКЛАМА» marker: a headline and a line or two


def ad_block(lines: list[Line], verdict: list[str | None]) -> None:
    """The ad itself under a «РЕКЛАМА» marker in the body: its short, headline-like
    lines up to the next paragraph. Not at the top, where a short line is the title."""
    if "ad_marker" not in verdict:
        return
    for i in range(len(lines)):
        if verdict[i] != "ad_marker" or i < NAV_TOP_LINES // 2:
            continue
        for j in range(i + 1, min(i + 1 + AD_BLOCK_LINES, len(lines))):
            if verdict[j]:
                continue
            if body_like(lines[j]):
                break
            verdict[j] = "ad_block"


COMMENT_HEADINGS = {"на нашем сайте нельзя", "ознакомьтесь с правилами комментирования", "правила комментирования",
                    "добавление комментария", "мнение читателей"}


def comment_block(lines: list[Line], verdict: list[str | None]) -> None:
    """The comment form's rules and buttons under its heading: list items (lower-case
    starts, «;» ends) and widget lines, up to the next paragraph."""
    if "share_line" not in verdict:
        return
    for i, line in enumerate(lines):
        if verdict[i] != "share_line" or line.low.strip(" .:!") not in COMMENT_HEADINGS:
            continue
        for j in range(i + 1, len(lines)):
            key = lines[j].key
            if verdict[j]:
                continue
            if key and key[0].islower() and len(key) >= RELATED_HEADLINE_MAX:
                continue    # a long line is never dropped by a block rule, even here
            if key and (key[0].islower() or key.endswith(";") or not body_like(lines[j])):
                verdict[j] = "comment_block"
            else:
                break


BLOCK_RULES = [nav_crumbs, related_block, comment_block, repeated_header, counters, ad_block]


def front_matter(lines: list[Line], verdict: list[str | None], raw: str) -> None:
    """A markdown file's leading YAML block («---», «title: …», «---»): metadata, which
    the ingest adapter has read, not text."""
    if len(lines) < 2 or raw[lines[0].start:lines[0].stop] != "---" or lines[0].start > 1:
        return
    for j in range(1, min(len(lines), 42)):
        if raw[lines[j].start:lines[j].stop] == "---":
            for k in range(j + 1):
                verdict[k] = "front_matter"
            return


def clean(text: str, kind: str = "text") -> Cleaned:
    lines, blank_before, verdict = split_lines(text)
    if kind == "markdown":
        front_matter(lines, verdict, text)
    for block_rule in BLOCK_RULES:
        block_rule(lines, verdict)

    # Most lines need no inline edit: they are copied whole. Whether any line of the
    # text can need one is asked once of the whole text, then line by line only if so.
    any_inline = INLINE_TRIGGER.search(text) is not None
    any_double = "  " in text
    any_italic = kind == "markdown" and "*" in text
    any_header = "#" in text
    any_nbsp = NBSP in text
    verbatim = True                         # every kept line copied whole
    parts: list[str] = []
    offs: list = []
    removed: list[Removed] = []
    replaced: list[Removed] = []
    prev: Line | None = None
    paragraph = False
    for i, line in enumerate(lines):
        paragraph = paragraph or blank_before[i]
        start, stop = line.start, line.stop
        if verdict[i]:
            removed.append(Removed(start, stop, verdict[i], text[start:stop]))
            continue
        separator = len(parts)
        if prev is not None:
            first = text.find("\n", prev.stop)
            if paragraph:
                second = text.find("\n", first + 1)
                parts.append("\n\n")
                offs.append((first, second))
            else:
                parts.append("\n")
                offs.append((first,))
        trigger = INLINE_TRIGGER.search(text, start, stop) if any_inline else None
        nbsp_only = trigger is not None and any_nbsp and _nbsp_only(text, start, stop)
        if not nbsp_only and (trigger is None or INLINE.search(text, trigger.start(), stop) is None) \
                and (not any_double or text.find("  ", start, stop) < 0) \
                and (not any_italic or text.find("*", start, stop) < 0) \
                and (not any_header or text[start] != "#"):
            parts.append(text[start:stop])      # what _inline would do, without its work
            offs.append(range(start, stop))
            prev, paragraph = line, False
            continue
        if nbsp_only:
            segment = text[start:stop]          # each lone no-break space made plain, in place
            parts.append(segment.replace(NBSP, " "))
            offs.append(range(start, stop))
            at = segment.find(NBSP)
            while at >= 0:
                replaced.append(Removed(start + at, start + at + 1, "space", NBSP))
                at = segment.find(NBSP, at + 1)
            prev, paragraph = line, False
            continue
        verbatim = False
        first_part = len(parts)
        _inline(text, start, stop, kind, parts, offs, removed, replaced)
        _trim(parts, offs, first_part)
        if len(parts) == first_part:        # nothing left of the line («&nbsp;» alone)
            del parts[separator:], offs[separator:]
            paragraph = prev is not None     # it was a blank line in disguise
            continue
        prev, paragraph = line, False

    clean_text = "".join(parts)
    # Whole lines (edge spaces stripped, no double space) joined by one or two line
    # ends leave no space to mend.
    if not verbatim and _leftover_space(clean_text):
        clean_text, squeezed = _squeeze(clean_text, list(chain.from_iterable(offs)))
        offs = [squeezed]
    return Cleaned(clean_text, OffsetMap.from_pieces(offs, len(text)), removed, replaced)


# Spaces doubled or left at a line edge where something between two spaces was removed
# («что <br>  822»), and blank-line runs left by lines that vanished: rare, so mended in
# one pass at the end instead of in every rule.
LEFTOVER_SPACE = re.compile(r"  | \n|\n |\n\n\n|^[ \n]|[ \n]$")


def _leftover_space(text: str) -> bool:
    """``LEFTOVER_SPACE.search(text)``, asked with string methods (several times faster)."""
    return ("  " in text or " \n" in text or "\n " in text or "\n\n\n" in text
            or text.startswith((" ", "\n")) or text.endswith((" ", "\n")))


def _squeeze(clean_text: str, offsets: list[int]) -> tuple[str, list[int]]:
    chars: list[str] = []
    offs: list[int] = []
    for ch, at in zip(clean_text, offsets):
        if ch == " " and (not chars or chars[-1] in " \n"):
            continue
        if ch == "\n":
            if chars and chars[-1] == " ":
                chars.pop()
                offs.pop()
            if not chars or chars[-2:] == ["\n", "\n"]:
                continue
        chars.append(ch)
        offs.append(at)
    while chars and chars[-1] in " \n":
        chars.pop()
        offs.pop()
    return "".join(chars), offs


def _trim(parts: list[str], offs: list, first: int) -> None:
    """Spaces left at the edges of a line by the inline edits («текст. &nbsp;») go."""
    while len(parts) > first and parts[-1].endswith(" "):
        keep = len(parts[-1].rstrip(" "))
        parts[-1], offs[-1] = parts[-1][:keep], list(offs[-1])[:keep]
        if not parts[-1]:
            parts.pop()
            offs.pop()
    while len(parts) > first and parts[first].startswith(" "):
        drop = len(parts[first]) - len(parts[first].lstrip(" "))
        parts[first], offs[first] = parts[first][drop:], list(offs[first])[drop:]
        if not parts[first]:
            del parts[first], offs[first]


def _inline(raw: str, start: int, stop: int, kind: str, parts: list[str], offs: list,
            removed: list[Removed], replaced: list[Removed]) -> None:
    """Copy raw[start:stop] to the output with the inline edits."""
    pos = start
    m = MD_HEADER.match(raw, start, stop)
    if m:
        removed.append(Removed(start, m.end(), "markdown", m.group()))
        pos = m.end()
    for m in INLINE.finditer(raw, pos, stop):
        a, b = m.span()
        if a > pos:
            _keep(raw, pos, a, kind, parts, offs, removed, replaced)
        group = m.lastgroup
        if group == "space":
            if a > start and raw[a - 1] == " ":
                # «слово \u00a0слово»: the plain space before already separates
                replaced.append(Removed(a, b, "space", m.group()))
            else:
                parts.append(" ")
                offs.append((a,))
                replaced.append(Removed(a, b, "space", m.group()))
        elif group == "md_link":
            ta, tb = m.span("link_text")
            removed.append(Removed(a, ta, "markdown", raw[a:ta]))
            _inline(raw, ta, tb, kind, parts, offs, removed, replaced)
            removed.append(Removed(tb, b, "markdown", raw[tb:b]))
        elif group == "md_bold":
            removed.append(Removed(a, b, "markdown", m.group()))
        elif group == "md_image":
            removed.append(Removed(a, b, "markdown", m.group()))
            if a > start and raw[a - 1] == " " and b < stop and raw[b] == " ":
                replaced.append(Removed(b, b + 1, "space", " "))   # no double space left
                b += 1
        elif group == "tag":
            removed.append(Removed(a, b, "html", m.group()))
            if BLOCK_TAG.match(m.group()) and a > start and b < stop and not raw[a - 1].isspace() \
                    and not raw[b].isspace():
                # «слово<br>слово»: a block tag separated the words
                parts.append(" ")
                offs.append((a,))
        elif group == "entity":
            value = html.unescape(m.group())
            if value.isspace() and (a == start or b == stop or raw[a - 1] == " "):
                # «&nbsp;» at a line edge or after a space: nothing to keep
                replaced.append(Removed(a, b, "html_entity", m.group()))
            elif value == m.group():
                parts.append(value)
                offs.append(range(a, b))
            else:
                value = KEY_SPACES.sub(" ", KEY_ZW.sub("", value))
                parts.append(value)
                offs.append(range(a, a + len(value)))    # a value is shorter than its entity
                replaced.append(Removed(a, b, "html_entity", m.group()))
        elif group == "zw":
            removed.append(Removed(a, b, "zero_width", m.group()))
        pos = b
    if pos < stop:
        _keep(raw, pos, stop, kind, parts, offs, removed, replaced)


def _keep(raw: str, pos: int, stop: int, kind: str, parts: list[str], offs: list,
          removed: list[Removed], replaced: list[Removed]) -> None:
    """Copy raw[pos:stop] unchanged, but for runs of spaces and *italic* marks in markdown."""
    segment = raw[pos:stop]
    if "  " in segment:
        for m in SPACE_RUN.finditer(raw, pos, stop):
            _keep(raw, pos, m.start() + 1, kind, parts, offs, removed, replaced)
            replaced.append(Removed(m.start() + 1, m.end(), "space", m.group()[1:]))
            pos = m.end()
        segment = raw[pos:stop]
    if kind != "markdown" or "*" not in segment:
        parts.append(segment)
        offs.append(range(pos, stop))
        return
    for m in MD_ITALIC.finditer(raw, pos, stop):
        a, b = m.span()
        parts.append(raw[pos:a])
        offs.append(range(pos, a))
        removed.append(Removed(a, a + 1, "markdown", "*"))
        parts.append(raw[a + 1:b - 1])
        offs.append(range(a + 1, b - 1))
        removed.append(Removed(b - 1, b, "markdown", "*"))
        pos = b
    parts.append(raw[pos:stop])
    offs.append(range(pos, stop))


BOILERPLATE_RULES = frozenset(r.__name__ for r in LINE_RULES) | {
    "nav_crumbs", "related_block", "comment_block", "ad_block", "repeated_header", "counter_line", "front_matter"}


def is_boilerplate(rule: str) -> bool:
    """Whether a rule drops content (boilerplate) rather than markup or spacing."""
    return rule in BOILERPLATE_RULES
