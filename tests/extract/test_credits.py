import pytest

from svodka.article import build
from svodka.credits import credit_mentions
from svodka.records import RawDoc

CASES = [
    ("Фото: ТАСС\nПутин провёл встречу с губернатором в Кремле.", ["ТАСС"]),
    ("Фото: Reuters\nВ Лондоне прошла акция протеста у здания парламента.", ["Reuters"]),
    ("Фото: Иван Петров\nВ Москве открылась выставка современного искусства.", []),   # a person: not in the KB
    ("В Москве открылась выставка. Фото: ТАСС сообщает, что выставка продлится месяц.", []),  # not a credit line
]


@pytest.mark.parametrize("text,want", CASES)
def test_credit_mentions(text, want):
    article = build(RawDoc("x.txt", text, "x.txt"))
    got = credit_mentions(article)
    assert [m["entity"] for m in got] == want
    for m in got:
        assert text[m["start"]:m["stop"]] == m["text"]
