"""Amounts in words for financial documents ("Bằng chữ: Bảy mươi lăm tỷ ba trăm triệu đồng")."""
from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 1_000_000_000


def _tens_and_units(tens: int, units: int, after_hundreds: bool) -> list[str]:
    if tens == 0:
        if units == 0:
            return []
        return ["linh", DIGITS[units]] if after_hundreds else [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _group(value: int, leading: bool) -> list[str]:
    """The words of a three-digit group; a group after the first keeps "không trăm"."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words = [DIGITS[hundreds], "trăm"] if hundreds or not leading else []
    return words + _tens_and_units(tens, units, after_hundreds=bool(words))


def _words(value: int, leading: bool) -> list[str]:
    """``value`` > 0 in words; above a tỷ, the number of tỷ is read the same way ("một nghìn tỷ")."""
    billions, rest = divmod(value, _BILLION)
    words: list[str] = []
    if billions:
        words += _words(billions, leading) + ["tỷ"]
        leading = False
    for group, scale in ((rest // 1_000_000, "triệu"), (rest // 1000 % 1000, "nghìn"), (rest % 1000, "")):
        if group == 0:
            continue
        words += _group(group, leading) + ([scale] if scale else [])
        leading = False
    return words


def amount_in_words(dong: int) -> str:
    """``dong`` in Vietnamese words ending in " đồng": 1001 → "Một nghìn không trăm linh một đồng".

    "mười" for a tens digit of 1 and "mươi" above; a final 1 after a tens digit of 2 or more is
    "mốt", a final 5 after any tens digit "lăm"; a zero tens digit before a unit gives "linh"; an
    all-zero group is skipped. Scales are nghìn, triệu, tỷ, then nghìn tỷ, triệu tỷ.
    0 → "Không đồng"; a negative amount starts with "Âm".
    """
    if isinstance(dong, bool) or not isinstance(dong, int):
        raise TypeError(f"amount_in_words needs whole đồng (int), got {type(dong).__name__}")
    if dong == 0:
        return "Không đồng"
    words = (["âm"] if dong < 0 else []) + _words(abs(dong), leading=True)
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]
