"""Detect and convert old 8-bit Vietnamese text (TCVN3 / ABC ".VnTime", VNI-Windows) found in Excel files.

Such text reaches us as Latin-1 characters: TCVN3 gives each Vietnamese letter one character
("B¶o Th¾ng" = "Bảo Thắng"); VNI writes a base letter followed by a mark character ("Baûo Thaéng").
TCVN3 has no upper-case toned letters (the ".VnTimeH" font shows the lower-case codes in capitals),
so their case is restored from the letters around them.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import groupby

from .text import LETTER_MARKS, TONE_MARKS, fold

TCVN3 = "TCVN3"
VNI = "VNI"

VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, huyền, hỏi, ngã, sắc, nặng

# TCVN3 code of each vowel of VOWELS in each tone of _TONES, one row per vowel.
_TCVN3_ROWS = (
    "61 b5 b6 b7 b8 b9", "a8 bb bc bd be c6", "a9 c7 c8 c9 ca cb", "65 cc ce cf d0 d1",
    "aa d2 d3 d4 d5 d6", "69 d7 d8 dc dd de", "6f df e1 e2 e3 e4", "ab e5 e6 e7 e8 e9",
    "ac ea eb ec ed ee", "75 ef f1 f2 f3 f4", "ad f5 f6 f7 f8 f9", "79 fa fb fc fd fe",
)
# Letters TCVN3 has a code of their own for in upper case; every other upper-case letter with a
# tone shares the lower-case code.
_TCVN3_UPPER = {"Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7"}

# VNI mark characters written after the base letter, by tone (index into _TONES).
_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")
_VNI_CIRCUMFLEX = ("â", "à", "å", "ã", "á", "ä")
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")


def _letter(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONES[tone])


def _vni_lower(vowel: str, tone: int) -> str:
    if vowel in "âêô":
        return unicodedata.normalize("NFD", vowel)[0] + _VNI_CIRCUMFLEX[tone]
    if vowel == "ă":
        return "a" + _VNI_BREVE[tone]
    if vowel == "i":
        return _VNI_I[tone]
    if vowel == "y" and tone == 5:
        return "î"
    return {"ơ": "ô", "ư": "ö"}.get(vowel, vowel) + _VNI_TONE[tone]


def _build_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Unicode → TCVN3, Unicode → VNI and VNI → Unicode for the 134 precomposed Vietnamese letters."""
    to_tcvn3: dict[str, str] = {"đ": "\xae", **_TCVN3_UPPER}
    to_vni: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for vowel, row in zip(VOWELS, _TCVN3_ROWS):
        codes = bytes.fromhex(row).decode("latin-1")
        for tone, code in enumerate(codes):
            lower = _letter(vowel, tone)
            if lower.isascii():
                continue
            to_tcvn3[lower] = code
            to_tcvn3.setdefault(lower.upper(), code)
            to_vni[lower] = _vni_lower(vowel, tone)
            to_vni[lower.upper()] = _vni_lower(vowel, tone).upper()
    from_vni = {code: letter for letter, code in to_vni.items()}
    # A capital base letter followed by a lower-case mark still means the capital letter.
    for letter, code in list(to_vni.items()):
        if letter.isupper() and len(code) == 2:
            from_vni.setdefault(code[0] + code[1].lower(), letter)
    return to_tcvn3, to_vni, from_vni


UNICODE_TO_TCVN3, UNICODE_TO_VNI, _FROM_VNI = _build_tables()
_FROM_TCVN3 = {code: letter for letter, code in UNICODE_TO_TCVN3.items() if letter.islower()}
_FROM_TCVN3.update({code: letter for letter, code in _TCVN3_UPPER.items()})
# TCVN3 codes whose case the code does not tell (the toned letters).
_TCVN3_CASELESS = frozenset(code for code in _FROM_TCVN3 if code >= "\xb5")

