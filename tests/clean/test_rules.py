"""Every cleaning rule as a table: input text, the clean text, the rules that fired."""
from __future__ import annotations

import pytest

from svodka.clean import clean, describe, is_boilerplate

BODY = "Президент России Владимир Путин провёл совещание с постоянными членами Совета безопасности."
BODY2 = "Участники обсудили ситуацию в регионе и договорились продолжить консультации на следующей неделе."

# (case, raw, expected clean, rules that must fire)
LINE_CASES = [
    ("ad marker", f"{BODY}\n\nРЕКЛАМА\n\n{BODY2}", f"{BODY}\n\n{BODY2}", {"ad_marker"}),
    ("ad lower case", f"{BODY}\nРеклама\n{BODY2}", f"{BODY}\n{BODY2}", {"ad_marker"}),
    ("sponsored note", f"{BODY}\nНа правах рекламы", BODY, {"ad_marker"}),
    ("read us in", f"{BODY}\n\nЧитайте нас в Facebook", BODY, {"subscribe_line"}),
    ("subscribe telegram", f"{BODY}\nПодписывайтесь на наш Telegram – канал: https://t.me/x", BODY, {"subscribe_line"}),
    ("read other materials", f"{BODY}\nЧитайте другие материалы журнала «Мир» на нашем канале Яндекс.Дзен.", BODY,
     {"subscribe_line"}),
    ("subscribe long call", f"{BODY}\nХотите получать оперативные и важные новости прямо в свой мессенджер? "
                            "Подписывайтесь на наш канал в Telegram.", BODY, {"subscribe_line"}),
    ("photo credit", f"Фото: ТАСС\n{BODY}", BODY, {"photo_credit"}),
    ("photo credit nbsp", f"{BODY}\nФото с\u00a0сайта Кремля", BODY, {"photo_credit"}),
    ("photo source lower", f"{BODY}\nисточник фото: пресс-служба президента.", BODY, {"photo_credit"}),
    ("photo in brackets", f"{BODY}\n(Фото представлено пресс-службой Президента)", BODY, {"photo_credit"}),
    ("copyright credit", f"© Reuters\n{BODY}", BODY, {"photo_credit"}),
    ("caption with credit", f"{BODY}\nДемонтаж кафе. Фото: ККИ\n{BODY2}", f"{BODY}\n{BODY2}", {"photo_credit"}),
    ("bare photo credit", f"Фото СУ СКР\n{BODY}", BODY, {"photo_credit"}),
    ("photographer and agency", f"{BODY}\nАлла Дмитриева/ТАСС\n{BODY2}", f"{BODY}\n{BODY2}", {"photo_credit"}),
    ("a headline with a slash stays", f"Россия и Украина: итоги переговоров в Париже\n{BODY}",
     f"Россия и Украина: итоги переговоров в Париже\n{BODY}", set()),
    ("a sentence about photos stays", f"{BODY}\nФото Путина опубликовали в сети.\n{BODY2}",
     f"{BODY}\nФото Путина опубликовали в сети.\n{BODY2}", set()),
    ("video credit", f"{BODY}\nВидео: УГИБДД по краю", BODY, {"photo_credit"}),
    ("error report", f"{BODY}\nЗаметили ошибку? Выделите её и нажмите CTRL+Enter", BODY, {"error_report"}),
    ("error report 2", f"{BODY}\nВыделите фрагмент с текстом ошибки и нажмите Ctrl+Enter", BODY, {"error_report"}),
    ("copyright notice", f"{BODY}\n© 2019, РИА «Новый День»", BODY, {"copyright_line"}),
    ("reprint notice", f"{BODY}\nПри цитировании ссылка на источник обязательна.", BODY, {"copyright_line"}),
    ("social row glued", f"{BODY}\nЯндекс НовостиЯндекс ДзенYouTube", BODY, {"share_line"}),
    ("comment call", f"{BODY}\nА что Вы думаете по этому поводу? Поделитесь своими мыслями с нашими читателями", BODY,
     {"share_line"}),
    ("newsletter form", f"{BODY}\nХочу знать все о звездах. ОК Я соглашаюсь с правилами сайта Спасибо. "
                        "Мы отправили на ваш email письмо с подтверждением.", BODY, {"ui_string"}),
    ("read outlet in", f"{BODY}\nЧитайте iReactor в Яндексе", BODY, {"subscribe_line"}),
    ("read all news", f"{BODY}\nЧитай все новости в нашем канале", BODY, {"subscribe_line"}),
    ("loading", f"{BODY}\nLoading...\n{BODY2}", f"{BODY}\n{BODY2}", {"ad_marker"}),
    ("heading with emoji", f"{BODY}\nЧитайте также 🧐", BODY, {"related_heading"}),
    ("see more heading", f"{BODY}\nСМОТРИТЕ ЕЩЕ НОВОСТИ КИЕВА:", BODY, {"related_heading"}),
    ("share", f"{BODY}\nПоделиться:", BODY, {"share_line"}),
    ("share buttons", f"{BODY}\nVK Facebook Twitter Telegram", BODY, {"share_line"}),
    ("comments counter", f"{BODY}\nКомментарии (12)", BODY, {"share_line"}),
    ("related heading at end", f"{BODY}\nЧитайте также:", BODY, {"related_heading"}),
    ("related inline link", f"{BODY}\nЧитайте также: Путин провёл совещание\n{BODY2}", f"{BODY}\n{BODY2}",
     {"related_heading"}),
    ("next material", f"{BODY}\nСледующий материал\nНовости партнеров", BODY, {"related_heading"}),
    ("back to list", f"{BODY}\n\nВозврат к списку", BODY, {"related_heading"}),
    ("link pointer", f"{BODY}\nС полным текстом выступления можно ознакомиться по этой ссылке.", BODY,
     {"link_pointer"}),
    ("ui string", f"{BODY}\n    Введите вашу жалобу", BODY, {"ui_string"}),
    ("bare url", f"{BODY}\nhttps://example.com/logo.png", BODY, {"bare_url"}),
    ("media embed", f"Смотреть видео: https://player.example.com/iframe/1\n{BODY}", BODY, {"bare_url"}),
]

