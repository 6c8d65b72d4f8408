"""The demo corpus through the whole library: grouping, roles, comparison, framing,
the cited briefing, resumable state."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from svodka.stories import StoryIndex, build, story_view
from svodka.stories.brief import render
from svodka.stories.model import order_key

from .seeds import by_name, seed_docs

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "seeds_gold.json"


def groups(index, key_of):
    stories = sorted(sorted(key_of[k] for k in s.members) for s in index.stories.values())
    threads = {}
    for s in index.stories.values():
        threads.setdefault(s.thread, []).extend(key_of[k] for k in s.members)
    return stories, sorted(sorted(v) for v in threads.values())


@pytest.fixture(scope="module")
def index():
    return build(seed_docs())


@pytest.fixture(scope="module")
def docs():
    return {d.key: d for d in seed_docs()}


@pytest.fixture(scope="module")
def january(index):
    return index.story_of(by_name("001").key)


@pytest.mark.slow
def test_seeds_group_as_gold(index):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["stories"]
    stories, threads = groups(index, {d.key: d.input_id for d in seed_docs()})
    assert stories == sorted(sorted(g) for g in gold["by_main_event"])
    assert threads == sorted(sorted(g) for g in gold["by_thread"])


def test_004_reprints_002_despite_its_later_wrong_date(index):
    copy = index.source_of(by_name("004").key)
    assert copy is not None and copy.role == "reprint" and copy.source == by_name("002").key
    assert index.role(by_name("002").key) == "original"
    assert copy.rule == "written_on_the_day"
    assert any("Фактически, это первый случай" in by_name("004").text[p.dst_start:p.dst_stop]
               for p in copy.passages)


def test_state_round_trip_and_resume(index):
    # Ingest in two batches, each in publication order; the second one resumes from
    # the persisted state and must give what one batch gives.
    docs = sorted(seed_docs(), key=order_key)
    first = build(docs[:3])
    state = json.loads(json.dumps(first.to_state(), ensure_ascii=False))
    resumed = StoryIndex.from_state(state)
    by_key = {d.key: d for d in docs}
    resumed.fetch = by_key.get            # the store gives texts of stored articles
    build(docs[3:], resumed)
    key_of = {d.key: d.input_id for d in docs}
    assert groups(resumed, key_of) == groups(build(docs), key_of)
    assert resumed.role(by_name("004").key) == "reprint"


def test_view_compares_and_frames(index, docs, january):
    view = story_view(index, january, docs)
    assert view["event_date"] == "2022-01-10"
    date_conflicts = [c for c in view["conflicts"] if c["kind"] == "date"]
    assert [c["sides"][0]["article"] for c in date_conflicts] == [by_name("004").key]
    assert date_conflicts[0]["sides"][0]["value"] == "2022-02-10"
    participants = {a["what"] for a in view["agreements"] if a["kind"] == "participant"}
    assert {"Никол Пашинян", "Александр Лукашенко", "Эмомали Рахмон"} <= participants
    f001 = view["framing"]["articles"][by_name("001").key]
    assert any("миротворцы" in s["text"] for s in f001["scare_quotes"])
    assert "хозяин Кремля" in [w["text"] for w in f001["loaded"]]
    roles = {a["id"][:3]: a["role"] for a in view["articles"]}
    assert roles == {"001": "member", "002": "original", "004": "reprint"}


def test_briefing_names_session_date_participants_and_the_header_conflict(index, docs, january):
    view = story_view(index, january, docs)
    json.dumps(view, ensure_ascii=False)          # the store and the web layer serialise it
    text = " ".join(line["text"] for line in view["briefing"])
    assert "сесси" in text
    assert "10 января 2022" in text
    assert "Пашинян" in text and "Лукашенко" in text
    assert "10 февраля 2022" in text and by_name("004").input_id in text
    assert "«хозяин Кремля»" in text and "«миротворцы»" in text      # framing, side by side
    said = [line for line in view["briefing"] if line["section"] == "said"]
    assert by_name("004").key not in {c["article"] for line in said for c in line["cites"]}
    for line in view["briefing"]:
        assert line["cites"], line
        for c in line["cites"]:
            doc = docs[c["article"]]
            assert 0 <= c["start"] < c["stop"] <= len(doc.text)
    for fmt in ("text", "markdown"):
        out = render(view, fmt)
        assert "10 января 2022" in out and by_name("002").input_id in out
    with pytest.raises(ValueError):
        render(view, "html")


def test_summaries_have_the_interface_fields(index):
    rows = index.summaries()
    assert len(rows) == 3
    for row in rows:
        assert {"id", "articles", "thread", "title", "first_published", "last_published", "outlets"} <= set(row)
        for a in row["articles"]:
            assert a["role"] in ("original", "reprint", "borrower", "member")
    reprint = next(a for row in rows for a in row["articles"] if a["role"] == "reprint")
    assert (reprint["id"], reprint["source"]) == (by_name("004").input_id, by_name("002").input_id)
    json.dumps(rows)
