"""Cross-article merging as a table of reported events."""
from __future__ import annotations

from datetime import date

import pytest

from svodka.eventmerge import EventItem, dates_agree, merge, timeline
from svodka.records import Event, Span


def ev(type_="meeting", date_=None, who=(), fmt=None, status="happened", place=None, init=None, sub=None):
    rule = (f"subtype:{sub};" if sub else "") + "trigger:test"
    return Event(type=type_, trigger=Span(0, 1), date=date_, precision="day" if date_ else None, place=place,
                 format=fmt, status=status, initiator=init, participants=list(who), evidence=[Span(0, 1)], rule=rule)


PUTIN, PASH, TOK = "Владимир Путин", "Никол Пашинян", "Касым-Жомарт Токаев"

# (reports as (article, Event), expected number of merged events)
CASES = [
    ("same day, shared participant", [("a", ev(date_="2022-01-10", who=[PUTIN])),
                                      ("b", ev(date_="2022-01-10", who=[PUTIN, PASH]))], 1),
    ("different days", [("a", ev(date_="2022-01-10", who=[PUTIN])), ("b", ev(date_="2022-01-11", who=[PUTIN]))], 2),
    ("month agrees with day", [("a", ev(date_="2022-01", who=[PUTIN, PASH])),
                               ("b", ev(date_="2022-01-10", who=[PUTIN, PASH]))], 1),
    ("different types", [("a", ev(date_="2022-01-10", who=[PUTIN])),
                         ("b", ev("phone_call", date_="2022-01-10", who=[PUTIN]))], 2),
    ("undated, two shared", [("a", ev(date_="2022-01-10", who=[PUTIN, PASH, TOK])), ("b", ev(who=[PASH, TOK]))], 1),
    ("undated, one shared and same format", [("a", ev(date_="2022-01-10", who=[PUTIN], fmt="videoconference")),
                                             ("b", ev(who=[PUTIN], fmt="videoconference"))], 1),
    ("undated, one shared only", [("a", ev(date_="2022-01-10", who=[PUTIN])), ("b", ev(who=[PUTIN]))], 2),
    ("undated talks are not the session", [("a", ev(date_="2022-01-10", who=[PUTIN, PASH], sub="session")),
                                           ("b", ev(who=[PUTIN, PASH], sub="talks"))], 2),
    ("summit and session may be one", [("a", ev(date_="2022-01-10", who=[PUTIN, PASH], sub="session")),
                                       ("b", ev(who=[PUTIN, PASH], sub="summit"))], 1),
    ("different places", [("a", ev(date_="2023-11-20", place="Минск", who=[PUTIN])),
                          ("b", ev(date_="2023-11-20", place="Москва", who=[PUTIN]))], 2),
    ("planned and happened, same day", [("a", ev(date_="2023-11-23", status="planned", who=[PUTIN])),
                                        ("b", ev(date_="2023-11-23", who=[PUTIN]))], 1),
    ("one article never merges with itself", [("a", ev(date_="2022-01-10", who=[PUTIN])),
                                              ("a", ev(date_="2022-01-10", who=[PUTIN]))], 2),
    ("no names, same day and place", [("a", ev("accident", date_="2019-11-18", place="Ростов")),
                                      ("b", ev("accident", date_="2019-11-18", place="Ростов"))], 1),
]


@pytest.mark.parametrize("name,reports,expected", CASES, ids=[c[0] for c in CASES])
def test_merge_table(name, reports, expected):
    merged = merge([(key, None, None, e) for key, e in reports])
    assert len(merged) == expected


def test_merged_fields_and_conflicts():
    merged = merge([
        EventItem("001", "A", None, ev(date_="2022-01-10", who=[PUTIN], fmt="videoconference")),
        EventItem("002", "B", None, ev(who=[TOK, PASH, PUTIN], fmt="videoconference", init=TOK)),
        EventItem("004", "C", None, ev(date_="2022-01-10", who=[PASH, PUTIN, TOK], fmt="videoconference",
                                       init="Казахстан"), about=("ОДКБ",)),
    ])
    assert len(merged) == 1
    m = merged[0]
    assert [s.article_key for s in m.sources] == ["001", "004", "002"]
    assert (m.event.date, m.event.format, m.event.initiator) == ("2022-01-10", "videoconference", TOK)
    assert m.event.participants[0] == PUTIN and set(m.event.participants) == {PUTIN, PASH, TOK}
    assert m.conflicts == {"initiator": ["Казахстан", TOK]}
    assert [x.event.date for x in timeline(merged, "ОДКБ")] == ["2022-01-10"]
    assert timeline(merged, "ОДКБ", since=date(2022, 2, 1)) == []


@pytest.mark.parametrize("a,b,ok", [("2022-01-10", "2022-01", True), ("2022", "2022-01-10", True),
                                    ("2022-01-10", "2022-01-11", False), (None, "2022", True)])
def test_dates_agree(a, b, ok):
    assert dates_agree(a, b) is ok


def test_index_keeps_merging_linear():
    # 2000 reports of 1000 distinct meetings: each pair merges, none with another pair.
    reports = []
    for i in range(1000):
        d = f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}"
        who = [f"Person {i}"]
        reports += [(f"a{i}", None, None, ev(date_=d, who=who)), (f"b{i}", None, None, ev(date_=d, who=who))]
    merged = merge(reports)
    assert len(merged) == 1000 and all(len(m.sources) == 2 for m in merged)
