"""Speaker rules added after the blind set of engineer D2: a table of (text, expected).

Same conventions as ``test_rules.py``: mentions from Natasha's spans only, each expected
quote is (kind, speaker, a piece of its text), in text order.
"""
import pytest

from svodka import nlp
from svodka.quotes import extract, fallback_mentions

CASES = [
    # -- the medium after the verb is who was told; the press service is who spoke
    ("Выплаты начнутся в декабре, сообщили Вести.RU в пресс-службе мэрии.",
     [("indirect", "пресс-служба мэрии", "Выплаты начнутся в декабре")]),
    # -- «…, говорится в <документе X>»: the clause before is X's
    ("Спрос на загородные дома вырос вдвое, говорится в исследовании агентства недвижимости Savills.",
     [("indirect", "Savills", "Спрос на загородные дома вырос вдвое")]),
    # -- impersonal «отмечается, что» with a document as the clause's subject: no source
    ("Отмечается, что приказ о назначении подписан в понедельник.", []),
    # -- a bare «документ» is the one the sentence before introduced; its signer speaks
    (("Распоряжение подписал премьер-министр Михаил Мишустин.\n"
     "«Назначить Иванова директором департамента», — говорится в документе."),
     [("direct", "Михаил Мишустин", "Назначить Иванова")]),
    # -- a people named by nationality is a group speaker; nameless «очевидцы» stay null
    ("Американцы считают, что цены на жильё слишком высоки.",
     [("indirect", "американцы", "цены на жильё слишком высоки")]),
    ("Очевидцы считают, что водитель уснул за рулём.",
     [("indirect", None, "водитель уснул за рулём")]),
    # -- «представитель … добавил» right after a named speaker: the same person goes on
    (("«Переговоры идут трудно», — сказал Сергей Беляев.\n"
     "Представитель ведомства добавил, что Москва готова к диалогу."),
     [("direct", "Сергей Беляев", "Переговоры идут трудно"),
      ("indirect", "Сергей Беляев", "Москва готова к диалогу")]),
    # -- a nickname introduced by «под псевдонимом» is the person
    (("Андрей Орлов, известный под псевдонимом Орлуша, выступил на форуме.\n"
     "«Всё уже решено без нас», — отметил Орлуша."),
     [("direct", "Андрей Орлов", "Всё уже решено без нас")]),
    # -- a paragraph after «Вот что он сказал:» is the quote
    (("Глава Xbox Фил Спенсер дал интервью.\nВот что он сказал по этому поводу:\n"
     "Мы хотим выпускать больше ролевых игр для нашей платформы."),
     [("direct", "Фил Спенсер", "Мы хотим выпускать больше ролевых игр")]),
    # -- a name built like a medium's is sourcing, not a speaker
    ("Как сообщает Novi List, на презентацию прибыли футболисты сборной.", []),
    # -- «последняя» is the latter of the names just before
    ("Компания купила студии inXile и Obsidian. Последняя уже говорила, что хочет делать RPG.",
     [("indirect", "Obsidian", "хочет делать RPG")]),
    # -- a title with a list in it, then the name
    (("Закон защитит жертв насилия, рассказала зампред комитета Госдумы по вопросам семьи, женщин и детей "
     "Оксана Пушкина."),
     [("indirect", "Оксана Пушкина", "Закон защитит жертв насилия")]),
    # -- nameless representatives speak for the body they represent
    ("По словам представителей местного департамента образования, школы откроют в среду.",
     [("indirect", "местный департамент образования", "школы откроют в среду")]),
    # -- «придерживается мнения, что …» reports a view
    ("Мария Иванова придерживается мнения, что детей нужно закалять.",
     [("indirect", "Мария Иванова", "детей нужно закалять")]),
    # -- the title of a code's article is a name, not a quote
    (("Возбуждено дело по ч. 1 ст. 228 «Незаконные приобретение, хранение, перевозка наркотических средств» "
     "Уголовного кодекса."), []),
    # -- a subjectless singular cue continues the person named before; a plural one is impersonal
    ("Иван Петров живет в Москве. О своей семье говорит, что она очень большая.",
     [("indirect", "Иван Петров", "она очень большая")]),
    ("Говорят, что мост откроют в мае.", []),
    ("Эксперт Иван Петров дал интервью. Это больше говорит о том, что фракция не принимает решений.", []),
    # -- «В то же время» is an adverb, not a PP that swallows the subject after it
    ("В то же время МИД России опроверг привязку к датам и заявил, что Киев мог забрать суда в любое время.",
     [("indirect", "МИД России", "Киев мог забрать суда")]),
    # -- the footer names the outlet, so its «Ранее X сообщал, что …» is sourcing
    ("Ранее iReactor сообщал, что мост построят к 2025 году.\nЧитайте iReactor в Яндексе", []),
    # -- a group with a quoted name
    ("— Люди нам нужны постоянно, — говорят поисковики отряда «Лиза Алерт».",
     [("direct", "поисковики отряда «Лиза Алерт»", "Люди нам нужны постоянно")]),
    # -- a name in quote marks inside the clause does not stop «…, говорится в сообщении X»
    ("«Почта России» стала партнером форума, говорится в сообщении пресс-службы компании.",
     [("indirect", "пресс-служба Почты России", "стала партнером форума")]),
    # -- a headline opening with a quote, a colon, the person and a speech verb
    ("\"Все люди достойные\": Лидия Ермошина рассказала о новых депутатах", [("direct", "Лидия Ермошина",
                                                                          "Все люди достойные")]),
    # -- the owner of an official site speaks through it
    ("Как сообщает официальный сайт лиги, игрок получил пятиминутный штраф.",
     [("indirect", "лига", "игрок получил пятиминутный штраф")]),
    # -- «слухи о том, что …»: hearsay the subject comments on, not her words
    ("Певица Анна Петрова прокомментировала слухи о том, что у ее мужа есть любовница.", []),
]

EPITHETS = [
    # -- a description renaming the body the sentence before named
    (("Верховный суд Гонконга отменил запрет. Запрет противоречит закону, заявила высшая судебная инстанция "
     "Гонконга."), "Верховный суд"),     # Natasha alone tags «Верховный суд» without «Гонконга»
]


def run(text):
    parsed = nlp.parse(text)
    return extract(text, parsed, fallback_mentions(parsed))


@pytest.mark.parametrize("text,expected", CASES)
def test_speakers(text, expected):
    quotes = run(text)[0]
    got = [(q.kind, q.speaker, q.text) for q in quotes]
    assert len(got) == len(expected), got
    for (kind, speaker, text_q), (ek, es, et) in zip(got, expected):
        assert (kind, speaker) == (ek, es), got
        assert et in text_q, got


def test_told_medium_is_the_channel():
    q, = run("Выплаты начнутся в декабре, сообщили Вести.RU в пресс-службе мэрии.")[0]
    assert q.channel == "Вести.RU"


def test_bare_surname_shared_by_two_people_is_the_one_speaking():
    text = ("«Я люблю собак», — говорит Лоренцо Боргезе. Его предок, Камило Боргезе, был папой римским.\n"
            "Также Боргезе признался, что встречался с русской девушкой.")
    quotes = run(text)[0]
    assert len(quotes) == 2 and quotes[0].speaker and quotes[0].speaker.startswith("Лоренцо")
    assert quotes[1].speaker == quotes[0].speaker


@pytest.mark.parametrize("text,speaker", EPITHETS)
def test_epithet_is_the_body_named_before(text, speaker):
    quotes = run(text)[0]
    assert len(quotes) == 1 and (quotes[0].speaker or "").startswith(speaker)
