"""Incremental story and thread clustering in publication order.

A new article is compared only with candidate stories found through an inverted
index (its rarest lemmas, names and headline terms -> stories), never with every
article: the postings are capped and the candidates per article are capped, so the
cost per article stays about constant as the corpus grows.

A story is one narrow event (score >= STORY_THRESHOLD within STORY_WINDOW_DAYS);
a thread groups stories on one topic (a looser THREAD_THRESHOLD within
THREAD_WINDOW_DAYS), compared story to story.
"""
from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..records import Analysis
from . import reprints
from .features import Features, doc_lemmas, extract, headline
from .model import StoryDoc, order_key
from .reprints import Copy, ReprintIndex, Side
from .similarity import Idf, score, vector, weighted_overlap

STORY_THRESHOLD = 0.37        # between the dev pairs' classes; see eval/clustering.py
THREAD_THRESHOLD = 0.22       # same topic, not the same event
STORY_WINDOW_DAYS = 3.0       # one event is reported within days, follow-ups aside
THREAD_WINDOW_DAYS = 45.0
THREAD_MIN_NAMES = 0.15       # weighted overlap of named entities a thread needs
KEY_TERMS = 12                # rarest terms of an article used to look up candidates
MAX_POSTING = 300             # stories kept per term (most recent): bounds lookup cost
RECENT_TEXTS = 20_000        # texts kept in memory for alignment (~70 MB of news)
MAX_CANDIDATES = 25           # stories scored per new article
COMMON_SHARE = 0.05           # terms in more than this share of articles are not looked up
REPRESENTATIVES = 4           # members a story is compared through: its first and latest ones
STATE_VERSION = 1
HARD_VETOES = ("title_days_differ", "outside_window")
IDF_REFRESH = 1.1             # recompute term weights when the index grew by 10%


@dataclass(slots=True)
class Story:
    id: str
    members: list[str] = field(default_factory=list)
    thread: str = ""

    def representatives(self) -> list[str]:
        if len(self.members) <= REPRESENTATIVES:
            return list(self.members)
        return [self.members[0]] + self.members[-(REPRESENTATIVES - 1):]


@dataclass(slots=True)
class Member:
    key: str
    input_id: str
    outlet: str | None
    title: str | None
    when: str | None              # effective date (UTC wall clock), for clustering
    order: int
    story: str
    features: Features
    rule: str = ""                # why it joined its story (new_story | similar | reprint_of)
    score: float = 0.0
    published: str | None = None  # the publication date as given (ISO), for listings
    headline: str | None = None   # the title, or the lead sentence of an untitled article


