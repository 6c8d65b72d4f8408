"""Resolution as a table: (text, article date, a surface in it, the entity it must carry).

``None`` as the expected entity means: no mention there may carry an entity (left
unresolved rather than guessed, or no mention at all).
"""
from datetime import datetime

import pytest

from svodka import pipeline
from svodka.resolve import merge_corpus

D2019 = datetime(2019, 11, 18)
D2022 = datetime(2022, 1, 10)

CASES = [
    # names in any case, surnames alone, first name + patronymic, initials
    ("Президент России Владимир Путин встретился с Николом Пашиняном. Путин и Пашинян обсудили ОДКБ.",
     D2022, "Пашинян", "Никол Пашинян"),
    ("Глава государства Александр Лукашенко провёл совещание. Александр Григорьевич потребовал отчёта.",
     D2019, "Александр Григорьевич", "Александр Лукашенко"),
    ("Документ подписал В. В. Путин.", D2019, "В. В. Путин", "Владимир Путин"),
    ("Иван Петров возглавил компанию. Петрову 45 лет.", D2019, "Петрову", "Иван Петров"),
    ("Токаева поздравили коллеги.", D2022, "Токаева", "Касым-Жомарт Токаев"),
    ("Об этом сообщила директор департамента Елена Буйневич.", D2019, "Елена Буйневич", "Елена Буйневич"),
    # a surname alone is the KB's person only with some footing in the article
    ("Хоккеисты Козлов и Гребенюков забили по голу.", D2019, "Козлов", "Козлов"),
    ("Певица представила клип «Мамин борщ».", D2019, "Мамин", None),
    ("Лукашенко выступил на совещании.", D2019, "Лукашенко", "Александр Лукашенко"),
    # abbreviations and short aliases
    ("В МИД РФ заявили, что ответ будет.", D2019, "МИД РФ", "МИД России"),
    ("Об этом сообщили в Минобороны.", D2019, "Минобороны", "Минобороны России"),
    ("Представитель Госдепа отказался от комментариев.", D2019, "Госдепа", "Госдепартамент США"),
    ("Генсек Североатлантического альянса выступил в Брюсселе.", D2019, "Североатлантического альянса", "НАТО"),
    ("Глава МИД Германии Хайко Маас прибыл в Киев.", D2019, "МИД", "МИД Германии"),
    ("По данным российского оборонного ведомства, учения завершены.", D2019, "российского оборонного ведомства",
     "Минобороны России"),
    ("Генсек альянса заявил, что блок готов к диалогу.", D2019, "альянса", "НАТО"),
    # roles: apposition, the article's date, the article itself
    ("Премьер-министр Армении Никол Пашинян прибыл в Москву.", D2022, "Премьер-министр Армении", "Никол Пашинян"),
    ("Президент Казахстана выступил с обращением.", datetime(2019, 1, 10), "Президент Казахстана",
     "Нурсултан Назарбаев"),
    ("Президент Казахстана выступил с обращением.", D2022, "Президент Казахстана", "Касым-Жомарт Токаев"),
    ("Президент США заявил о новых пошлинах.", D2019, "Президент США", "Дональд Трамп"),
    ("Глава МИД России провёл переговоры.", D2019, "Глава МИД России", "Сергей Лавров"),
    ("Белорусский лидер выступил на форуме.", D2019, "Белорусский лидер", "Александр Лукашенко"),
    ("Хозяин Кремля провёл совещание.", D2019, "Хозяин Кремля", "Владимир Путин"),
    ("Официальный представитель Кремля ответил журналистам.", D2019, "Официальный представитель Кремля",
     "Дмитрий Песков"),
    ("Президент Казахстана Касым-Жомарт Токаев выступил. Глава государства поблагодарил партнёров.",
     D2022, "Глава государства", "Касым-Жомарт Токаев"),
    ("Политолог Иван Сидоров считает, что встреча важна. По словам политолога, итоги будут скоро.",
     D2019, "политолога", "Иван Сидоров"),
    ("Помощник президента Украины Андрей Ермак прибыл в Минск.", D2019, "Помощник президента Украины",
     "Андрей Ермак"),
    # no date: only a holder the article itself names
    ("Президент России Владимир Путин провёл встречу. Президент России отметил итоги.", None,
     "Президент России отметил", "Владимир Путин"),
    # former offices are never resolved by date
    ("Бывший президент Казахстана выступил в Астане.", D2022, "Бывший президент Казахстана", None),
    # a date before the KB's holders: unresolved
    ("Президент Белоруссии выступил перед депутатами.", datetime(1993, 5, 1), "Президент Белоруссии", None),
    # metonymy and places
    ("Москва и Вашингтон договорились о встрече.", D2019, "Москва", "Россия"),
    ("Москва и Вашингтон договорились о встрече.", D2019, "Вашингтон", "США"),
    ("Анкара отказалась от участия в проекте.", D2019, "Анкара", "Турция"),
    ("Передача Киеву кораблей состоялась.", D2019, "Киеву", "Украина"),
    ("В Москве прошла встреча министров.", D2019, "Москве", "Москва"),
    ("Москва хорошеет, её бюджет растёт.", D2019, "Москва", "Москва"),
    ("В Кремле заявили, что ответ будет.", D2019, "Кремле", "Кремль"),
    ("МИНСК, 18 ноя – Sputnik. Встреча прошла успешно.", D2019, "МИНСК", "Минск"),
    # pronouns
    ("Дмитрий Песков ответил журналистам. Он отметил, что решения нет.", D2019, "Он", "Дмитрий Песков"),
    ("Владимир Путин и Дональд Трамп провели встречу. Он отметил, что решения нет.", D2019, "Он", None),
    ("Депутат Иван Петров внёс законопроект. Он предусматривает штрафы.", D2019, "Он", None),
]