_WORD = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile("[aeiouy]")
# Vietnamese letters that exist in Latin-1; other Latin-1 letters never occur in Vietnamese.
_LATIN1_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def _cased(chars: list[tuple[str, bool]]) -> list[str]:
    """The letters among ``chars`` whose case the legacy text tells."""
    return [ch for ch, caseless in chars if not caseless and ch.lower() != ch.upper()]


def _decode_tcvn3(text: str) -> str:
    decoded = [(_FROM_TCVN3.get(ch, ch), ch in _TCVN3_CASELESS) for ch in text]
    runs = [(is_word, list(run)) for is_word, run in groupby(decoded, key=lambda item: item[0].isalpha())]
    # Text in capitals (".VnTimeH") shows toned letters as capitals; abbreviations ("KD") prove nothing.
    syllable_letters = [ch for is_word, chars in runs
                        if is_word and _VOWEL.search(fold("".join(ch for ch, _ in chars)))
                        for ch in _cased(chars)]
    all_capitals = len(syllable_letters) >= 2 and all(ch.isupper() for ch in syllable_letters)
    out: list[str] = []
    for is_word, chars in runs:
        evident = _cased(chars) if is_word else []
        if evident:
            capitals = all(ch.isupper() for ch in evident) and (len(evident) >= 2 or all_capitals)
        else:
            capitals = is_word and all_capitals
        out.extend(ch.upper() if caseless and capitals else ch for ch, caseless in chars)
    return "".join(out)


