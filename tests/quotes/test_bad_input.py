"""Bad input: unbalanced and mixed marks, quotes that never close, paragraph breaks,
a 100 KB article of dialogue. No crash, no quote longer than its paragraph unless the
marks say so, a warning in ``warnings``, and the stage stays fast."""
import time

import pytest

from svodka import nlp
from svodka.quotes import extract, fallback_mentions, paragraphs

BAD = [
    "Министр заявил: «Мы не отступим. Это наша позиция.\nВ зале зааплодировали.",
    "Текст » с лишней кавычкой, „лапками“ и “английскими” словами » и ещё «.",
    'Он сказал: "Это "Газпром" виноват, — добавил Иван Петров.',
    "«««»»»«",
    '"""',
    "— — —\n— ,\n-",
    "«\n«\n«",
    "Сергей Иванов заявил, что «ситуация под контролем.\n\nДругой абзац без кавычек.",
    "",
    "   \n\n  ",
    "«Цитата» — сказал",
    "По словам",
    "Как сообщили в",
]


def _paragraph_of(text, offset):
    for a, b in paragraphs(text):
        if a <= offset <= b:
            return a, b
    return 0, len(text)


@pytest.mark.parametrize("text", BAD)
def test_no_crash_and_quotes_stay_in_their_paragraph(text):
    parsed = nlp.parse(text)
    quotes, frames, warnings = extract(text, parsed, fallback_mentions(parsed))
    for q in quotes:
        assert 0 <= q.start <= q.stop <= len(text)
        a, b = _paragraph_of(text, q.start)
        if "«\n«" not in text:
            assert q.stop <= b, (q, a, b)


@pytest.mark.parametrize("text", [BAD[0], BAD[1], BAD[7], BAD[3]])
def test_malformed_marks_warn(text):
    parsed = nlp.parse(text)
    _, _, warnings = extract(text, parsed, fallback_mentions(parsed))
    assert warnings and all(w.startswith("quotes: ") for w in warnings)


def test_warnings_are_capped():
    text = "» " * 500
    parsed = nlp.parse(text, ner=False)
    _, _, warnings = extract(text, parsed, [])
    assert 1 <= len(warnings) <= 13


def test_long_dialogue_article():
    line = ("— Я думаю, что всё будет хорошо, — сказал Иван Петров. — Правда, не сразу.\n"
            "— А когда? — спросила Мария.\n«Скоро, — ответил он. — Очень скоро.\n")
    text = (line * (100_000 // len(line) + 1))[:100_000]
    parsed = nlp.parse(text)
    mentions = fallback_mentions(parsed)
    t0 = time.perf_counter()
    quotes, _, warnings = extract(text, parsed, mentions)
    took = time.perf_counter() - t0
    assert len(quotes) > 2000
    assert warnings                       # the «Скоро … lines never close
    assert took < 10                      # about 1 s on one core; linear, not quadratic
    for q in quotes[:300]:
        a, b = _paragraph_of(text, q.start)
        assert q.stop <= b
    by_speaker = {q.speaker for q in quotes if q.text.startswith("Я думаю")}
    assert by_speaker == {"Иван Петров"}