BLOCK_CASES = [
    ("nav crumbs on top", f"ПОИСК\nМир\n\nЗаголовок новости про саммит\n\n{BODY}",
     f"Заголовок новости про саммит\n\n{BODY}", {"ui_string", "nav_crumbs"}),
    ("section name not at top stays", f"{BODY}\nПолитика\n{BODY2}", f"{BODY}\nПолитика\n{BODY2}", set()),
    ("related list", f"{BODY}\nЧитайте также\nПутин провёл совещание\nЛукашенко прибыл в Москву…\n",
     BODY, {"related_heading", "related_block"}),
    ("related list stops at a paragraph", f"Материалы по теме\nЗаголовок один\n{BODY}",
     BODY, {"related_heading", "related_block"}),
    ("ad block", f"{BODY}\n{BODY2}\n{BODY}\n{BODY2}\nРЕКЛАМА\nКвартиры у моря от застройщика\nЗвоните!\n{BODY}",
     f"{BODY}\n{BODY2}\n{BODY}\n{BODY2}\n{BODY}", {"ad_marker", "ad_block"}),
    ("no ad block at the top", f"Реклама\nПутин провёл совещание\n{BODY}", f"Путин провёл совещание\n{BODY}",
     {"ad_marker"}),
    ("repeated header", f"2019-11-18T13:29:29+03:00\n2019-11-18T13:29:29+03:00\n{BODY}",
     f"2019-11-18T13:29:29+03:00\n{BODY}", {"repeated_header"}),
    ("comment rules", f"{BODY}\nНа нашем сайте нельзя:\nнецензурно выражаться;\nобсуждать действия модераторов;\n"
                      "публиковать комментарии, противоречащие законодательству РФ.\n" + BODY2,
     f"{BODY}\n{BODY2}", {"share_line", "comment_block"}),
    ("counter among widgets", f"{BODY}\n\nРЕКЛАМА\n\n822\n\nЧитайте нас в Facebook", BODY,
     {"ad_marker", "counter_line", "subscribe_line"}),
    ("long counter between paragraphs", f"{BODY}\n3154061\n{BODY2}", f"{BODY}\n{BODY2}", {"counter_line"}),
    ("section numbers stay", f"{BODY}\n1\n{BODY2}\n2\n{BODY}", f"{BODY}\n1\n{BODY2}\n2\n{BODY}", set()),
    ("table numbers stay", "Команда\nИ\n8\n7\nАнглия\n8\n", "Команда\nИ\n8\n7\nАнглия\n8", set()),
]

