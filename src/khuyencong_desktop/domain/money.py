"""Money in whole đồng: units, reading Vietnamese-style numbers, exact conversion and display.

Amounts are ``int`` đồng everywhere; ``Decimal`` only on the way in and out, never ``float``.
Vietnamese writing: "." groups thousands and "," is the decimal mark ("46.236,68 triệu đồng").
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from enum import Enum

from .text import fold, nfc


class MoneyParseError(ValueError):
    """A number or amount that cannot be read; the message is for the user, in Vietnamese."""


MAX_AMOUNT = 99_999 * 1_000_000_000
"""The largest amount a record may hold: 99.999 tỷ đồng, far beyond any khuyến công project or
programme. A larger figure is nearly always an amount in đồng typed under a "triệu đồng" header
(a million times too big), so the officer is told to check the unit."""


class MoneyUnit(Enum):
    """Đơn vị tính of an amount: the value is its size in đồng."""

    DONG = (1, "đồng")
    NGHIN = (1_000, "nghìn đồng")
    TRIEU = (1_000_000, "triệu đồng")
    TY = (1_000_000_000, "tỷ đồng")

    def __new__(cls, factor: int, label: str):
        member = object.__new__(cls)
        member._value_ = factor
        member.label = label
        return member

    @property
    def factor(self) -> int:
        """How many đồng one of this unit is."""
        return self.value

    @property
    def exponent(self) -> int:
        """The power of ten of ``factor``."""
        return len(str(self.value)) - 1


# Unit spellings, matched against folded text (no diacritics, đ → d, lower case).
_D = r"(?:dong(?:\s*viet\s*nam)?|d|vnd|vn\s*d)"
_UNIT_PATTERNS = (
    (MoneyUnit.TY, rf"ty(?:\s*{_D})?"),
    (MoneyUnit.TRIEU, rf"trieu(?:\s*{_D})?|tr\s*\.?\s*{_D}"),
    (MoneyUnit.NGHIN, rf"(?:nghin|ngan)(?:\s*{_D})?|1\.?000\s*{_D}|ng\s*\.\s*{_D}"),
    (MoneyUnit.DONG, _D),
)
_UNIT_ALTERNATIVES = "|".join(f"(?P<{unit.name}>{pattern})" for unit, pattern in _UNIT_PATTERNS)
_UNIT_PREFIX = r"(?:dvt|don\s*vi\s*tinh|don\s*vi)\s*[:.]?\s*"
# The whole of a bracket, a "ĐVT:" note or a cell: "(triệu đồng)", "ĐVT: triệu đồng", "VNĐ".
_UNIT_WHOLE = re.compile(rf"\s*(?:{_UNIT_PREFIX})?(?:{_UNIT_ALTERNATIVES})\s*[.;]?\s*")
_UNIT_AFTER_PREFIX = re.compile(rf"\b{_UNIT_PREFIX}(?:{_UNIT_ALTERNATIVES})(?![a-z0-9])")
# Spellings that name a unit wherever they stand ("ty" alone could be "công ty", "dong" "Đông").
_UNIT_ANYWHERE = re.compile(
    r"(?<![a-z0-9])(?:(?P<TRIEU>trieu\s*(?:dong|vnd)|tr\s*\.?\s*d(?:ong)?)"
    r"|(?P<NGHIN>(?:nghin|ngan)\s*(?:dong|vnd))|(?P<TY>ty\s*vnd)|(?P<DONG>vnd))(?![a-z0-9])"
)
# Alone in a cell these are more likely a name ("Đông") or a word than a unit.
_AMBIGUOUS_ALONE = frozenset(("dong", "d", "ty"))
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_TRAILING_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")


def _unit_of(match: re.Match[str] | None) -> MoneyUnit | None:
    if match is None:
        return None
    return next(MoneyUnit[name] for name, text in match.groupdict().items() if text is not None)


def unit_from_text(text: str | None) -> MoneyUnit | None:
    """The money unit named in a header or note ("Kinh phí (triệu đồng)", "ĐVT: Tỷ đồng"), or None."""
    folded = fold(text)
    if not folded:
        return None
    for content in reversed(_BRACKETED.findall(folded)):
        unit = _unit_of(_UNIT_WHOLE.fullmatch(content))
        if unit is not None:
            return unit
    whole = None if folded in _AMBIGUOUS_ALONE else _UNIT_WHOLE.fullmatch(folded)
    return (_unit_of(whole)
            or _unit_of(_UNIT_AFTER_PREFIX.search(folded))
            or _unit_of(_UNIT_ANYWHERE.search(folded)))


def strip_unit(header: str) -> str:
    """``header`` without a trailing bracketed unit.

    "Kinh phí hỗ trợ (triệu đồng)" → "Kinh phí hỗ trợ"; a bracket that is not a unit stays.
    """
    text = nfc(header) or ""
    match = _TRAILING_BRACKET.search(text)
    if match and _UNIT_WHOLE.fullmatch(fold(match.group(1))):
        return text[:match.start()]
    return text


_SIGN = r"(?P<sign>[-−]?)\s*"
# Grouped by dots or by spaces (one kind per number), then an optional decimal comma.
_VIETNAMESE_NUMBER = re.compile(
    _SIGN + r"(?P<int>\d+|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{0,2}(?: \d{3})+)(?:,(?P<frac>\d+))?"
)
# No comma and one dot that cannot be grouping: a decimal point ("2350.5", "0.500").
_DOT_DECIMAL = re.compile(_SIGN + r"(?P<int>0|\d+(?=\.(?:\d{1,2}|\d{4,})$))\.(?P<frac>\d+)")


def parse_number(text: str) -> Decimal:
    """The number written in ``text`` the Vietnamese way.

    "." groups thousands and "," marks decimals: "2.350,5" → 2350.5, "2.350" → 2350,
    "1.000.000", "75,3". Spaces may group instead of dots (" 1 200 "). A leading "-" makes it
    negative. When there is no comma, a single dot that cannot be grouping is a decimal point:
    one not followed by exactly three digits ("2350.5", "1.25"), or after a lone 0 ("0.500" → 0.5).
    Anything else ("2,350.5", "1234.567", "1.2.3", "abc", "") raises ``MoneyParseError``.
    """
    cleaned = " ".join(str(text).replace("\xa0", " ").replace("\u202f", " ").split())
    match = _VIETNAMESE_NUMBER.fullmatch(cleaned) or _DOT_DECIMAL.fullmatch(cleaned)
    if match is None:
        raise MoneyParseError(f"Không đọc được số «{str(text).strip()}»")
    digits = match["int"].replace(".", "").replace(" ", "")
    number = Decimal(digits + ("." + match["frac"] if match["frac"] else ""))
    return -number if match["sign"] else number


def _decimal(value: int | Decimal | float) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise MoneyParseError(f"Không đọc được số «{value}»")
    return number


def round_half_up(value: Decimal | int, places: int = 0) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero (5,1523 → 5,15; 2,5 → 3)."""
    with localcontext() as context:
        context.prec = 60
        return _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


