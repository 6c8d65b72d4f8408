"""The boilerplate rules of ``svodka.clean``: small named predicates over one line.

Each line rule is a function ``(line: Line) -> bool`` whose name is the rule name
recorded in ``Removed.rule`` and whose docstring is the reason ``--explain`` prints.
Rules see ``line.key``: the line with no-break/zero-width spaces normalised, markdown
emphasis and HTML tags stripped and runs of spaces collapsed, so one pattern covers
«Фото:⍽ТАСС», «**Фото: ТАСС**» and «<b>Фото: ТАСС</b>».

Block rules (``related_block``, ``nav_crumbs``, ``repeated_header``) need the
neighbouring lines and live in ``svodka.clean``; their reasons are here too.

The patterns come from the seeds and from the boilerplate most often left in
../shared/data/news_corpus_sample.jsonl (5,563 articles of 514 outlets): every
pattern is general (no outlet names), and a line longer than ``MAX_RULE_LINE`` is
never dropped by a line rule because real boilerplate lines are short.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# Body paragraphs of Russian news are long; boilerplate lines are short. The longest
# boilerplate lines in the sample (subscribe calls with a list of channels) are about
# 300 characters.
MAX_RULE_LINE = 320


@dataclass(slots=True)
class Line:
    start: int          # raw offset of the first non-space character
    stop: int           # raw offset after the last non-space character
    key: str            # normalised text for matching (see module doc)
    low: str            # key.casefold()
    index: int          # position among the non-blank lines


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _has(low: str, stems: tuple[str, ...]) -> bool:
    """Cheap guard before a search: the regexes below scan every position, and most
    lines contain none of the words they look for."""
    for stem in stems:          # a loop beats any() with a generator here
        if stem in low:
            return True
    return False


# Russian letter frequencies in news text (per mille, rounded), for ``lit``: a rare
# first character keeps the candidate scan in C (see ``candidate``).
_FREQ = dict(zip("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё ",
                 (110, 85, 80, 74, 67, 63, 55, 47, 45, 44, 35, 32, 30, 28, 26, 20, 19, 17, 17, 16, 16, 14, 12,
                  10, 9, 7, 6, 5, 4, 3, 3, 1, 1, 150)))


def lit(word: str) -> str:
    """``word`` as a pattern that starts at its rarest character (the rest checked by a
    lookbehind), so that scanning for many words skips most of a line in C."""
    k = min(range(len(word)), key=lambda i: _FREQ.get(word[i], 0))
    head = re.escape(word[k]) + (f"(?<={re.escape(word[:k + 1])})" if k else "")
    return head + re.escape(word[k + 1:])


def needs(*, start: str = "", anywhere: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
    """Declare what a line must hold, in ``line.low``, for a rule to have any chance of
    firing: ``start``, a pattern matched at the line's first character, or one of the
    patterns ``anywhere`` (each starting with a literal character). The declaration
    must be implied by the rule (it is a pre-filter, never a rule of its own): most
    lines hold none of them and skip the rules. A rule without a declaration is tried
    on every line."""
    def mark(rule: Callable) -> Callable:
        rule.needs = (start, anywhere)
        return rule
    return mark


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# --- ads -----------------------------------------------------------------------------

AD_MARKERS = {"реклама", "advertisement", "на правах рекламы", "партнерский материал",
              "партнёрский материал", "спецпроект", "промо", "loading", "реклама 18+"}
SPONSORED = _words(r"^\*?\s*(настоящая статья .{0,40}подготовлен\w* и предоставлен\w* для размещения"
                   r"|материал (опубликован|размещ[её]н) на правах рекламы"
                   r"|на правах рекламы)")


@needs(start=r"\*?\s*(?:настоящая статья|материал |на правах рекламы)"
             rf"|[ .:\-–—*]*(?:{_alt(AD_MARKERS)})[ .:\-–—*]*$")
def ad_marker(line: Line) -> bool:
    """an advertising marker («РЕКЛАМА», «На правах рекламы») or a sponsored note"""
    return line.low.strip(" .:-–—*") in AD_MARKERS or bool(SPONSORED.match(line.key))


# --- subscribe / «Читайте нас в …» ---------------------------------------------------

SUBSCRIBE = _words(
    r"\b(подписывайтесь|подписывайся|подпишитесь|подпишись|подписаться|подписка на|"
    r"присоединяйтесь|присоединяйся|следите за (нами|новостями)|читайте нас|"
    r"читайте (наши |другие |все )?(новости|материалы|статьи)\b.{0,80}\b(канал|telegram|телеграм|"
    r"дзен|vk|вконтакте|facebook|instagram|youtube|twitter|viber|whatsapp|одноклассник|яндекс)|"
    r"смотрите нас|жми,? чтобы|оформи донейт|поддержать программу|поддержите (нас|редакцию)|"
    r"^читай(те)? (все |наши )?(новости|нас)\b|^читайте \S+( \S+)? в (яндекс|дзен|telegram|телеграм|google|"
    r"facebook|vk|вконтакте|news)|"
    r"хотите (знать|получать)\b.{0,120}\b(telegram|телеграм|канал|мессенджер))")
SUBSCRIBE_STEMS = ("подпис", "подпиш", "присоедин", "следите", "читай", "смотрите нас", "жми",
                   "донейт", "поддерж", "хотите")
SOCIAL = _words(r"telegram|телеграм|дзен|vk\b|вконтакте|facebook|фейсбук|instagram|инстаграм|"
                r"youtube|ютуб|twitter|твиттер|viber|whatsapp|одноклассник|яндекс|news|канал|"
                r"мессенджер|рассылк|сайт|t\.me|email|e-mail|почт")


@needs(start="читай", anywhere=tuple(lit(w) for w in (
    "подпис", "подпиш", "присоединя", "следите за", "читайте ", "смотрите нас", "жми", "оформи донейт",
    "поддержать программу", "поддержите ", "хотите знать", "хотите получать")))
def subscribe_line(line: Line) -> bool:
    """a call to follow or subscribe to the outlet («Читайте нас в …», «Подписывайтесь на …»)"""
    if not _has(line.low, SUBSCRIBE_STEMS) or not SUBSCRIBE.search(line.key):
        return False
    # a call names a channel, or is short enough to be nothing else («Подписывайтесь!»)
    return bool(SOCIAL.search(line.key)) or len(line.key) < 60


# --- photo and video credits ---------------------------------------------------------

CREDIT = _words(
    r"^[(\[]?\s*(©|\(c\)|фото(графия|графии)?\b|фотографии\b|источник фото|автор фото|"
    r"иллюстрация|коллаж|скриншот|кадр из видео|видео|смотреть видео|"
    r"изображение|photo\b|getty images|depositphotos|shutterstock)"
    r"(\s*(:|—|–|-|©|/)|\s+(с|из|со|предоставлен\w*|представлен\w*|автора|пресс-служб\w*|"
    r"архив\w*|открыт\w*|соцсет\w*|сайта|twitter|instagram|vk|reuters|ap|afp|тасс|риа)\b)")
COPYRIGHT_MID = re.compile(r"\S\s*©\s*\S")
# «Фото СУ СКР», «Видео Ивана Петрова»: the credit without a colon (case matters here)
CREDIT_BARE = re.compile(r"^(?:Фото|ФОТО|Фотография|Видео|ВИДЕО)\s+[A-ZА-ЯЁ«\"]")
# «Алла Дмитриева/ТАСС», «Lana Zerkal / Facebook»: photographer and agency
AUTHOR_AGENCY = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’-]+\.?\s){0,2}[A-ZА-ЯЁ][\w'’-]+\s*/\s*[A-ZА-ЯЁ«\"][^/.!?]{1,30}$")
# «Демонтаж кафе. Фото: ККИ»: a caption closed by its credit
CAPTION_CREDIT = _words(r"[.!?»\"]\s*(фото|видео|источник фото|источник)(\s+скриншот)?\s*(:|©|—|–)\s*\S")


@needs(start=r"[(\[]?\s*(?:©|\(c\)|фото|источник фото|автор фото|иллюстрация|коллаж|скриншот|кадр из видео|"
             r"видео|смотреть видео|изображение|photo|getty images|depositphotos|shutterstock)",
       # AUTHOR_AGENCY's slash; CAPTION_CREDIT's end of a sentence; COPYRIGHT_MID's sign
       anywhere=("/", "©") + tuple(re.escape(c) + r"\s*(?:фото|видео|источник)" for c in '.!?»"'))
def photo_credit(line: Line) -> bool:
    """a photo or video credit («Фото: ТАСС», «источник фото: …», «© Reuters»)"""
    if len(line.key) > 200:
        return False
    if CREDIT.match(line.key):
        return True
    if len(line.key) < 70 and not line.key.endswith(".") and (
            CREDIT_BARE.match(line.key) or AUTHOR_AGENCY.match(line.key)):
        return True
    if len(line.key) < 160 and ("фото" in line.low or "видео" in line.low or "источник" in line.low) \
            and CAPTION_CREDIT.search(line.key):
        return True
    # «gunyasha © YesAsia.ru»: a short line that is only an author and a copyright sign
    return (len(line.key) < 60 and "©" in line.key and bool(COPYRIGHT_MID.search(line.key))
            and not line.key.endswith("."))


# --- share / related links -----------------------------------------------------------

SHARE_WORDS = {"поделиться", "отправить", "твитнуть", "share", "tweet", "нравится", "ответить",
               "отменить", "комментировать", "комментарии", "комментарий", "мое мнение", "моё мнение",
               "распечатать", "печать", "версия для печати", "в закладки", "сохранить", "facebook",
               "vk", "вконтакте", "twitter", "telegram", "whatsapp", "viber", "одноклассники", "ok",
               "email", "e-mail", "скопировать ссылку", "копировать ссылку", "упоминания",
               "добавление комментария", "добавить комментарий", "оставить комментарий",
               "ваше мнение ценно: оставьте комментарий", "спасибо за ваш голос", "мнение читателей",
               "ознакомьтесь с правилами комментирования", "на нашем сайте нельзя"}
SHARE_SPLIT = re.compile(r"[\s|•·,/]+")
COMMENTS_COUNT = _words(r"^(комментари\w*|просмотр\w*|оценк\w*|голос\w*)\s*[:(]?\s*\d+\)?$")
# «Яндекс НовостиЯндекс ДзенYouTube»: a row of network buttons, words glued together
SOCIAL_ROW = _words(r"^(?:(?:яндекс\.?\s*новости|яндекс\.?\s*дзен|дзен|youtube|telegram|телеграм|vk|вконтакте|"
                    r"facebook|twitter|instagram|одноклассники|ok|viber|whatsapp|tiktok|rss|google news|"
                    r"livejournal|lj)[\s|•·,/]*){2,}$")
COMMENT_CALL = _words(r"поделитесь (своим мнением|своими мыслями|мнением)|оставьте (свой )?комментарий|"
                      r"что вы думаете по этому поводу|чтобы раскрыть комментарии")


@needs(start=r"[\s|•·,/.:!]*(?:" + _alt([*SHARE_WORDS, "комментари", "просмотр", "оценк", "голос", "яндекс", "дзен",
                                              "youtube", "telegram", "телеграм", "vk", "вконтакте", "facebook",
                                              "twitter", "instagram", "одноклассники", "ok", "viber", "whatsapp",
                                              "tiktok", "rss", "google news", "livejournal", "lj"]) + ")",
       anywhere=tuple(lit(w) for w in ("поделитесь ", "оставьте ", "что вы думаете", "чтобы раскрыть")))
def share_line(line: Line) -> bool:
    """share buttons, comment widgets and counters («Поделиться:», «Комментарии (3)»)"""
    if len(line.low) > 120:
        return False
    low = line.low.strip(" .:!")
    if low in SHARE_WORDS or COMMENTS_COUNT.match(low) or SOCIAL_ROW.match(low):
        return True
    if "коммент" in low or "поделитесь" in low or "думаете" in low:
        return bool(COMMENT_CALL.search(low))
    parts = [p for p in SHARE_SPLIT.split(low) if p]
    return 1 < len(parts) <= 8 and all(p.strip(".:") in SHARE_WORDS for p in parts)


RELATED = _words(
    r"^(читайте( также| еще| ещё| по теме)?|смотрите( также)?|см\. также|почитайте( ещё| еще)?|"
    r"(другие |еще |ещё |также |все |последние |свежие |главные )?(материалы|новости|статьи|публикации|"
    r"ссылки|записи|темы|видео)( рубрики .{0,40})?( по теме| на эту тему| по этой теме| раздела)?|"
    r"(еще|ещё|также|ранее) по теме|по теме|на эту тему|похожие( материалы| новости| статьи| темы| записи)?|"
    r"схожие( статьи| материалы| новости)?|related posts|сейчас читают( также)?|самое читаемое|"
    r"популярное|больше интересного( тут)?|интересно\W*|может быть интересно|вам может быть интересно|"
    r"(мы )?рекомендуем( прочитать)?|новости (партнеров|партнёров|сми2)|выбор редакции|"
    r"следующий материал|предыдущий материал|"
    r"лента новостей|все новости|новости по теме|материалы по теме|в тему|в продолжение темы|"
    r"читать (далее|дальше|полностью)|подробнее|перейти|возврат к списку|вернуться( к списку| назад)?|"
    r"назад( к списку)?|к списку новостей|(смотрите|читайте) (еще|ещё|также)\b[^.!?]{0,40}:)\W*$")
RELATED_INLINE = _words(r"^(читайте также|читайте еще|читайте ещё|смотрите также|по теме|также по теме)"
                        r"\s*[:.—–-]\s*\S")


@needs(start="(?:" + _alt([
    "читай", "смотрите", "см. также", "почитайте", "другие ", "еще ", "ещё ", "также ", "все ", "последние ",
    "свежие ", "главные ", "материалы", "новости", "статьи", "публикации", "ссылки", "записи", "темы", "видео",
    "ранее по теме", "по теме", "на эту тему", "похожие", "схожие", "related posts", "сейчас читают",
    "самое читаемое", "популярное", "больше интересного", "интересно", "может быть интересно",
    "вам может быть интересно", "мы рекомендуем", "рекомендуем", "выбор редакции", "следующий материал",
    "предыдущий материал", "лента новостей", "в тему", "в продолжение темы", "читать", "подробнее", "перейти",
    "возврат к списку", "вернуться", "назад", "к списку новостей"]) + ")")
def related_heading(line: Line) -> bool:
    """a related-links heading or link line («Читайте также», «Материалы по теме»)"""
    if len(line.key) >= 200:
        return False
    if RELATED.match(line.key):
        return True
    # «Читайте также: <headline>» on one line: a link, not a sentence of the article
    return len(line.key) < 200 and bool(RELATED_INLINE.match(line.key))


LINK_POINTER = _words(r"\b(по|пройдя по|перейдя по) (этой |следующей |данной |указанной )?ссылке\b|"
                      r"\bссылк[аи] на (трансляцию|видео|полный текст|источник)\b|"
                      r"^(полный текст|полная версия|подробнее|видео|трансляция)\b.{0,60}\b(по ссылке|здесь|тут)\W*$")
SENTENCE_BREAK = re.compile(r"[.!?…]\s+[«\"]?[A-ZА-ЯЁ]")
LINK_VERB = _words(r"ознаком|прочита|читайте|смотрите|посмотреть|доступ|найти|скачать|перейти|"
                   r"подробн|полн|видео|трансляц|здесь|тут")


@needs(start="полный текст|полная версия|подробнее|видео|трансляция", anywhere=(lit("ссылк"),))
def link_pointer(line: Line) -> bool:
    """a pointer to a link the text no longer carries («… можно ознакомиться по этой ссылке»)"""
    return (len(line.key) < 200 and _has(line.low, ("ссылк", "здесь", "тут"))
            and not SENTENCE_BREAK.search(line.key)    # one sentence: a second one is body text
            and bool(LINK_POINTER.search(line.key))) and bool(LINK_VERB.search(line.key))


# --- error reports, UI strings, copyright, counters, bare links ------------------------

ERROR_REPORT = _words(r"ctrl\s*\+\s*enter|(нашли|заметили|видите) (ошибку|опечатку)|"
                      r"сообщить об ошибке|выделите (её|ее|его|фрагмент|орфографическую|текст)")
ERROR_STEMS = ("ctrl", "ошибк", "опечатк", "выделите")
UI_FORM = _words(r"соглашаюсь с (правилами|условиями)|мы отправили на ваш e-?mail|войдите или зарегистрируйтесь")
UI_PHRASES = {"чат", "введите вашу жалобу", "поиск", "меню", "войти", "вход", "регистрация",
              "закрыть", "главная", "на главную", "наверх", "версия для слабовидящих",
              "написать автору или сообщить новость", "ответ на вопрос редакции",
              "ты свидетель происшествия?", "пришли фото в редакцию", "показать комментарии",
              "показать ещё", "показать еще", "загрузить ещё", "загрузить еще", "все права защищены",
              "o", "•", "·", "*", "***", "---", "—", "x", "×"}


@needs(anywhere=tuple(lit(w) for w in ("ctrl", "ошибк", "опечатк", "выделите ")))
def error_report(line: Line) -> bool:
    """the site's «found a typo? press Ctrl+Enter» widget"""
    return len(line.key) < 200 and _has(line.low, ERROR_STEMS) and bool(ERROR_REPORT.search(line.key))