class StoryIndex:
    def __init__(self, prior: bool = True) -> None:
        self.stories: dict[str, Story] = {}
        self.threads: dict[str, list[str]] = {}
        self.members: dict[str, Member] = {}
        self.copies: dict[str, Copy] = {}             # copying article key -> its copy record
        self.df: Counter = Counter()
        self.n = 0
        self.prior = prior                             # smooth idf with language word frequencies
        self.postings: dict[str, list[str]] = {}
        self.reprints = ReprintIndex()
        self.fetch: Callable[[str], StoryDoc | None] | None = None
        # Texts of the latest articles, for aligning a new one with its near-duplicates
        # (without their analysis, and bounded: older ones come through ``fetch``).
        self._docs: OrderedDict[str, StoryDoc] = OrderedDict()
        self._idf: Idf | None = None                   # frozen between refreshes, memoised
        self._idf_n = 0
        self._vectors: dict[str, dict[str, float]] = {}
        self._sources: Counter = Counter()             # article key -> copies made of it
        self._found_originals: list[Copy] = []

    # -- public --------------------------------------------------------------------

    def add(self, doc: StoryDoc) -> Member:
        if doc.key in self.members:
            return self.members[doc.key]
        self._remember(doc)
        self._count(doc)
        feats = extract(doc)
        idf = self._current_idf()
        vec = vector(feats.terms, idf)
        cands = self._candidates(feats, idf)
        story, rule, best = self._best_story(cands, feats, vec, idf)
        member = Member(doc.key, doc.input_id, doc.outlet, doc.title, feats.when, len(self.members),
                        "", feats, rule, best,
                        doc.published.isoformat() if doc.published else None,
                        doc.title or _short(headline(doc)))
        copy = self._find_copy(doc, member, story)
        if copy and copy.source in self.members and copy.role == "reprint":
            src = self.members[copy.source]
            if score(feats, src.features, idf, STORY_WINDOW_DAYS).veto in HARD_VETOES:
                # Same template, another event («Прогноз погоды на 8 / на 16 ноября»).
                copy.role = "borrower"
            else:
                story = self.stories[src.story]
                member.rule = "reprint_of"
        elif copy is None:
            # The new article may be the original of one already in (a reprint that was
            # dated earlier, or seen first): it belongs to that reprint's story.
            reprinted = [c for c in self._found_originals if c.role == "reprint" and c.copy in self.members]
            if reprinted and story is None:
                story = self.stories[self.members[reprinted[0].copy].story]
                member.rule = "original_of"
        if story is None:
            story = Story(f"s-{doc.key[:16]}")
            self.stories[story.id] = story
            member.rule = "new_story"
            story.thread = self._thread_for(cands, story, feats, vec, idf)
        member.story = story.id
        story.members.append(doc.key)
        self.members[doc.key] = member
        self._vectors[doc.key] = vec
        self._post(feats, story.id, idf)
        return member

    def summaries(self) -> list[dict]:
        """One dict per story in the format of `svodka stories --json` (INTERFACES.md),
        stories in order of their first article; needs no texts."""
        out = []
        for story in self.stories.values():
            ms = [self.members[k] for k in story.members]
            dated = sorted(m.published for m in ms if m.published)
            out.append({
                "id": story.id,
                "articles": [{"id": m.input_id, "key": m.key, "role": self.role(m.key),
                              "source": (self.members[c.source].input_id
                                         if (c := self.copies.get(m.key)) and c.source in self.members
                                         else None)} for m in ms],
                "thread": story.thread,
                "title": next((m.title for m in ms if m.title), None)
                or next((m.headline for m in ms if m.headline), None),
                "first_published": dated[0] if dated else None,
                "last_published": dated[-1] if dated else None,
                "outlets": sorted({m.outlet for m in ms if m.outlet}),
            })
        return out

    def role(self, key: str) -> str:
        if key in self.copies:
            return self.copies[key].role
        if self._sources.get(key, 0) > 0:
            return "original"
        return "member"

    def source_of(self, key: str) -> Copy | None:
        return self.copies.get(key)

    def story_of(self, key: str) -> str | None:
        m = self.members.get(key)
        return m.story if m else None

    def idf(self) -> Idf:
        return Idf(self.n, self.df, self.prior)

    def _current_idf(self) -> Idf:
        """Weights change little once many articles are in: refreshing them (and the
        cached member vectors) only when the index grew by IDF_REFRESH keeps scoring
        cheap without letting the weights go stale."""
        if self._idf is None or self.n > self._idf_n * IDF_REFRESH or self.n < 50:
            self._idf = _Memo(self.n, dict(self.df), self.prior)
            self._idf_n = self.n
            self._vectors.clear()
        return self._idf

    def _vector(self, key: str, idf: Idf) -> dict[str, float]:
        v = self._vectors.get(key)
        if v is None:
            v = self._vectors[key] = vector(self.members[key].features.terms, idf)
        return v

    # -- state ---------------------------------------------------------------------

    def to_state(self) -> dict:
        return {
            "version": STATE_VERSION,
            "prior": self.prior,
            "n": self.n,
            "df": dict(self.df),
            "stories": {s.id: {"members": s.members, "thread": s.thread} for s in self.stories.values()},
            "threads": self.threads,
            "members": {k: {"input_id": m.input_id, "outlet": m.outlet, "title": m.title,
                            "when": m.when, "order": m.order, "story": m.story, "rule": m.rule,
                            "score": round(m.score, 4), "published": m.published, "headline": m.headline,
                            "features": m.features.to_state()}
                        for k, m in self.members.items()},
            "copies": {k: c.to_state() for k, c in self.copies.items()},
            "postings": self.postings,
            "reprints": self.reprints.to_state(),
        }

    @classmethod
    def from_state(cls, d: dict) -> StoryIndex:
        if d.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {d.get('version')!r}, expected {STATE_VERSION}")
        out = cls(d.get("prior", True))
        out.n = d["n"]
        out.df = Counter(d["df"])
        out.stories = {k: Story(k, v["members"], v["thread"]) for k, v in d["stories"].items()}
        out.threads = {k: list(v) for k, v in d["threads"].items()}
        out.members = {k: Member(k, v["input_id"], v["outlet"], v["title"], v["when"], v["order"],
                                 v["story"], Features.from_state(v["features"]), v.get("rule", ""),
                                 v.get("score", 0.0), v.get("published"), v.get("headline"))
                       for k, v in d["members"].items()}
        out.copies = {k: Copy.from_state(v) for k, v in d["copies"].items()}
        out._sources = Counter(c.source for c in out.copies.values())
        out.postings = {k: list(v) for k, v in d["postings"].items()}
        out.reprints = ReprintIndex.from_state(d["reprints"])
        return out

    # -- internals -----------------------------------------------------------------

    def _count(self, doc: StoryDoc) -> None:
        self.n += 1
        self.df.update(set(doc_lemmas(doc)))

    def _key_terms(self, feats: Features, idf: Idf) -> list[str]:
        limit = max(2, int(COMMON_SHARE * max(self.n, 1))) if self.n >= 200 else None
        terms = [t for t in feats.terms if limit is None or self.df.get(t, 0) <= limit]
        terms.sort(key=lambda t: -idf(t) * feats.terms[t])
        keys = terms[:KEY_TERMS]
        keys += [f"n:{x}" for x in feats.names[:KEY_TERMS] if limit is None or self.df.get(x, 0) <= limit]
        keys += [f"t:{x}" for x in feats.title]
        return keys

    def _post(self, feats: Features, story_id: str, idf: Idf) -> None:
        for t in self._key_terms(feats, idf):
            lst = self.postings.setdefault(t, [])
            if lst and lst[-1] == story_id:
                continue
            if story_id in lst[-20:]:
                continue
            lst.append(story_id)
            if len(lst) > MAX_POSTING:
                del lst[: len(lst) - MAX_POSTING]

    def _candidates(self, feats: Features, idf: Idf) -> list[str]:
        votes: Counter = Counter()
        for t in self._key_terms(feats, idf):
            for sid in self.postings.get(t, ()):
                votes[sid] += 1
        return [sid for sid, _ in votes.most_common(MAX_CANDIDATES)]

    def _best_story(self, cands: list[str], feats: Features, vec,
                    idf: Idf) -> tuple[Story | None, str, float]:
        best, best_score = None, STORY_THRESHOLD
        for sid in cands:
            s = self._story_score(self.stories[sid], feats, vec, idf, STORY_WINDOW_DAYS)
            if s >= best_score:
                best, best_score = self.stories[sid], s
        return best, ("similar" if best else "new_story"), (best_score if best else 0.0)

    def _story_score(self, story: Story, feats: Features, vec, idf: Idf, window: float,
                     same_event: bool = True) -> float:
        return max(score(feats, self.members[k].features, idf, window, va=vec,
                         vb=self._vector(k, idf), same_event=same_event).value
                   for k in story.representatives())

    def _thread_for(self, cands: list[str], story: Story, feats: Features, vec, idf: Idf) -> str:
        best, best_score = None, THREAD_THRESHOLD
        for sid in cands:
            other = self.stories[sid]
            if other.id == story.id:
                continue
            s = self._story_score(other, feats, vec, idf, THREAD_WINDOW_DAYS, same_event=False)
            if s >= best_score and self._shares_actors(other, feats, idf):
                best, best_score = other, s
        if best is not None:
            self.threads[best.thread].append(story.id)
            return best.thread
        tid = f"t-{story.id[2:]}"
        self.threads[tid] = [story.id]
        return tid

    def _shares_actors(self, story: Story, feats: Features, idf: Idf) -> bool:
        """A thread follows the same people, organisations and places: two fires in two
        cities share a topic word, not a thread."""
        return any(weighted_overlap(feats.names, self.members[k].features.names, idf) >= THREAD_MIN_NAMES
                   for k in story.representatives())

    def _remember(self, doc: StoryDoc) -> None:
        self._docs[doc.key] = replace(doc, analysis=Analysis())
        while len(self._docs) > RECENT_TEXTS:
            self._docs.popitem(last=False)

    def _doc(self, key: str) -> StoryDoc | None:
        doc = self._docs.get(key)
        if doc is None and self.fetch is not None:
            doc = self.fetch(key)
        return doc

    def _find_copy(self, doc: StoryDoc, member: Member, story: Story | None) -> Copy | None:
        """Align the new article with its near-duplicate candidates; record the copy with
        the most copied words (an article has one source; the original may be the new one)."""
        sig, cands = self.reprints.candidates(doc.key, doc.text)
        self.reprints.insert(doc.key, sig)
        found: list[Copy] = []
        new = Side(doc, reprints.trusted_date(doc), member.order)
        for key in cands:
            other = self._doc(key)
            if other is None or key not in self.members:
                continue
            old = Side(other, reprints.trusted_date(other), self.members[key].order)
            same = story is not None and self.members[key].story == story.id
            copy = reprints.compare_pair(old, new, same)
            if copy is not None:
                found.append(copy)
        mine = [c for c in found if c.copy == doc.key]
        if mine:
            self._set_copy(max(mine, key=lambda c: sum(p.words for p in c.passages)))
        self._found_originals = []
        for c in found:
            if c.copy != doc.key:
                # The new article turned out to be the original of an earlier one.
                prev = self.copies.get(c.copy)
                if prev is None or sum(p.words for p in prev.passages) < sum(p.words for p in c.passages):
                    self._set_copy(c)
                    self._found_originals.append(c)
        return self.copies.get(doc.key)

    def _set_copy(self, c: Copy) -> None:
        prev = self.copies.get(c.copy)
        if prev is not None:
            self._sources[prev.source] -= 1
        self.copies[c.copy] = c
        self._sources[c.source] += 1


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


class _Memo(Idf):
    """A frozen snapshot of the weights with memoised lookups."""

    def __init__(self, n: int, df: dict[str, int], prior: bool) -> None:
        super().__init__(n, df, prior)
        self.memo: dict[str, float] = {}

    def __call__(self, term: str) -> float:
        v = self.memo.get(term)
        if v is None:
            v = self.memo[term] = Idf.__call__(self, term)
        return v


def build(docs: Iterable[StoryDoc], index: StoryIndex | None = None) -> StoryIndex:
    """Add articles in publication order (undated last, ties by key)."""
    index = index or StoryIndex()
    for doc in sorted(docs, key=order_key):
        index.add(doc)
    return index
