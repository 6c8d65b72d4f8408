"""Quote rules: a table of (text, expected quotes) per rule.

Mentions come from Natasha's spans of ``nlp.parse`` (``fallback_mentions``), as the
stage runs when the entities and resolution stages are absent, so these tests pin the
quote rules, not the other stages. Each expected quote is (kind, speaker, a piece of its
text); the stage must find exactly these, in text order.
"""
import pytest

from svodka import nlp
from svodka.quotes import extract, fallback_mentions

CASES = [
    # -- quote marks, cue after: «…», — сказал X
    ("«Мы не отступим», — сказал министр финансов Антон Силуанов.",
     [("direct", "Антон Силуанов", "Мы не отступим")]),
    # -- cue after, pronoun: he is the person named before
    ("Президент России Владимир Путин провёл совещание.\n«Работа идёт по плану», — сказал он.",
     [("direct", "Владимир Путин", "Работа идёт по плану")]),
    # -- cue before with a colon
    ("Анна Попова заявила: «Эпидемия пошла на спад».",
     [("direct", "Анна Попова", "Эпидемия пошла на спад")]),
    # -- the quoted words are the subject, not a quote: «Ростелеком» объявил …
    ("Компания «Ростелеком» объявила об отмене платы.", []),
    # -- names in quotes are not quotes, and not framing
    ("Газета «Коммерсант» сообщила о сделке, передает «РИА Новости».", []),
    # -- partial quote: X назвал ситуацию «…»
    ("Глава МИД Сергей Лавров назвал ситуацию «беспрецедентной».",
     [("partial", "Сергей Лавров", "беспрецедентной")]),
    # -- indirect speech after «заявил, что», with a partial quote inside the clause
    ("Министр Антон Силуанов заявил, что бюджет «сбалансирован полностью».",
     [("indirect", "Антон Силуанов", "бюджет «сбалансирован полностью»"),
      ("partial", "Антон Силуанов", "сбалансирован полностью")]),
    # -- по словам X
    ("По словам Анны Ивановой, решение примут завтра.",
     [("indirect", "Анна Иванова", "решение примут завтра")]),
    # -- как сообщили в X: an organisation speaks
    ("Как сообщили в МЧС, пожар потушен.",
     [("indirect", "МЧС", "пожар потушен")]),
    # -- trailing attribution to a person, and to a press service
    ("Подзаконные акты разработают в первом квартале, сообщил журналистам министр строительства Владимир Якушев.",
     [("indirect", "Владимир Якушев", "Подзаконные акты разработают в первом квартале")]),
    # -- the article's own source is a channel, not a quote
    ("Пожар в Перми потушили к утру, сообщает ТАСС.", []),
    # -- «говорится в сообщении»: the organisation that spoke before
    ("Об этом сообщила пресс-служба мэрии Казани.\n«Работы завершены», — говорится в сообщении.",
     [("direct", "пресс-служба мэрии Казани", "Работы завершены")]),
    # -- «говорится в заявлении X»: the owner of the document
    ("«Решение окончательное», — говорится в заявлении МИД России.",
     [("direct", "МИД России", "Решение окончательное")]),
    # -- dialogue dashes: one quote in two parts, speaker in the middle
    ("— Мы готовы к переговорам, — сказал Дмитрий Песков. — Но не на этих условиях.",
     [("direct", "Дмитрий Песков", "Мы готовы к переговорам, — сказал Дмитрий Песков. — Но не на этих условиях")]),
    # -- hyphens as dialogue dashes, and a dash inside the quote that is no separator
    ("Александр Лукашенко провёл встречу.\n- Надо думать о будущем - как жить дальше, - подчеркнул белорусский лидер, - Это важно.",
     [("direct", "Александр Лукашенко", "Надо думать о будущем - как жить дальше")]),
    # -- a dash paragraph with no attribution continues the speaker of the one before
    ("— Цены вырастут, — сказал экономист Игорь Николаев.\n— Но не сильно.",
     [("direct", "Игорь Николаев", "Цены вырастут"), ("direct", "Игорь Николаев", "Но не сильно")]),
    # -- a dash paragraph that nobody introduced is a list item, not a quote
    ("Что взять с собой:\n— паспорт;\n— билет.", []),
    # -- role noun written beside a name earlier
    ("Встреча адвоката Екатерины Рубашкиной с журналистами прошла вчера. Адвокат отметила, что иск подан.",
     [("indirect", "Екатерина Рубашкина", "иск подан")]),
    # -- a woman's pronoun skips the man named last
    ("Татьяна Власова и Марк Рудинштейн пришли в студию.\n«Я рада», — сказала она.",
     [("direct", "Татьяна Власова", "Я рада")]),
    # -- speaker the text does not name: None, never invented
    ("«Никто не пострадал», — рассказал очевидец.",
     [("direct", None, "Никто не пострадал")]),
    # -- the author's own «напомним, что» is no quote
    ("Напомним, что ранее цены выросли.", []),
    # -- media are channels, not speakers
    ("Пожар потушен к утру, сообщает «Мойка78».", []),
    ("Как отмечает TechCrunch, рынок растет.", []),
    ("Ранее мы писали, что цены выросли.", []),
    # -- «цитирует X ТАСС»: the person is the object of the cue
    ("«Мы готовы», — цитирует Анну Попову ТАСС.",
     [("direct", "Анна Попова", "Мы готовы")]),
    # -- a woman's full name read as a man's genitive by the normaliser is hers again
    ("«Нет», — сказала Евгения Медведева.",
     [("direct", "Евгения Медведева", "Нет")]),
    # -- channel: в интервью …
    ("«Мы справимся», — сказал Герман Греф в интервью РБК.",
     [("direct", "Герман Греф", "Мы справимся")]),
]


