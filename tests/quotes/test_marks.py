"""Quote-mark pairing: a table of (text, quoted spans, number of warnings). No models."""
import pytest

from svodka.quotes import paragraphs, scan_marks

CASES = [
    # ёлочки, лапки, curly and straight quotes
    ("Он сказал: «Да».", ["Да"], 0),
    ("Он сказал: „Да“.", ["Да"], 0),
    ("He said “yes” twice.", ["yes"], 0),
    ('Он сказал: "Да".', ["Да"], 0),
    # nesting: «… „…“ …» and «… «…» …»
    ("«Мы из „Газпрома“ здесь», — сказал он.", ["Газпрома", "Мы из „Газпрома“ здесь"], 0),
    ("«Компания «Ромашка» банкрот», — сказал он.", ["Ромашка", "Компания «Ромашка» банкрот"], 0),
    # straight quotes nested when the paragraph has marks enough to close both
    ('"Компания "Ромашка" банкрот", — сказал он.', ["Ромашка", 'Компания "Ромашка" банкрот'], 0),
    # a stray straight quote inside a straight quote is dropped with a warning
    ('"Есть человек рядом. "Проводится терапия", – сказал он.', ['Есть человек рядом. "Проводится терапия'], 1),
    # a closing mark with no opening one
    ("Текст » с лишней кавычкой.", [], 1),
    # never closes: cut at the paragraph end, with a warning
    ("Он заявил: «Мы не отступим.\nДругой абзац.", ["Мы не отступим."], 1),
    # the next paragraph reopens the quote: one quote over two paragraphs
    ("«Первый абзац.\n«Второй абзац», — сказал он.", ["Первый абзац.\n«Второй абзац"], 0),
    # the next paragraph closes it: the marks say it goes on
    ('"Первый абзац.\nВторой абзац", — сказал он.', ["Первый абзац.\nВторой абзац"], 0),
    # one mark closing the inner and the outer quote before the attribution
    ("«Объединяют сад «Сказка» и «Ладушки», — уточнила она. Потом ушла.",
     ["Сказка", "Ладушки", "Объединяют сад «Сказка» и «Ладушки"], 0),
]


@pytest.mark.parametrize("text, expected, n_warnings", CASES)
def test_marks(text, expected, n_warnings):
    warnings: list[str] = []
    marks = scan_marks(text, paragraphs(text), warnings)
    assert sorted(text[m.start:m.stop] for m in marks) == sorted(expected)
    assert len(warnings) == n_warnings, warnings


def test_marks_do_not_cross_paragraphs_unless_marked():
    text = "Он заявил: «раз\n\nДва. Три «четыре» пять."
    warnings: list[str] = []
    marks = scan_marks(text, paragraphs(text), warnings)
    assert sorted(text[m.start:m.stop] for m in marks) == ["раз", "четыре"]
    assert warnings


def test_collapsed_opening_mark():
    text = "Песков отметил:\n«Нормандский формат» запланирован на 9 декабря, подготовка ведется».\nДальше."
    warnings: list[str] = []
    marks = scan_marks(text, paragraphs(text), warnings)
    assert "Нормандский формат» запланирован на 9 декабря, подготовка ведется" in [text[m.start:m.stop] for m in marks]
    assert warnings == []


def test_quote_goes_on_over_paragraphs_without_marks():
    text = "«Первый абзац.\nВторой абзац без кавычек.\nТретий абзац», — отметил он."
    marks = scan_marks(text, paragraphs(text), [])
    assert [text[m.start:m.stop] for m in marks] == ["Первый абзац.\nВторой абзац без кавычек.\nТретий абзац"]
