"""Table tests of the entity stage: (text, expected name mentions) per rule of svodka.nerrules,
and (words, type) → nominative normal form for svodka.entities.

Each row names a mention by its surface text, type and normal form; the rule column is the
rule that must appear in the mention's ``rule`` trail (the reason the row exists).
"""
from __future__ import annotations

import itertools

import pytest

from svodka import entities, nlp
from svodka.pipeline import Context


def mentions(text: str):
    ctx = Context(text, None, nlp.parse(text))
    entities.annotate(ctx)
    return ctx.analysis.mentions


def found(text: str) -> set[tuple[str, str, str]]:
    return {(m.text, m.type, m.normal) for m in mentions(text)}


def surfaces(text: str) -> set[str]:
    return {m.text for m in mentions(text)}


# (text, a mention that must be there (surface, type, normal), rule that made it or None)
MUST = [
    # nominative normals: people agree in case and gender, heads inflect, dependents stay
    ("Путин провёл переговоры с Николом Пашиняном.", ("Николом Пашиняном", "PER", "Никол Пашинян"), None),
    ("Встреча с Касым-Жомартом Токаевым прошла в Астане.", ("Касым-Жомартом Токаевым", "PER", "Касым-Жомарт Токаев"), None),
    ("Он поговорил с Марией Захаровой.", ("Марией Захаровой", "PER", "Мария Захарова"), None),
    ("Заседание Совета Федерации прошло вчера.", ("Совета Федерации", "ORG", "Совет Федерации"), None),
    ("Лидеры стран Организации Договора о коллективной безопасности собрались в Москве.",
     ("Организации Договора о коллективной безопасности", "ORG", "Организация Договора о коллективной безопасности"), None),
    ("Делегация прибыла из Соединённых Штатов Америки.", ("Соединённых Штатов Америки", "LOC", "Соединённые Штаты Америки"), None),
    ("Переговоры прошли в Центральной Азии.", ("Центральной Азии", "LOC", "Центральная Азия"), None),
    ("Об этом заявили в Российской Федерации.", ("Российской Федерации", "LOC", "Российская Федерация"), None),
    # a body and the organisation it belongs to are one name
    ("На сессии Совета коллективной безопасности ОДКБ выступил президент.",
     ("Совета коллективной безопасности ОДКБ", "ORG", "Совет коллективной безопасности ОДКБ"), "merge_org_chain"),
    ("Депутаты Парламентской ассамблеи Совета Европы проголосовали.",
     ("Парламентской ассамблеи Совета Европы", "ORG", "Парламентская ассамблея Совета Европы"), "merge_org_chain"),
    # the lexicon: types the model gets wrong, abbreviations it misses
    ("Страны ЕС ввели санкции.", ("ЕС", "ORG", "ЕС"), "gazetteer"),
    ("Решение Евросоюза было принято в среду.", ("Евросоюза", "ORG", "Евросоюз"), None),
    ("В интервью «Голосу Америки» он сказал, что уедет.", ("Голосу Америки", "ORG", "Голос Америки"), None),
    ("Об этом сообщает РИА Новости.", ("РИА Новости", "ORG", "РИА Новости"), "gazetteer"),
    ("Космонавты вернулись с МКС на Землю.", ("МКС", "LOC", "МКС"), "gazetteer"),
    ("Представитель МИДа ответил журналистам.", ("МИДа", "ORG", "МИД"), None),
    # descriptors and brackets
    ("Акции ОАО «Газпром» подорожали.", ("Газпром", "ORG", "Газпром"), "drop_descriptor"),
    ("Как пишет ИА Regnum, встреча отменена.", ("Regnum", "ORG", "Regnum"), "drop_descriptor"),
    ("Комитет защиты журналистов (КЗЖ) выступил с заявлением.", ("КЗЖ", "ORG", "КЗЖ"), None),
    ("Это сказал Джошуа Вольф (Joshua Wolf) в суде.", ("Joshua Wolf", "PER", "Joshua Wolf"), "split_punct"),
    ("Следователи Следственного комитета при прокуратуре начали проверку.",
     ("Следственного комитета при прокуратуре", "ORG", "Следственный комитет при прокуратуре"), "extend_org_right"),
    ("Члены Совета при Президенте РФ по развитию гражданского общества и правам человека выступили.",
     ("Совета при Президенте РФ по развитию гражданского общества и правам человека", "ORG",
      "Совет при Президенте РФ по развитию гражданского общества и правам человека"), "extend_org_right"),
    ("Общественная палата при Минобороны России провела заседание.",
     ("Общественная палата при Минобороны России", "ORG", "Общественная палата при Минобороны России"),
     "extend_org_right"),
    ("Сотрудники ГУ МЧС России по Санкт-Петербургу выехали на место.",
     ("ГУ МЧС России по Санкт-Петербургу", "ORG", "ГУ МЧС России по Санкт-Петербургу"), "merge_branch"),
    ("Спектакль покажут на сцене Театра им. Йозефа Бойса в Берлине.",
     ("Театра им. Йозефа Бойса", "ORG", "Театр им. Йозефа Бойса"), "merge_named_after"),
    # factRuEval: a place adjective belongs to an organisation's name, a direction to a place's
    ("Представитель японского МИДа ответил.", ("японского МИДа", "ORG", "японский МИД"), "extend_left_adj"),
    ("Спор идёт о принадлежности островов южные Курильские острова.", None, None),
    # a name found once is found again
    ("Веселин Топалов выиграл партию. Топалов был доволен.", ("Топалов", "PER", "Топалов"), None),
    # sites named in running text
    ("Об этом пишет infox.ru со ссылкой на источник.", ("infox.ru", "ORG", "infox.ru"), "site_name"),
    # a first name + a surname the model typed as a place is a person
    ("На открытии выступил епископ Лонгин Клинский.", ("Лонгин Клинский", "PER", "Лонгин Клинский"), None),
    # residence: the building in a place phrase, the institution otherwise
    ("Вчера в Кремле прошла встреча.", ("Кремле", "LOC", "Кремль"), None),
    ("Решение Кремля удивило экспертов.", ("Кремля", "ORG", "Кремль"), "gazetteer"),
    # a quoted organisation is the whole quoted phrase
    ("В акции участвовал «Союз защиты обманутых вкладчиков» из Твери.",
     ("Союз защиты обманутых вкладчиков", "ORG", "Союз защиты обманутых вкладчиков"), None),
    # a name after a kind of place is that place (airports are locations in factRuEval)
    ("Самолёт сел в аэропорту «Внуково» около полудня.", ("Внуково", "LOC", "Внуково"), None),
    # the original spelling in brackets names the same entity
    ("Газета «Коррьере делла Сера» (Corriere della Sera) пишет об этом.",
     ("Corriere della Sera", "ORG", "Corriere della Sera"), "latin_in_parens"),
    # one name, one type: the kind word before its quoted name types its other mentions
    ("Уроки ведёт центр «Тип-Топ» в Кёльне. В центре Тип-Топ занимаются взрослые.",
     ("Тип-Топ", "ORG", "Тип-Топ"), "unify_types"),
    # the text's cue beats the KB: an agency called «Москва» is no city
    ("Об этом сообщает агентство «Москва» со ссылкой на мэрию.", ("Москва", "ORG", "Москва"), None),
    # a unit of a named organisation is an organisation; a press office is not
    ("Об этом сообщил глава отдела мобильных устройств Samsung в интервью.",
     ("отдела мобильных устройств", "ORG", "отдел мобильных устройств"), "org_unit"),
    ("Он избран от новгородского отделения партии «Яблоко» в прошлом году.",
     ("новгородского отделения", "ORG", "новгородское отделение"), "org_unit"),
    # a word the dictionary knows only as an organisation
    ("Оба болида Феррари сошли с трассы.", ("Феррари", "ORG", "Феррари"), None),
]