@needs(start=rf"[ .:!]*(?:{_alt(UI_PHRASES)})[ .:!]*$",
       anywhere=tuple(lit(w) for w in ("соглашаюсь с ", "мы отправили", "войдите или")))
def ui_string(line: Line) -> bool:
    """a site interface string (search box, menu, complaint form, pager)"""
    if len(line.low) > 60:
        return len(line.low) < 250 and _has(line.low, ("соглаша", "отправили", "зарегистр")) and \
            bool(UI_FORM.search(line.low))
    return line.low.strip(" .:!") in UI_PHRASES or line.low in UI_PHRASES


COPYRIGHT = _words(r"^(©|\(c\)|copyright)\s*\d{4}|все права (защищены|сохранены)|"
                   r"(при|любое) (цитировании|использовании|копировании).{0,80}(ссылка|гиперссылка)|"
                   r"(перепечатка|копирование|использование) материалов.{0,80}(запрещ|разреш|ссылк)|"
                   r"^материалы иносми содержат оценки")


@needs(start=r"©|\(c\)|copyright|материалы иносми",
       anywhere=tuple(lit(w) for w in ("все права", "цитировании", "использовании", "копировании",
                                       "перепечатка материалов", "копирование материалов",
                                       "использование материалов")))
def copyright_line(line: Line) -> bool:
    """a copyright or reprint notice («© 2019, …», «При цитировании ссылка обязательна»)"""
    return len(line.key) < 250 and _has(line.low, COPYRIGHT_STEMS) and bool(COPYRIGHT.search(line.key))


