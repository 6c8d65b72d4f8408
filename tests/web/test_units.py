"""Tables for the small pieces: date filters, cursors, nested markup, story views of any shape."""
from __future__ import annotations

import pytest

from svodka.store import queries
from svodka.web import markup, view

DATES = [
    ("2022", "2022"), ("2022-01", "2022-01"), ("2022-01-10", "2022-01-10"),
    ("2022-01-10T11:55", "2022-01-10T11:55"), ("2022-01-10 11:55", "2022-01-10T11:55"),
    ("2022-01-10T11:55:07", "2022-01-10T11:55:07"), ("", None), (None, None),
    ("2022-13", ValueError), ("2022-02-30", ValueError), ("10.01.2022", ValueError), ("вчера", ValueError),
    ("2022-01-10T25:00", ValueError), ("2022-01-10T11:61", ValueError), ("2022-1-1", ValueError),
]


@pytest.mark.parametrize("value,expected", DATES)
def test_check_date(value, expected):
    if expected is ValueError:
        with pytest.raises(queries.QueryError):
            queries.check_date(value, "since")
    else:
        assert queries.check_date(value, "since") == expected


CURSORS = [(["2022-01-10T11:55", 17], 2), ([3.25, "abc"], 2), ([42], 1), (["ё «кавычки»", 0], 2)]


@pytest.mark.parametrize("key,n", CURSORS)
def test_cursor_round_trip(key, n):
    assert queries.decode_cursor(queries.encode_cursor(key), n) == key


@pytest.mark.parametrize("bad", ["!!!", "e30", queries.encode_cursor([1, 2, 3]), queries.encode_cursor({"a": 1})])
def test_bad_cursor(bad):
    with pytest.raises(queries.QueryError):
        queries.decode_cursor(bad, 2)


T = markup.Tag
RENDER = [
    # (text, tags, html)
    ("abc", [], "abc"),
    ("a<b>&c", [], "a&lt;b&gt;&amp;c"),
    ("abcdef", [T(1, 3, "<i>", "</i>")], "a<i>bc</i>def"),
    ("abcdef", [T(0, 6, "<q>", "</q>", 1), T(2, 4, "<m>", "</m>", 4)], "<q>ab<m>cd</m>ef</q>"),
    # crossing spans: the inner one is closed and reopened, the output nests
    ("abcdef", [T(0, 4, "<q>", "</q>", 1), T(2, 6, "<m>", "</m>", 4)], "<q>ab<m>cd</m></q><m>ef</m>"),
    # same span: rank decides which is outside
    ("abc", [T(0, 3, "<m>", "</m>", 4), T(0, 3, "<q>", "</q>", 1)], "<q><m>abc</m></q>"),
    # out of range and empty spans are dropped
    ("abc", [T(2, 9, "<x>", "</x>"), T(1, 1, "<y>", "</y>")], "abc"),
    ("<script>", [T(0, 8, "<mark>", "</mark>")], "<mark>&lt;script&gt;</mark>"),
]


@pytest.mark.parametrize("text,tags,html", RENDER)
def test_render(text, tags, html):
    assert markup.render(text, tags) == html


def test_attributes_are_escaped():
    a = {"text": "x", "annotations": {"mentions": [{"start": 0, "stop": 1, "type": 'P"ER', "kind": "name",
                                                    "text": "x", "entity": '"><script>', "entity_key": 'a"b'}]}}
    html = markup.article_html(a)
    assert "<script>" not in html and 'href="/entities/a%22b"' in html


VIEWS = [
    {},
    {"briefing": "one line\nanother <b>line</b>"},
    {"briefing": ["plain", {"text": "cited", "cites": [{"article": "k1", "start": 0, "stop": 5}]}, 42, None]},
    {"briefing": {"lines": [{"section": "what", "text": "t", "citations": {"article": "k1", "start": 1, "stop": 2}}]}},
    {"facts": [{"value": 2.3, "unit": "тыс.", "article": "k1", "start": 0, "stop": 3}], "conflicts": []},
    {"conflicts": [{"what": "date", "sides": [{"article": "k1", "start": 0, "stop": 2, "text": "<i>"}]}]},
    {"framing": {"articles": {"k1": {"outlet": "ТАСС", "voices": ["Путин"]}},
                 "labels": {"e": {"entity": "Путин", "by_article": {"k1": [{"article": "k1", "start": 0, "stop": 2,
                                                                           "text": "хозяин Кремля"}]}}}}},
    {"framing": [{"outlet": "A", "scare_quotes": ["«миротворцы»"]}, {"outlet": "B", "loaded": []}]},
    {"framing": "just a string", "weird": {"deep": [[[[[[[["very deep"]]]]]]]]}, "n": 1.5, "flag": True},
]


@pytest.mark.parametrize("v", VIEWS)
def test_any_view_renders_escaped(v):
    arts = [{"key": "k1", "id": "001.txt", "outlet": "ТАСС", "title": "<script>t</script>"}]
    out = view.sections(v, arts)
    html = "".join(map(str, out["briefing"])) + "".join(str(h) for _, h in out["blocks"]) + \
        "".join(str(h) for _, h in out["framing_columns"] or [])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    if "cites" in str(v) or "citations" in str(v):
        assert 'href="/articles/k1?hl=' in html


def test_query_terms_cover_the_forms_of_a_name():
    terms = queries.query_terms("Пашиняном и Касым-Жомартом")
    assert terms[0][0] == "пашинян" and "пашинянин" in terms[0]     # what «Пашинян» is indexed as
    assert any(t[0].startswith("касым-жомарт") for t in terms)
    assert queries._fts_match([("a\"b",), ("c", "d")]) == '("a""b") AND ("c" OR "d")'