_FAST_LIMIT = float(2 ** 52)
"""Beyond this a float has no fractional part left to round, and the Decimal path decides."""


def to_dong(value: int | Decimal | float | str, unit: MoneyUnit) -> int:
    """``value`` in ``unit`` as whole đồng, rounded half up: 46236.68 triệu → 46_236_680_000.

    Exact: a float means the decimal of its shortest repr, a text goes through ``parse_number``.
    Ints are multiplied directly. For a float ``v`` the product ``r = v * factor`` lies within
    about two units in the last place (ulp) of ``r`` from the exact decimal product ``D``
    (``repr(v)`` is within half an ulp of ``v``, the multiplication adds half an ulp of ``r``), so
    when ``r`` is more than 4 ulp away from the nearest half-integer, ``D`` lies on the same side
    of it and both have the same nearest integer. Only near a half (where rounding half up
    matters) does the slower Decimal path decide.
    """
    kind = type(value)
    if kind is int:
        return value * unit.value
    if kind is float:
        product = value * unit.value
        if -_FAST_LIMIT < product < _FAST_LIMIT and abs(product - math.floor(product) - 0.5) > 4 * math.ulp(product):
            return round(product)
    number = parse_number(value) if isinstance(value, str) else _decimal(value)
    return int(round_half_up(number.scaleb(unit.exponent)))


def format_number(value: int | Decimal, decimals: int | None = 0) -> str:
    """``value`` written the Vietnamese way: 2350 → "2.350", 6256.8 → "6.256,8", -1234 → "-1.234".

    ``decimals`` fixes the number of decimals (rounding half up); None writes as many as needed.
    """
    number = _decimal(value)
    if decimals is not None:
        number = round_half_up(number, decimals)
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if number < 0 and (int(whole) or fraction.strip("0")) else ""
    return sign + grouped + ("," + fraction if fraction else "")


def format_amount(dong: int, unit: MoneyUnit = MoneyUnit.TRIEU, decimals: int | None = None) -> str:
    """``dong`` shown in ``unit``: 46_236_680_000 in triệu → "46.236,68", 75_300_000_000 in tỷ → "75,3"."""
    return format_number(_decimal(dong).scaleb(-unit.exponent), decimals)


def format_percent(value: Decimal, decimals: int = 1) -> str:
    """A percentage (64.3, not 0.643) as shown to users: "64,3%"."""
    return format_number(value, decimals) + "%"


def format_ratio(value: Decimal, decimals: int = 2) -> str:
    """A ratio such as leverage ("1 đồng NSNN thu hút được … đồng") as shown: 5.1523 → "5,15"."""
    return format_number(value, decimals)