COPYRIGHT_STEMS = ("©", "(c)", "copyright", "права", "цитир", "использ", "копир", "перепечат", "иносми")
COUNTER_MAX = 9     # a counter line is at most this long
COUNTER = re.compile(rf"^[\d\s]{{1,{COUNTER_MAX}}}$")


def counter_line(line: Line) -> bool:
    """a number alone on its line among boilerplate or paragraphs: a view, like or
    comment counter («822»); numbers among short lines are a table and stay"""
    return bool(COUNTER.match(line.key))


BARE_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
MEDIA_EMBED = _words(r"^(смотреть|смотрите) (видео|трансляцию)\s*[:—–-]?\s*https?://")


@needs(start=r"https?://|www\.|смотре")
def bare_url(line: Line) -> bool:
    """a link or embedded media address alone on its line"""
    return bool(BARE_URL.match(line.key) or MEDIA_EMBED.match(line.key))


# --- top of the page -----------------------------------------------------------------

# Section names that sites print above the headline. Only dropped at the top of the
# text (``nav_crumbs``), where a word alone on a line is navigation, not text.
SECTIONS = {
    "мир", "в мире", "россия", "в россии", "политика", "общество", "экономика", "финансы",
    "бизнес", "спорт", "культура", "наука", "технологии", "наука и технологии", "происшествия",
    "инциденты", "криминал", "город", "регион", "регионы", "страна", "новости", "главное",
    "главные новости", "лента", "лента новостей", "здоровье", "авто", "недвижимость", "туризм",
    "шоу-бизнес", "кино", "музыка", "образование", "армия", "безопасность", "энергетика",
    "интернет", "медиа", "стиль", "семья", "эксклюзив", "аналитика", "мнения", "интервью",
    "статьи", "колонки", "блоги", "видео", "фото", "фоторепортаж", "галерея", "online",
    "онлайн", "новость из сюжета", "надежный источник", "надёжный источник", "срочно",
    "молния", "важно", "exclusive", "новость дня", "экология", "право", "общество и политика",
    "экономика и бизнес", "hi-tech", "хайтек", "it", "игры", "звезды", "звёзды", "знаменитости",
    "отдых", "еда", "наука и техника", "выборы", "ближнее зарубежье", "бывший ссср", "снг",
}
SECTION_PREFIX = _words(r"^(новости|события|происшествия|политика|экономика|спорт)"
                        r"( [A-ZА-ЯЁ][\w-]+){1,2}$")
