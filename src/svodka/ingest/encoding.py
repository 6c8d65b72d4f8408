"""Bytes to text: UTF-8 (with or without BOM), or a Cyrillic single-byte encoding that
charset-normalizer proposes and that reads as Russian. Never a silent guess: when the
bytes are binary, too short to tell, or readable in two encodings, ``decode`` raises
``DecodeProblem`` and the caller turns it into an ``IngestError``.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Encodings Russian text comes in besides UTF-8: cp1251 and koi8-r in the wild, cp866
# from old DOS tools. mac_cyrillic and iso8859-5 are left out on purpose: mac_cyrillic
# reads cp1251 bytes with only the capitals wrong, so offering it would make every
# cp1251 file look ambiguous, and neither is met in Russian news.
CYRILLIC_ENCODINGS = ["cp1251", "koi8_r", "cp866"]
# The ten most frequent Russian letters make about two thirds of the lower-case letters
# of any Russian text; a wrong table scatters them.
FREQUENT = frozenset("оеаинтсрвл")
ODD = re.compile(r"[^\w\s.,;:!?«»\"'()\[\]\-–—…№%/+*=@#&$€<>|„“”‘’`~^]")
MIN_SCORE = 0.45
MIN_MARGIN = 0.2
# Below this many Cyrillic letters a single-byte text can be read several ways
# («ОДКБ» in koi8-r is «пдлв» in cp1251).
MIN_LETTERS = 20
BINARY_SNIFF = 8192
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
LOWER = re.compile(r"[а-яё]")


class DecodeProblem(ValueError):
    """The bytes cannot be read as text with confidence; the message says why."""


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    # text has tabs, newlines and perhaps a stray form feed; binary has control bytes all over
    return len(CONTROL_BYTES.findall(head)) > len(head) * 0.01


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf_8"), "utf_8_sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf_16"), "utf_16"
    if looks_binary(data):
        raise DecodeProblem("binary file (not text)")
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    return _single_byte(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeProblem(f"invalid {encoding} despite its byte-order mark at byte {exc.start}") from None


def russian_score(text: str) -> float:
    """How much a decoded text reads as Russian: mostly lower case (koi8-r read as cp1251
    is mostly capitals), frequent letters where they belong, no stray symbols."""
    cyrillic = CYRILLIC.findall(text)
    if len(cyrillic) < MIN_LETTERS:
        return 0.0
    lower = LOWER.findall(text)
    frequent = sum(1 for c in lower if c in FREQUENT) / max(1, len(lower))
    odd = len(ODD.findall(text)) / len(text)
    return frequent * len(lower) / len(cyrillic) - 5 * odd


def _single_byte(data: bytes) -> tuple[str, str]:
    # charset-normalizer proposes; the Russian score decides, and must decide clearly
    proposed = [m.encoding for m in from_bytes(data, cp_isolation=CYRILLIC_ENCODINGS)]
    scores: dict[str, float] = {}
    for encoding in proposed + [e for e in CYRILLIC_ENCODINGS if e not in proposed]:
        try:
            scores[encoding] = russian_score(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] <= 0:
        if max((len(CYRILLIC.findall(data.decode(e, "replace"))) for e in CYRILLIC_ENCODINGS), default=0) < MIN_LETTERS:
            raise DecodeProblem("not UTF-8, and too little text to tell its encoding confidently")
        raise DecodeProblem("not UTF-8, and no Cyrillic encoding (cp1251, koi8-r, cp866) reads it as Russian")
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score < MIN_SCORE:
        raise DecodeProblem(f"not UTF-8, and not confidently {best} (it reads poorly as Russian text)")
    if score - runner_up < MIN_MARGIN:
        raise DecodeProblem(f"not UTF-8, and ambiguous: reads as Russian in {best} and {ranked[1][0]}")
    return data.decode(best), best