def _at(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


@pytest.mark.parametrize("text,day,surface,entity", CASES)
def test_resolution(text, day, surface, entity):
    analysis = pipeline.analyse_text(text, day, only={"entities", "resolution"})
    start, stop = _at(text, surface)
    seen = [(m.text, m.kind, m.entity, m.rule) for m in analysis.mentions]
    if entity is None:
        # nothing describes a person there: no role or pronoun mention over the surface
        assert not [m for m in analysis.mentions if m.kind != "name" and m.start < stop and start < m.stop], seen
        return
    # the mention that covers at least half the surface and fits it best (overlap / union)
    best, best_score = None, 0.0
    for m in analysis.mentions:
        overlap = min(m.stop, stop) - max(m.start, start)
        score = overlap / (max(m.stop, stop) - min(m.start, start))
        if overlap * 2 >= stop - start and score > best_score and m.entity:
            best, best_score = m, score
    assert (best.entity if best else None) == entity, seen


def test_role_and_pronoun_kinds():
    text = "Премьер-министр Армении Никол Пашинян прибыл в Москву. Он встретился с коллегами."
    kinds = {m.text: m.kind for m in pipeline.analyse_text(text, D2022, only={"entities", "resolution"}).mentions}
    assert kinds["Премьер-министр Армении"] == "role"
    assert kinds["Он"] == "pronoun"
    assert kinds["Никол Пашинян"] == "name"


MERGES = [
    # a surname-only entity joins the one full name of the corpus with that surname
    ([("PER", "Пашинян", "PER:Пашинян"), ("PER", "Никол Пашинян", "kb:pashinyan")],
     ("PER", "Пашинян", "PER:Пашинян"), ("PER", "Никол Пашинян", "kb:pashinyan")),
    ([("PER", "Петров", "PER:Петров"), ("PER", "Иван Петров", "PER:Иван Петров")],
     ("PER", "Петров", "PER:Петров"), ("PER", "Иван Петров", "PER:Иван Петров")),
    # two full names with that surname: ambiguous, left alone
    ([("PER", "Петров", "PER:Петров"), ("PER", "Иван Петров", "PER:Иван Петров"),
      ("PER", "Пётр Петров", "PER:Пётр Петров")],
     ("PER", "Петров", "PER:Петров"), ("PER", "Петров", "PER:Петров")),
    # case variants of an unknown full name join the most frequent one
    ([("PER", "Роман Труба", "PER:Роман Труба"), ("PER", "Роман Труба", "PER:Роман Труба"),
      ("PER", "Романа Труба", "PER:Романа Труба")],
     ("PER", "Романа Труба", "PER:Романа Труба"), ("PER", "Роман Труба", "PER:Роман Труба")),
    ([("PER", "Роман Труба", "PER:Роман Труба"), ("PER", "Трубы", "PER:Трубы")],
     ("PER", "Трубы", "PER:Трубы"), ("PER", "Роман Труба", "PER:Роман Труба")),
    # organisations and KB entities map to themselves
    ([("ORG", "ОДКБ", "kb:csto")], ("ORG", "ОДКБ", "kb:csto"), ("ORG", "ОДКБ", "kb:csto")),
]


@pytest.mark.parametrize("seen,key,expected", MERGES)
def test_merge_corpus(seen, key, expected):
    assert merge_corpus(seen)[key] == expected


FLAGS = [
    ("В Кремле прошла встреча министров.", "Кремле", False),
    ("В Кремле заявили, что ответ будет.", "Кремле", True),
    ("Москва и Вашингтон договорились о встрече.", "Москва", True),
    ("В Москве прошла встреча министров.", "Москве", False),
]


@pytest.mark.parametrize("text,surface,metonymy", FLAGS)
def test_metonymy_flag(text, surface, metonymy):
    analysis = pipeline.analyse_text(text, D2019, only={"entities", "resolution"})
    m = next(m for m in analysis.mentions if m.text == surface)
    assert ("metonymy" in m.flags) == metonymy
