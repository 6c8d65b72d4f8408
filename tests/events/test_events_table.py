"""The events stage as a table: text, publication date, the expected event."""
from __future__ import annotations

from datetime import datetime

import pytest

NOV18 = datetime(2019, 11, 18, 10, 0)
NOV21 = datetime(2023, 11, 21)
JAN10 = datetime(2022, 1, 10, 11, 55)
JAN13 = datetime(2022, 1, 13)

# (text, published, expected fields of the first event of that type); "who" lists surnames
# that must be among the participants, "type" picks the event.
CASES = [
    ("Вчера, 20 ноября, в Минске прошла встреча президента Белоруссии Александра Лукашенко "
     "с генеральным секретарем ОДКБ Имангали Тасмагамбетовым.", NOV21,
     dict(type="meeting", status="happened", date="2023-11-20", place="Минск", who=["Лукашенко", "Тасмагамбетов"])),
    ("Заседание совета министров, запланированное на 22 ноября, пройдет в Минске.", NOV21,
     dict(type="meeting", status="planned", date="2023-11-22", place="Минск")),
    ("Сегодня в режиме видеоконференции состоялась сессия Совета коллективной безопасности.", JAN10,
     dict(type="meeting", status="happened", date="2022-01-10", format="videoconference", place=None)),
    ("Сегодня в режиме видеоконференции состоялась сессия Совета коллективной безопасности.", None,
     dict(type="meeting", date=None, format="videoconference")),
    ("Владимир Путин обсудил по телефону с Николом Пашиняном ситуацию в регионе. "
     "Телефонный разговор состоялся по инициативе армянской стороны.", JAN13,
     dict(type="phone_call", format="phone", initiator="Армения", who=["Путин", "Пашинян"])),
    ("Президент России Владимир Путин может отправиться в Египет с визитом в 2020 году.", NOV18,
     dict(type="visit", status="planned", date="2020", format="in_person", who=["Путин", "Египет"])),
    ("Встреча министров иностранных дел, намеченная на пятницу, отменена.", NOV18,
     dict(type="meeting", status="cancelled")),
    ("В Москве прошел митинг против повышения цен на бензин.", NOV18,
     dict(type="protest", status="happened", date="2019-11-18", place="Москва")),
    ("Суд приговорил Ивана Петрова к пяти годам колонии.", NOV18,
     dict(type="court", date="2019-11-18", who=["Петров"])),
    ("Полицейские задержали мужчину, подозреваемого в краже.", NOV18,
     dict(type="detention", status="happened", date="2019-11-18")),
    ("Полицейские задержали мужчину, подозреваемого в краже.", NOV18,
     dict(type="crime", date=None)),
    ("В Подмосковье произошло ДТП, в результате которого погибли два человека.", NOV18,
     dict(type="accident", date="2019-11-18")),
    ("Россия и Турция подписали меморандум о взаимопонимании по Сирии 22 октября.", NOV18,
     dict(type="agreement", date="2019-10-22", who=["Россия", "Турция"])),
    ("США ввели санкции против венесуэльской нефтяной компании.", NOV18,
     dict(type="sanctions", who=["США"])),
    ("Олимпиада по математике пройдет 5 декабря в Казани.", NOV18,
     dict(type="public_event", status="planned", date="2019-12-05", place="Казань")),
    ("Губернатор назначил Павла Иванова на должность министра здравоохранения.", NOV18,
     dict(type="appointment", who=["Иванов"])),
    ("Министр финансов Греции ушел в отставку.", NOV18,
     dict(type="resignation", status="happened")),
    ("Боевики обстреляли позиции армии в ночь на 17 ноября.", NOV18,
     dict(type="attack", date="2019-11-17")),
    ("Выборы в парламент Украины состоятся в марте 2020 года.", NOV18,
     dict(type="election", status="planned", date="2020-03")),
    ("По просьбе Касым-Жомарта Токаева в Казахстан введены миротворцы ОДКБ.", JAN13,
     dict(type="deployment", initiator_has="Токаев")),
    ("Вывод миротворческого контингента завершится к 19 января.", JAN13,
     dict(type="withdrawal", status="planned", date="2022-01-19")),
    ("Недавно в Праге состоялась презентация новой модели автомобиля.", NOV18,
     dict(type="public_event", date=None, place="Прага")),
    ("Пресс-секретарь президента Дмитрий Песков заявил журналистам, что Кремль не вмешивается.", NOV18,
     dict(type="statement", date="2019-11-18", who=["Песков"])),
    ("Об этом заявил советник главы МИД Турции Ахмет Йылмаз.", NOV18,
     dict(type="statement", who=["Йылмаз"])),
    ("Мальчик скончался в больнице. По факту произошедшего возбуждено уголовное дело.", NOV18,
     dict(type="criminal_case", date="2019-11-18")),
    ("Россия передала Украине три корабля, которые были задержаны в ноябре прошлого года.", NOV18,
     dict(type="release", date="2019-11-18", who=["Россия", "Украина"])),
    ("Россия передала Украине три корабля, которые были задержаны в ноябре прошлого года.", NOV18,
     dict(type="detention", date="2018-11")),
    ("Три дня назад в Ростове сгорел склад.", NOV18,
     dict(type="accident", date="2019-11-15", place="Ростов")),
    ("В четверг в Гааге пройдут переговоры советников.", NOV18,
     dict(type="meeting", status="planned", date="2019-11-21", place="Гаага")),
    ("Армия провела учения на полигоне под Псковом.", NOV18,
     dict(type="military_exercise", status="happened")),
    # happenings the article refers to, not today's news: no publication date
    ("Бывший министр рассказал в интервью о встрече с губернатором.", NOV18,
     dict(type="meeting", date=None)),
    ("Тренер поделился мнением о прошедшем матче с «Динамо».", NOV18,
     dict(type="sports_match", date=None)),
    ("Клиника наняла новых хирургов на место уволенных врачей.", NOV18,
     dict(type="resignation", date=None)),
    ("Суд арестовал счета по делу о возможных хищениях в министерстве.", NOV18,
     dict(type="crime", date=None)),
    ("В ходе протестов погибли уже 15 человек.", NOV18,
     dict(type="death", date=None)),
    ("На днях в Казани состоялся турнир по шахматам.", NOV18,
     dict(type="public_event", date=None)),
    ("В городе почтили память погибших в автокатастрофах.", NOV18,
     dict(type="accident", date=None)),
    ("Жертвы мошенничества обратились в прокуратуру.", NOV18,
     dict(type="crime", date=None)),
    ("Полицейские разгоняют митингующих у здания парламента.", NOV18,
     dict(type="protest", date="2019-11-18")),
    # an agency report of the previous day reposted later: news of its dateline's day
    ("МОСКВА, 17 ноя — РИА Новости. В Москве прошел митинг против повышения тарифов.", NOV18,
     dict(type="protest", date="2019-11-17")),
    ("МОСКВА, 18 ноя — РИА Новости. В Москве прошел митинг против повышения тарифов.", NOV18,
     dict(type="protest", date="2019-11-18")),
    ("За неделю в области произошло 48 пожаров.", NOV18,
     dict(type="accident", date=None)),
    ("Полицейские сообщили, что в Москве прошел митинг против повышения тарифов.", NOV18,
     dict(type="protest", place="Москва")),
    # a happened event is never dated after its report
    ("У парламента прошел митинг: протестующие требуют провести выборы в следующем году.", NOV18,
     dict(type="protest", status="happened", date="2019-11-18")),
    # an end date is not the happening's date
    ("Началось голосование за лучший фильм года, оно продлится до 9 декабря.", NOV18,
     dict(type="public_event", date="2019-11-18")),
    ("Компания направила партнеру предложение о продлении контракта или заключении нового договора.", NOV18,
     dict(type="agreement", status="planned")),
    ("Согласования не требуется, и речи об этом идти не может, заявил пресс-секретарь Дмитрий Песков.", NOV18,
     dict(type="statement", date="2019-11-18", who=["Песков"])),
    ("Россия вернула Украине задержанные корабли.", NOV18,
     dict(type="release", date="2019-11-18")),
]