CRUMBS = _words(r"^(главная|новости|home)\s*(/|>|»|→|\|)\s*\S")


def nav_item(line: Line) -> bool:
    """a navigation crumb or section name printed above the headline («ПОИСК», «Мир»)"""
    low = line.low.strip(" .:")
    if low in SECTIONS or low in UI_PHRASES or CRUMBS.match(line.key):
        return True
    return len(line.key) < 40 and bool(SECTION_PREFIX.match(line.key))


# ------------------------------------------------------------------------------------

LineRule = Callable[[Line], bool]

# Order matters only for the name recorded: the first rule that fires names the line.
LINE_RULES: list[LineRule] = [
    ad_marker,
    bare_url,
    subscribe_line,
    photo_credit,
    error_report,
    copyright_line,
    share_line,
    related_heading,
    link_pointer,
    ui_string,
]



def _candidate_patterns(rules: list[LineRule]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    if not all(hasattr(rule, "needs") for rule in rules):
        return None
    starts = [rule.needs[0] for rule in rules if rule.needs[0]]
    anywhere = [piece for rule in rules for piece in rule.needs[1]]
    # The rules match ``key`` case-insensitively and the declarations look at its
    # case-folded ``low``: the two agree but for «İ» (folds to «i̇») and «ı» (folds to
    # itself), which the rules' «i» matches; a line holding either is always tried.
    anywhere += ["\u0307", "\u0131"]
    # One alternative per first character (the rest of each piece after it): the scan
    # stops only at those characters and tries only the pieces that start there.
    groups: dict[str, list[str]] = {}
    for piece in anywhere:
        n = 2 if piece.startswith("\\") else 1
        groups.setdefault(piece[:n], []).append(piece[n:])
    any_pattern = "|".join(first + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                           for first, rests in groups.items())
    return re.compile("|".join(f"(?:{s})" for s in starts)), re.compile(any_pattern)


_CANDIDATE = _candidate_patterns(LINE_RULES)


def candidate(low: str) -> bool:
    """Whether any line rule may fire on a line whose ``low`` this is (see ``needs``)."""
    if _CANDIDATE is None:
        return True
    start, anywhere = _CANDIDATE
    return start.match(low) is not None or anywhere.search(low) is not None


REASONS: dict[str, str] = {rule.__name__: " ".join((rule.__doc__ or "").split())
                           for rule in LINE_RULES + [nav_item, counter_line]}
REASONS.update({
    "nav_crumbs": REASONS["nav_item"],
    "related_block": "a headline of the related-links list under a «Читайте также» heading",
    "ad_block": "a short line of the ad under a «РЕКЛАМА» marker",
    "comment_block": "the comment form's rules and buttons under its heading",
    "front_matter": "a markdown file's front matter (metadata, read by the ingest adapter)",
    "repeated_header": "a header line repeated right below its first occurrence",
    "markdown": "markdown markup (emphasis, link target, header marks)",
    "html": "HTML leftovers (tags)",
    "html_entity": "an HTML entity decoded («&nbsp;», «&laquo;»)",
    "space": "a no-break, thin or other special space made a plain space",
    "zero_width": "a zero-width or soft-hyphen character dropped",
    "newline": "a carriage return dropped (CRLF line ends)",
    "blank_lines": "a run of blank lines or indentation collapsed",
})