@pytest.mark.parametrize("text, expected, rule", [r for r in MUST if r[1]])
def test_mention_found(text, expected, rule):
    got = mentions(text)
    hits = [m for m in got if (m.text, m.type, m.normal) == expected]
    assert hits, f"{expected} not in {[(m.text, m.type, m.normal, m.rule) for m in got]}"
    if rule:
        assert any(rule in m.rule for m in hits), [m.rule for m in hits]


# (text, surface that must NOT be a mention)
MUST_NOT = [
    ("РЕКЛАМА\n\n822\n\nЧитайте нас в Facebook", "РЕКЛАМА"),
    ("РЕКЛАМА\n\n822\n\nЧитайте нас в Facebook", "Читайте"),
    ("Президент подписал указ.", "Президент"),
    ("Все государства-участники Организации выступили единым фронтом.", "Организации выступили единым фронтом"),
    ("По данным СМИ, встреча отменена.", "СМИ"),
    ("Джошуа Вольф (Joshua Wolf) в суде.", "Джошуа Вольф (Joshua Wolf)"),
    ("Акции ОАО «Газпром» подорожали.", "ОАО «Газпром»"),
    # a lone kind of body is a descriptor, not a name
    ("Заявление сделал Председатель Правительства РФ.", "Правительства"),
    # only place adjectives join a name («японского МИДа»), descriptive ones do not
    ("Деньги получит некоммерческий Фонд помощи хосписам.", "некоммерческий Фонд помощи хосписам"),
    ("Об этом сообщили в пресс-службе МЧС в понедельник.", "пресс-службе"),
    # titles of works and events are no organisations; currencies after a number are no names
    ("Вышел новый выпуск программы «Пусть говорят» на Первом канале.", "Пусть говорят"),
    ("На дороги выделено 818,2 млн BYN из бюджета.", "BYN"),
    ("Подробности на https://t.me/interaffairs и mail@example.ru сегодня.", "example.ru"),
]


@pytest.mark.parametrize("text, surface", MUST_NOT)
def test_not_a_mention(text, surface):
    assert surface not in surfaces(text)