NO_EVENTS = [
    "Гороскоп на неделю для всех знаков зодиака.",
    "Специалисты рассказали, как правильно хранить овощи зимой.",
    "Акции компании подорожали на 5% в начале торговой сессии.",
    "В регионе ожидается похолодание и снег.",
    "Прокуратура подтвердила отказ в возбуждении уголовного дела против полицейских.",
    "Министерство выделило деньги на профилактику ДТП.",
]


def pick(events, type_):
    return next((e for e in events if e.type == type_), None)


@pytest.mark.parametrize("text,published,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_event_table(analyse, text, published, expected):
    ctx = analyse(text, published)
    e = pick(ctx.analysis.events, expected["type"])
    assert e is not None, [(x.type, text[x.trigger.start:x.trigger.stop]) for x in ctx.analysis.events]
    for key in ("status", "date", "place", "format", "initiator"):
        if key in expected:
            assert getattr(e, key) == expected[key], (key, e)
    if "initiator_has" in expected:
        assert expected["initiator_has"] in (e.initiator or ""), e
    for name in expected.get("who", []):
        assert any(name in p for p in e.participants), (name, e.participants)
    assert e.rule and e.evidence and text[e.trigger.start:e.trigger.stop]


@pytest.mark.parametrize("text", NO_EVENTS)
def test_no_event(analyse, text):
    ctx = analyse(text, NOV18)
    assert [e.type for e in ctx.analysis.events if e.type not in ("detention",)] == []


def test_headline_and_body_are_one_event(analyse):
    text = ("Лидеры стран ОДКБ провели внеочередную сессию по просьбе Касым-Жомарта Токаева\n\n"
            "10-02-2022, 19:12.\n\n"
            "В формате видеоконференции 10 января 2022 года состоялась внеочередная сессия Совета. "
            "Во встрече приняли участие Никол Пашинян и Владимир Путин.")
    ctx = analyse(text, datetime(2022, 2, 10, 19, 12))
    meetings = [e for e in ctx.analysis.events if e.type == "meeting"]
    assert len(meetings) == 1
    e = meetings[0]
    assert (e.date, e.format, e.status) == ("2022-01-10", "videoconference", "happened")
    assert len(e.evidence) == 3
    assert {"Пашинян", "Путин"} <= {p.split()[-1] for p in e.participants}
    assert "Токаев" in (e.initiator or "")
    assert any("dateline may be wrong" in w for w in ctx.analysis.warnings)


def test_distinct_dates_make_distinct_events(analyse):
    text = ("Был доложен ход подготовки к заседанию министров, запланированному на 22 ноября, "
            "и сессии совета, запланированной на 23 ноября.")
    ctx = analyse(text, NOV21)
    got = sorted((e.date, e.status) for e in ctx.analysis.events if e.type == "meeting")
    assert got == [("2023-11-22", "planned"), ("2023-11-23", "planned")]


def test_no_publication_date_never_today(analyse):
    ctx = analyse("Вчера в Минске прошла встреча министров.", None)
    assert all(e.date is None for e in ctx.analysis.events)


def test_participle_naming_a_person_is_no_new_event(analyse):
    """«Задержанного доставили …»: the detainee of the detention already reported."""
    ctx = analyse("Полицейские задержали мужчину у вокзала. Задержанного доставили в отдел полиции.", NOV18)
    assert len([e for e in ctx.analysis.events if e.type == "detention"]) == 1


def test_earlier_happening_is_its_own_event(analyse):
    """«Напомним, ранее …» recalls another happening of the same kind, not today's."""
    text = ("16 ноября в Риге прошел чемпионат мира по фитнесу, где победила Анна Орлова. "
            "Напомним, ранее спортсменка заняла второе место на чемпионате Европы.")
    ctx = analyse(text, NOV18)
    got = sorted((e.date or "") for e in ctx.analysis.events if e.type == "public_event")
    assert got == ["", "2019-11-16"]