INLINE_CASES = [
    ("markdown bold", "президент **Касым-Жомарт Токаев** заявил", "президент Касым-Жомарт Токаев заявил", {"markdown"}),
    ("markdown underscores", "это __важно__ сейчас", "это важно сейчас", {"markdown"}),
    ("markdown link", "Как [сообщает ТАСС](https://tass.ru/a?b=1), встреча прошла.", "Как сообщает ТАСС, встреча прошла.",
     {"markdown"}),
    ("markdown header", "## Заголовок раздела\nТекст.", "Заголовок раздела\nТекст.", {"markdown"}),
    ("html tags", "Текст <b>жирный</b> и <a href=\"x\">ссылка</a>.", "Текст жирный и ссылка.", {"html"}),
    ("html block tag separates words", "первое<br>второе и <p>третье</p>", "первое второе и третье", {"html"}),
    ("markdown image", "Текст ![фото](https://example.com/a.jpg) и дальше.", "Текст и дальше.", {"markdown"}),
    ("html entities", "Он сказал &laquo;да&raquo; &amp; ушёл", "Он сказал «да» & ушёл", set()),
    ("entity without semicolon", "&nbspЭта кошка", "Эта кошка", set()),
    ("editorial cut kept", "цен на топливо <…> На это надо", "цен на топливо <…> На это надо", set()),
    ("nbsp", "Президент\u00a0РФ во\u00a0главе", "Президент РФ во главе", set()),
    ("narrow nbsp and thin", "2\u202f300 человек\u2009и", "2 300 человек и", set()),
    ("zero width", "Пу\u200bтин и\u00adзаявил\ufeff", "Путин иzаявил".replace("z", "з"), {"zero_width"}),
    ("space runs", "слово   слово \u00a0слово", "слово слово слово", set()),
    ("crlf", f"{BODY}\r\n{BODY2}\r\n", f"{BODY}\n{BODY2}", set()),
    ("blank line runs", f"{BODY}\n\n\n\n{BODY2}", f"{BODY}\n\n{BODY2}", set()),
    ("indentation", f"   {BODY}\n\t{BODY2}", f"{BODY}\n{BODY2}", set()),
    ("leading blank lines", f" \n\n\n{BODY}\n\n", BODY, set()),
    ("asterisk footnote in text kept", "* Организация запрещена в РФ", "* Организация запрещена в РФ", set()),
]


@pytest.mark.parametrize("case,raw,expected,rules", LINE_CASES + BLOCK_CASES + INLINE_CASES,
                         ids=[c[0] for c in LINE_CASES + BLOCK_CASES + INLINE_CASES])
def test_rule(case, raw, expected, rules):
    c = clean(raw)
    assert c.clean == expected
    assert {r.rule for r in c.removed} == rules
    assert_offsets(raw, c)


def test_markdown_italic_only_in_markdown():
    assert clean("сказал *тихо* и ушёл", "markdown").clean == "сказал тихо и ушёл"
    assert clean("сказал *тихо* и ушёл", "text").clean == "сказал *тихо* и ушёл"


def test_title_line_kept():
    raw = "Саммит ОДКБ по Казахстану: Путин заявил, что не допустит «цветных революций»\n\n" + BODY
    assert clean(raw).clean == raw


def test_removed_text_and_reason():
    raw = f"{BODY}\n\nРЕКЛАМА\n\n{BODY2}"
    c = clean(raw)
    [r] = c.removed
    assert raw[r.start:r.stop] == r.text == "РЕКЛАМА"
    [e] = c.explain()
    assert e["rule"] == "ad_marker" and e["text"] == "РЕКЛАМА" and "реклам" in e["reason"].lower()
    assert describe("photo_credit").startswith("a photo")
    assert is_boilerplate("ad_marker") and not is_boilerplate("markdown")


def test_explain_lists_replacements_on_request():
    c = clean("Президент\u00a0РФ")
    assert c.explain() == []
    assert [e["rule"] for e in c.explain(replacements=True)] == ["space"]


def test_empty_and_blank():
    assert clean("").clean == "" and clean("").offsets == [0]
    c = clean(" \n\u00a0\n")
    assert c.clean == "" and c.offsets == [3 + 1]


def assert_offsets(raw: str, c) -> None:
    """The map: one entry per clean char plus the raw end, increasing, each clean char
    read from its raw char (or a normalised space/newline/decoded entity)."""
    assert len(c.offsets) == len(c.clean) + 1
    assert c.offsets[-1] == len(raw)
    assert all(a < b for a, b in zip(c.offsets, c.offsets[1:]))
    for i, ch in enumerate(c.clean):
        r = raw[c.offsets[i]]
        assert r == ch or (ch == " " and (r.isspace() or r == "<")) or (ch == "\n" and r == "\n") or r == "&", (i, ch, r)
    for r in c.removed:
        assert raw[r.start:r.stop] == r.text


def test_link_pointer_keeps_a_line_with_body_sentences():
    raw = ("Такая погода сохранится до конца недели. Подробный прогноз погоды можно узнать по этой ссылке.\n" + BODY)
    assert clean(raw).clean == raw


def test_line_of_only_an_entity_is_a_blank_line():
    c = clean(f"{BODY}\n&nbsp;\n{BODY2} &nbsp;")
    assert c.clean == f"{BODY}\n\n{BODY2}"
    assert_offsets(f"{BODY}\n&nbsp;\n{BODY2} &nbsp;", c)