# (words, gaps, type, normal): the normaliser alone
NORMALS = [
    (("Николом", "Пашиняном"), (" ",), "PER", "Никол Пашинян"),
    (("Александром", "Лукашенко"), (" ",), "PER", "Александр Лукашенко"),
    (("Екатерины", "Аталык"), (" ",), "PER", "Екатерина Аталык"),
    (("Ахмат-Хаджи", "Кадырова"), (" ",), "PER", "Ахмат-Хаджи Кадыров"),
    (("Совета", "коллективной", "безопасности"), (" ", " "), "ORG", "Совет коллективной безопасности"),
    (("Коллективных", "миротворческих", "сил"), (" ", " "), "ORG", "Коллективные миротворческие силы"),
    (("Европейского", "союза"), (" ",), "ORG", "Европейский союз"),
    (("Республике", "Казахстан"), (" ",), "LOC", "Республика Казахстан"),
    (("Санкт-Петербурге",), (), "LOC", "Санкт-Петербург"),
    (("Казахстане",), (), "LOC", "Казахстан"),
    (("ОДКБ",), (), "ORG", "ОДКБ"),
    (("Яндекс", ".", "Дзен"), ("", ""), "ORG", "Яндекс.Дзен"),
    (("Алматы",), (), "LOC", "Алматы"),
]


@pytest.mark.parametrize("words, gaps, kind, normal", NORMALS)
def test_normal_form(words, gaps, kind, normal):
    assert entities.normal_form(words, gaps, kind) == normal


def test_mentions_are_sorted_disjoint_and_exact():
    text = ("Владимир Путин и Касым-Жомарт Токаев обсудили ситуацию в Казахстане. "
            "Совет коллективной безопасности ОДКБ (СКБ) собрался в Москве.")
    got = mentions(text)
    assert got
    for a, b in itertools.pairwise(got):
        assert a.stop <= b.start
    for m in got:
        assert text[m.start:m.stop] == m.text
        assert m.kind == "name" and m.type in ("PER", "LOC", "ORG") and m.rule


# persons: (words, nominative) — slots (first name, surname), ties, guessed foreign names
PERSONS = [
    (("Касым-Жомарта", "Токаева"), "Касым-Жомарт Токаев"),
    (("Мишель", "Платини"), "Мишель Платини"),
    (("Платини",), "Платини"),
    (("Пашиняну",), "Пашинян"),
    (("Ангелой", "Меркель"), "Ангела Меркель"),
    (("Веселином", "Топаловым"), "Веселин Топалов"),
    (("Андрей", "ЯРМОЛЕНКО"), "Андрей Ярмоленко"),
    (("Михаила", "Кускова"), "Михаил Кусков"),
    (("Анны", "Кусковой"), "Анна Кускова"),
    (("Саида", "Бурятского"), "Саид Бурятский"),
    (("Юлии", "Биньковской"), "Юлия Биньковская"),
]


@pytest.mark.parametrize("words, normal", PERSONS)
def test_person_nominative(words, normal):
    gaps = (" ",) * (len(words) - 1)
    assert entities.normal_form(words, gaps, "PER") == normal


PHRASES = [
    (("Московском", "Кремле"), "LOC", "Московский Кремль"),
    (("Петровской", "набережной"), "LOC", "Петровская набережная"),
    (("Сухим", "Логом"), "LOC", "Сухой Лог"),
]


@pytest.mark.parametrize("words, kind, normal", PHRASES)
def test_phrase_nominative(words, kind, normal):
    assert entities.normal_form(words, (" ",) * (len(words) - 1), kind) == normal


@pytest.mark.parametrize("text, surface, normal", [
    ("Фигуристка Евгения Медведева заявила о переходе.", "Евгения Медведева", "Евгения Медведева"),
    ("Интервью Александра Петрова вышло вчера.", "Александра Петрова", "Александр Петров"),
    ("Александра Петрова победила в забеге.", "Александра Петрова", "Александра Петрова"),
])
def test_verb_after_a_name_gives_its_gender(text, surface, normal):
    assert any(m.text == surface and m.normal == normal for m in mentions(text)), found(text)


def test_lexicon_and_kb_names_keep_their_number_and_words():
    got = found("Об этом пишут Известия, а Александр Григорьевич промолчал.")
    assert ("Известия", "ORG", "Известия") in got
    assert not any(normal == "Александр Лукашенко" for _, _, normal in got)


@pytest.mark.parametrize("text, surface", [
    ("Кивнула. Еще бы. Сотрудничавший с ним Иван ушёл.", "Кивнула"),
    ("Кивнула. Еще бы. Сотрудничавший с ним Иван ушёл.", "Еще"),
    ("Заметили ошибку? Выделите её и нажмите Ctrl+Enter", "Ctrl+Enter"),
    ("Глава Союзроссахара Андрей Бодин заявил о росте цен.", "Союзроссахара Андрей Бодин"),
    ("Решение принял первый вице-премьер Кабмина Дмитрий Дубилет.", "Кабмина Дмитрий Дубилет"),
    ("Он окончил Саратовский политехнический институт по специальности инженер.",
     "Саратовский политехнический институт по специальности"),
])
def test_not_a_mention_either(text, surface):
    assert surface not in surfaces(text)