def run(text):
    parsed = nlp.parse(text)
    quotes, frames, warnings = extract(text, parsed, fallback_mentions(parsed))
    return quotes, frames, warnings


@pytest.mark.parametrize("text, expected", CASES)
def test_rules(text, expected):
    quotes, _, _ = run(text)
    got = [(q.kind, q.speaker, q.text) for q in quotes]
    assert len(quotes) == len(expected), got
    for (kind, speaker, piece), q in zip(expected, quotes):
        assert q.kind == kind, got
        assert q.speaker == speaker, got
        assert piece in q.text, got
        assert text[q.start:q.stop] == q.text


def test_scare_quotes_are_frames():
    quotes, frames, _ = run("Президент, чьи «миротворцы» вошли в страну, принял участие в саммите.")
    assert quotes == []
    assert [(f.kind, f.text) for f in frames] == [("scare_quote", "миротворцы")]


def test_dialogue_parts():
    text = "— Мы готовы, — сказал Путин. — Но не сейчас."
    q, = run(text)[0]
    assert [text[p.start:p.stop] for p in q.parts] == ["Мы готовы", "Но не сейчас."]
    assert (q.cue, text[q.cue_start:q.cue_stop]) == ("сказал", "сказал")
    assert text[q.speaker_start:q.speaker_stop] == "Путин"


def test_channel():
    q, = run("«Мы справимся», — сказал Герман Греф в интервью РБК.")[0]
    assert q.channel == "интервью РБК"
    q = run("Как сообщает «РИА Новости», министр Антон Силуанов заявил, что бюджет исполнен.")[0][0]
    assert (q.speaker, q.channel) == ("Антон Силуанов", "РИА Новости")


def test_rule_is_recorded():
    q, = run("«Мы не отступим», — сказал министр Антон Силуанов.")[0]
    assert q.rule.startswith("mark_after_cue/")


def test_participle_clause_ends_at_the_main_verb():
    text = "Министр Антон Силуанов, заявивший, что бюджет исполнен, считает, что реформа нужна."
    quotes = run(text)[0]
    assert [(q.speaker, q.text) for q in quotes] == [("Антон Силуанов", "бюджет исполнен"),
                                                     ("Антон Силуанов", "реформа нужна")]


def test_debug_command_prints_rules(capsys, tmp_path):
    from svodka.quotes import main
    path = tmp_path / "a.txt"
    path.write_text("«Мы не отступим», — сказал министр Антон Силуанов.", encoding="utf-8")
    assert main([str(path), "--debug"]) == 0
    out = capsys.readouterr().out
    assert "mark_after_cue/" in out and "Антон Силуанов" in out
