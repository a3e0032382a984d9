"""Reading one cell as the value its column holds: text, code, money in đồng, whole number, year, date."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from decimal import Decimal

from ..domain.dates import format_date, parse_date
from ..domain.money import MAX_AMOUNT, MoneyParseError, MoneyUnit, parse_number, to_dong
from ..domain.text import nfc, nfc_multiline
from ..i18n import tr
from .layout import Kind

MIN_YEAR, MAX_YEAR = 1990, 2100


class CellError(ValueError):
    """A cell that cannot be read; the message (in Vietnamese) goes after the cell's name."""


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(tr("không đọc được số «{text}»", text=value))
    if isinstance(value, (int, float)):
        try:
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except ArithmeticError:
            raise CellError(tr("không đọc được số «{text}»", text=value)) from None
    try:
        return parse_number(str(value))
    except MoneyParseError:
        raise CellError(tr("không đọc được số «{text}»", text=str(value).strip())) from None


def read_text(value, multiline: bool = False) -> str:
    """Text as stored: NFC, numbers without a trailing ".0", dates as dd/mm/yyyy."""
    if type(value) is str and not multiline:
        return nfc(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        value = format_date(value if isinstance(value, date) and not isinstance(value, datetime) else value.date())
    text = str(value)
    return (nfc_multiline(text).strip() if multiline else nfc(text)) or ""


def read_amount(value, unit: MoneyUnit) -> int | None:
    """Whole đồng from a number or Vietnamese text in ``unit``: 46236.68 triệu → 46_236_680_000."""
    if value is None:
        return None
    kind = type(value)
    if kind is float or kind is int:
        try:
            amount = to_dong(value, unit)
        except MoneyParseError:
            raise CellError(tr("không đọc được số «{text}»", text=value)) from None
    elif kind is str and not value.strip():
        return None
    else:
        amount = to_dong(_number(value), unit)
    if amount < 0:
        raise CellError(tr("số tiền không được âm («{text}»)", text=value))
    if amount > MAX_AMOUNT:
        raise CellError(tr("số tiền «{text}» quá lớn (tối đa 99.999 tỷ đồng): hãy kiểm tra đơn vị tính của cột",
                           text=value))
    return amount


def read_integer(value) -> int | None:
    if type(value) is int and value >= 0:
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _number(value)
    if number != number.to_integral_value() or number < 0:
        raise CellError(tr("cần một số nguyên không âm, không phải «{text}»", text=value))
    return int(number)


def read_year(value) -> int | None:
    if isinstance(value, (datetime, date)):
        return value.year
    try:
        year = read_integer(value)
    except CellError:
        raise CellError(tr("năm «{text}» không hợp lệ", text=value)) from None
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError(tr("năm «{text}» không hợp lệ", text=value))
    return year


def read_date(value) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        raise CellError(tr("không đọc được ngày «{text}»; cần dạng ngày/tháng/năm, ví dụ 05/01/2021",
                           text=str(value).strip())) from None


def cell_reader(kind: Kind, unit: MoneyUnit | None = None, multiline: bool = False) -> Callable[[object], object]:
    """The function reading a cell of a column of ``kind`` (chosen once per column, not per cell)."""
    if kind is Kind.AMOUNT:
        return partial(read_amount, unit=unit)
    if kind is Kind.INTEGER:
        return read_integer
    if kind is Kind.YEAR:
        return read_year
    if kind is Kind.DATE:
        return read_date
    return partial(read_text, multiline=True) if multiline else read_text


def read_cell(kind: Kind, value, unit: MoneyUnit | None = None, multiline: bool = False):
    """The value of a cell in a column of ``kind``; None for an empty number, year or date cell."""
    return cell_reader(kind, unit, multiline)(value)