def _decode_vni(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        pair = text[index:index + 2]
        if len(pair) == 2 and pair in _FROM_VNI:
            out.append(_FROM_VNI[pair])
            index += 2
        else:
            out.append(_FROM_VNI.get(text[index], text[index]))
            index += 1
    return "".join(out)


_DECODERS = {TCVN3: _decode_tcvn3, VNI: _decode_vni}


def decode(text: str, encoding: str) -> str:
    """``text`` read as ``encoding`` ("TCVN3" or "VNI"), in Unicode NFC, whether or not it looks legacy."""
    return unicodedata.normalize("NFC", _DECODERS[encoding](text))


# Vowel groups of Vietnamese syllables: which vowel may carry the tone (both for the old and new
# placement, "hòa"/"hoà"), and whether a final consonant is forbidden (-1), allowed (0) or needed (1).
_NUCLEI: dict[str, tuple[tuple[int, ...], int]] = {
    **{vowel: ((0,), 0) for vowel in "aeêioôơuưy"}, "ă": ((0,), 1), "â": ((0,), 1),
    **{group: ((0,), -1) for group in ("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi",
                                      "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu")},
    "oa": ((0, 1), 0), "oe": ((0, 1), 0), "uy": ((0, 1), 0), "uê": ((1,), 0),
    **{group: ((1,), 1) for group in ("iê", "yê", "oă", "uâ", "uô", "ươ")}, "uơ": ((1,), -1),
    **{group: ((1,), -1) for group in ("iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi",
                                      "ươu", "uya", "uyu")},
    "uyê": ((2,), 1),
}
# Initial consonants, with f j w z of loan words and the clusters of ethnic place names ("Krông").
_INITIALS = frozenset((
    "", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "r", "s", "t", "th", "tr", "v", "x", "f", "j", "w", "z", "bl", "br", "dr", "đr", "kl",
    "kr", "pl",
))
_FINALS = frozenset(("", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"))
_SYLLABLE = re.compile(r"([bcdđfghjklmnpqrstvwxz]*)([aăâeêioôơuưy]+)([a-zđ]*)")


def _untoned(word: str) -> tuple[str, int | None] | None:
    """Lower-case ``word`` without its tone, and the index of the toned letter; None if not Vietnamese."""
    base, toned = [], None
    for index, ch in enumerate(word.lower()):
        head, *marks = unicodedata.normalize("NFD", ch)
        for mark in marks:
            if mark in TONE_MARKS:
                if toned is not None:
                    return None
                toned = index
            elif mark not in LETTER_MARKS:
                return None
        base.append(unicodedata.normalize("NFC", head + "".join(m for m in marks if m in LETTER_MARKS)))
    return "".join(base), toned


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is spelled like a Vietnamese syllable (one vowel group, one tone, a valid rhyme)."""
    split = _untoned(word)
    if split is None:
        return False
    base, toned = split
    match = _SYLLABLE.fullmatch(base)
    if match is None:
        return False
    initial, vowels, final = match.groups()
    if final not in _FINALS:
        return False
    parses = [vowels] if initial in _INITIALS else []
    if (initial, vowels[0]) in (("q", "u"), ("g", "i")):
        parses.append(vowels[1:])  # "qu" and "gi" are initials: "quá", "giữ"
    for nucleus in parses:
        if nucleus not in _NUCLEI:
            continue
        places, final_rule = _NUCLEI[nucleus]
        if (final_rule == -1 and final) or (final_rule == 1 and not final):
            continue
        start = len(initial) + len(vowels) - len(nucleus)
        if toned is None or toned - start in places:
            return True
    return False


def _syllable_counts(text: str) -> tuple[int, int]:
    """(valid words of two or more letters, invalid words) among the words that are not plain ASCII.

    A word is valid when it is a Vietnamese syllable in lower, upper or title case. Words without
    a vowel are abbreviations: "QĐ", "HĐND" count as valid, other ones as neither.
    """
    valid = invalid = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if not _VOWEL.search(fold(word)):
            if word.isupper() and "Đ" in word:
                valid += 1
        elif (word.islower() or word.isupper() or word.istitle()) and is_vietnamese_syllable(word):
            valid += len(word) > 1
        else:
            invalid += 1
    return valid, invalid


# A TCVN3 symbol code left before a letter ("®éng" read as VNI) is a letter the reading missed.
_TCVN3_SYMBOL_LEFT = re.compile(
    "[" + re.escape("".join(code for code in _FROM_TCVN3 if not code.isalpha())) + r"](?=[^\W\d_])"
)

# Windows-1252 punctuation ("–", "…", "“") may sit in legacy text; other characters beyond
# Latin-1 mean the text is Unicode already.
_CP1252_EXTRA = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def _may_be_legacy(text: str) -> bool:
    if any(ord(ch) > 0xFF and ch not in _CP1252_EXTRA for ch in text):
        return False
    return any("\xa1" <= ch <= "\xff" for ch in text)


def detect_legacy(text: str) -> str | None:
    """"TCVN3" or "VNI" when ``text`` is Vietnamese in that old encoding, None when it is not.

    Only text made of Windows-1252 characters can be legacy. It is left alone when it already
    reads as Unicode Vietnamese (its only Latin-1 letters are Vietnamese ones and its words are
    Vietnamese syllables); otherwise the encoding is taken whose conversion reads as Vietnamese.
    Text that reads as Vietnamese either way stays as it is ("Hoà" is also VNI for "Hồ"); single
    words often do, so to judge a column or a sheet pass its cells joined by line breaks.
    """
    text = unicodedata.normalize("NFC", text or "")
    if not _may_be_legacy(text):
        return None
    latin1 = {ch for ch in text if "\x80" <= ch <= "\xff"}
    if latin1 <= _LATIN1_VIETNAMESE and _syllable_counts(text)[1] == 0:
        return None
    scores = {}
    for name, decoder in _DECODERS.items():
        decoded = decoder(text)
        valid, invalid = _syllable_counts(decoded)
        invalid += len(_TCVN3_SYMBOL_LEFT.findall(decoded))
        if decoded != text and valid and invalid <= valid // 5:
            scores[name] = valid - invalid
    ranked = sorted(scores, key=scores.get, reverse=True)
    if not ranked or (len(ranked) > 1 and scores[ranked[0]] == scores[ranked[1]]):
        return None  # nothing reads as Vietnamese, or both do equally well: leave the text alone
    return ranked[0]


def to_unicode(text: str) -> tuple[str, str | None]:
    """``text`` in Unicode NFC, converted from TCVN3 or VNI if it is in one; and that encoding's name or None."""
    encoding = detect_legacy(text)
    if encoding is None:
        return unicodedata.normalize("NFC", text), None
    return decode(text, encoding), encoding
