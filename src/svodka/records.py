"""svodka's records: typed dataclasses shared by every stage.

Every span is half-open ``[start, stop)`` over the article's *clean* text unless a
field says otherwise; ``Article.offsets`` maps clean offsets back to the raw input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .offsets import OffsetMap


@dataclass(slots=True)
class Span:
    start: int
    stop: int


@dataclass(slots=True)
class Removed:
    """A piece of the raw input that cleaning dropped (raw offsets)."""
    start: int
    stop: int
    rule: str
    text: str = ""


@dataclass(slots=True)
class RawDoc:
    """What an ingest adapter yields: one article as found, before cleaning.

    ``location`` names where it came from for error messages ("dump.jsonl:17").
    ``input_id`` is the id given by the input (JSONL ``id``, the file name, the feed guid).
    """
    input_id: str
    text: str
    location: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    date: str | None = None          # as given by the input, unparsed
    html: str | None = None          # the raw page, when the source was HTML
    kind: str = "text"               # text | markdown | html | jsonl | feed
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class IngestError:
    location: str                    # "path" or "path:line"
    reason: str


@dataclass(slots=True)
class Published:
    value: datetime | None
    how: str | None = None           # header | byline | url | body | input | None
    text: str | None = None          # the expression it was read from
    precision: str | None = None     # "day" when the source gave a date without a time


@dataclass(slots=True)
class Article:
    key: str                         # svodka's stable key: content hash of input id + raw text
    input_id: str
    raw: str                         # the input text exactly as given
    clean: str
    offsets: OffsetMap               # offsets[i] = raw offset of clean char i; len(clean) + 1 entries
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: Published = field(default_factory=lambda: Published(None))
    location: str = ""
    kind: str = "text"
    html: str | None = None
    warnings: list[str] = field(default_factory=list)

    def raw_span(self, start: int, stop: int) -> tuple[int, int]:
        """Map a clean half-open span to the raw input."""
        if stop <= start:
            at = self.offsets[start]
            return at, at
        return self.offsets[start], self.offsets[stop - 1] + 1


@dataclass(slots=True)
class Mention:
    start: int
    stop: int
    type: str                        # PER | ORG | LOC
    text: str
    normal: str                      # nominative normal form of the surface text
    kind: str = "name"               # name | role | pronoun
    entity: str | None = None        # canonical name («Никол Пашинян»)
    entity_id: str | None = None     # stable id (KB id or a hash of type + canonical name)
    flags: tuple[str, ...] = ()      # e.g. ("country",), ("metonymy",), ("outlet",)
    rule: str = ""                   # which rule or model produced it


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)    # {"role", "start", "end"}
    wikidata: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(slots=True)
class DateMention:
    start: int
    stop: int
    value: str | None                # ISO date (precision-truncated: "2023-11", "2023") or None
    precision: str | None            # day | month | year | None when unresolved
    rule: str = ""
    end: str | None = None           # ranges: last day
    time: str | None = None          # "11:55"
    relative: bool = False


@dataclass(slots=True)
class Quote:
    start: int
    stop: int
    kind: str                        # direct | partial | indirect
    text: str
    speaker: str | None = None       # canonical entity name, None when the text does not say
    speaker_id: str | None = None
    speaker_text: str | None = None  # how the text names the speaker
    speaker_start: int | None = None
    speaker_stop: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_stop: int | None = None
    channel: str | None = None
    parts: list[Span] = field(default_factory=list)    # dialogue-dash quotes in several parts
    rule: str = ""


@dataclass(slots=True)
class Frame:
    """A framing mark: scare quotes, a loaded word, a label for an entity."""
    start: int
    stop: int
    kind: str                        # scare_quote | loaded | label
    text: str
    note: str = ""


@dataclass(slots=True)
class Event:
    type: str
    trigger: Span
    date: str | None = None
    precision: str | None = None
    place: str | None = None
    format: str | None = None        # videoconference | phone | in_person | None
    status: str = "happened"         # happened | planned | cancelled
    initiator: str | None = None
    participants: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""


@dataclass(slots=True)
class Fact:
    start: int
    stop: int
    value: float
    unit: str | None
    subject: str | None = None
    speaker: str | None = None
    text: str = ""


@dataclass(slots=True)
class Analysis:
    """Everything the per-article (pure) analysis finds, over the clean text."""
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    lemmas: str = ""                 # lemmatised text for search and clustering
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
