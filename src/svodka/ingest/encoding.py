"""Bytes to text: UTF-8 (with or without BOM), or a Cyrillic single-byte encoding that
charset-normalizer proposes and that reads as Russian. Never a silent guess: when the
bytes are binary, too short to tell, or readable in two encodings, ``decode`` raises
``DecodeProblem`` and the caller turns it into an ``IngestError``.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Encodings Russian text comes in besides UTF-8. cp1251 and koi8-r are the ones seen in
# the wild; cp866 and mac_cyrillic are offered so that a file in them is not misread as
# one of the first two.
CYRILLIC_ENCODINGS = ["cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5"]
# Below this many Cyrillic letters a single-byte text can be read several ways
# («ОДКБ» in koi8-r is «пдлв» in cp1251).
MIN_LETTERS = 20
BINARY_SNIFF = 8192
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
LOWER = re.compile(r"[а-яё]")
VOWELS = re.compile(r"[аеёиоуыэюяАЕЁИОУЫЭЮЯ]")


class DecodeProblem(ValueError):
    """The bytes cannot be read as text with confidence; the message says why."""


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.01


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


def reads_as_russian(text: str) -> bool:
    """Russian prose is mostly lower case and about 40% vowels; a text decoded with the
    wrong Cyrillic table is mostly capitals (koi8-r read as cp1251) or has no vowels."""
    letters = len(CYRILLIC.findall(text))
    if letters < MIN_LETTERS:
        return False
    lower = len(LOWER.findall(text)) / letters
    vowels = len(VOWELS.findall(text)) / letters
    return lower >= 0.6 and 0.3 <= vowels <= 0.6


def _single_byte(data: bytes) -> tuple[str, str]:
    proposed = [m.encoding for m in from_bytes(data, cp_isolation=CYRILLIC_ENCODINGS)]
    readings: dict[str, str] = {}
    for encoding in proposed + [e for e in CYRILLIC_ENCODINGS if e not in proposed]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if reads_as_russian(text) and text not in readings.values():
            readings[encoding] = text
    if len(readings) == 1:
        encoding, text = next(iter(readings.items()))
        return text, encoding
    if not readings:
        letters = max((len(CYRILLIC.findall(data.decode(e, "replace"))) for e in CYRILLIC_ENCODINGS), default=0)
        if letters < MIN_LETTERS:
            raise DecodeProblem("not UTF-8, and too little text to tell its encoding confidently")
        raise DecodeProblem("not UTF-8, and no Cyrillic encoding (cp1251, koi8-r, …) reads it as Russian")
    raise DecodeProblem("not UTF-8, and ambiguous: it reads as Russian in " + " and ".join(readings))
