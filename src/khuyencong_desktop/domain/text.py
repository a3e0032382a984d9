"""Vietnamese text handling: NFC normalisation, search folding, matching and collation keys."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Combining marks of the five Vietnamese tones, numbered in collation order after "no tone" (0).
TONE_MARKS = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
# Combining marks that make a separate letter of the alphabet (ă â ê ô ơ ư).
LETTER_MARKS = frozenset("\u0306\u0302\u031b")

# The Vietnamese alphabet with f, j, w, z in their Latin places.
ALPHABET = ("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
            "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z")

# Đ and its look-alike Ð (Icelandic eth, often typed for Đ in old files) both fold to d.
_D_FOLD = str.maketrans({"đ": "d", "ð": "d"})
_D_FOLD_SORT = str.maketrans({"ð": "đ"})


def nfc(value: str | None) -> str | None:
    """``value`` in Unicode NFC on one line: surrounding whitespace removed, inner runs made one space."""
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFC", value).split())


def nfc_multiline(value: str | None) -> str | None:
    """``value`` in Unicode NFC with its line breaks kept and each line's trailing whitespace removed.

    A Windows line break "\\r\\n" becomes "\\n" because "\\r" is trailing whitespace of its line.
    """
    if value is None:
        return None
    lines = unicodedata.normalize("NFC", value).split("\n")
    return "\n".join(line.rstrip() for line in lines)


def _strip_marks(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _FoldTable(dict):
    """A ``str.translate`` table that strips marks, computed once per character met (a hot path)."""

    def __missing__(self, code: int) -> str:
        folded = _strip_marks(chr(code).translate(_D_FOLD))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(value: str | None) -> str:
    """The search form of ``value``: lower case, no diacritics, đ → d, single spaces.

    "Lai Châu" → "lai chau"; "Đề án" → "de an".
    """
    if not value:
        return ""
    if value.isascii():  # already NFC, nothing to strip
        return " ".join(value.lower().split())
    lowered = unicodedata.normalize("NFC", value).lower()
    if not lowered.isascii():
        lowered = lowered.translate(_FOLD_TABLE)
    return " ".join(lowered.split())


def fold_key(value: str | None) -> str:
    """``fold`` keeping only letters and digits, to match names: "Kế hoạch vốn" → "kehoachvon"."""
    if value and value.isascii():  # spaces go with the other non-alphanumerics: no need to fold them
        return "".join(filter(str.isalnum, value.lower()))
    return "".join(filter(str.isalnum, fold(value)))


def matches(query: str, text: str | None) -> bool:
    """Whether every word of ``query`` occurs in ``text``, ignoring case and diacritics (đ matches d)."""
    haystack = fold(text)
    return all(word in haystack for word in fold(query).split())


# The sort key holds one 4-hex-digit code per character, then one tone digit per character, then
# one case digit per character. Codes: 0001 space, 0021-007E other ASCII (by code point),
# 0100-0109 digits, 0200-0220 the alphabet, 1000 + code point (capped at FFFF) anything else.
_SPACE_CODE = 0x0001
_DIGIT_BASE = 0x0100
_LETTER_BASE = 0x0200
_OTHER_BASE = 0x1000
_LETTER_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
# Sorts below every hex digit, so a word sorts before its longer continuations ("Ba" < "Bảo").
_SECTION = " "


def _split_letter(ch: str) -> tuple[str, int]:
    """Lower-case ``ch`` as its base character (keeping ă â ê ô ơ ư) and its tone number."""
    tone = 0
    base = ""
    for part in unicodedata.normalize("NFD", ch):
        if part in TONE_MARKS:
            tone = TONE_MARKS[part]
        elif part in LETTER_MARKS or not unicodedata.combining(part):
            base += part
    return unicodedata.normalize("NFC", base), tone


def _primary_code(ch: str) -> int:
    if ch == " ":
        return _SPACE_CODE
    if ch in _LETTER_RANK:
        return _LETTER_BASE + _LETTER_RANK[ch]
    if "0" <= ch <= "9":
        return _DIGIT_BASE + ord(ch) - ord("0")
    if len(ch) == 1 and ord(ch) < 0x80:
        return ord(ch)
    return min(_OTHER_BASE + ord(ch[0]), 0xFFFF)


@lru_cache(maxsize=8192)
def _char_key(ch: str) -> tuple[str, str, str]:
    """One character's primary code, tone digit and case digit (cached: sort keys are a hot path)."""
    lower = ch.lower().translate(_D_FOLD_SORT)
    letter, tone = _split_letter(lower)
    return f"{_primary_code(letter or lower):04X}", str(tone), "1" if ch.isupper() else "0"


class _KeyTable(dict):
    """A ``str.translate`` table giving one part (0 primary, 1 tone, 2 case) of each character's key."""

    def __init__(self, part: int):
        super().__init__()
        self.part = part

    def __missing__(self, code: int) -> str:
        value = _char_key(chr(code))[self.part]
        self[code] = value
        return value


_KEY_TABLES = tuple(_KeyTable(part) for part in range(3))
_SPACE_KEY = _char_key(" ")


@lru_cache(maxsize=65536)
def _word_key(word: str) -> tuple[str, str, str]:
    """The three parts of one word's key (cached: names share their syllables)."""
    return word.translate(_KEY_TABLES[0]), word.translate(_KEY_TABLES[1]), word.translate(_KEY_TABLES[2])


def sort_key(value: str | None) -> str:
    """A text key that sorts in Vietnamese order (a ă â b c d đ e ê … y, then tones), case-insensitive.

    Letters are compared first; tones (none, huyền, hỏi, ngã, sắc, nặng) only break ties, and
    case (lower first) after that. The key is plain ASCII, so it can be stored in a column and
    sorted by SQLite as well as by ``sorted(..., key=sort_key)``.
    """
    words = unicodedata.normalize("NFC", value or "").split()
    if not words:
        return _SECTION + _SECTION
    # Words are joined by single spaces, so the key is the words' keys joined by the space's.
    primary, tones, cases = zip(*map(_word_key, words))
    return (_SPACE_KEY[0].join(primary) + _SECTION + _SPACE_KEY[1].join(tones) + _SECTION
            + _SPACE_KEY[2].join(cases))
