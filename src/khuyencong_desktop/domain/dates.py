"""Dates as Vietnamese documents write them: "Lạng Sơn, ngày 05 tháng 01 năm 2021" and "05/01/2021"."""
from __future__ import annotations

import re
from datetime import date

from .text import nfc

_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def document_date_line(place: str, day: date) -> str:
    """The place-and-date line under a document's national motto.

    Days below 10 and the months 1 and 2 get a leading zero (Decree 30/2020/NĐ-CP), so that
    "tháng 1" cannot be turned into "tháng 11": "Lạng Sơn, ngày 05 tháng 01 năm 2021",
    "ngày 15 tháng 3 năm 2024".
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{nfc(place)}, ngày {day.day:02d} tháng {month} năm {day.year}"


def format_date(day: date) -> str:
    """``day`` as dd/mm/yyyy: "05/01/2021"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def parse_date(text: str) -> date:
    """The date in ``text``: "05/01/2021", "5/1/2021" (day first; "-" or "." also separate) or "2021-01-05".

    Raises ``ValueError`` with a message for the user when the text is not such a date.
    """
    cleaned = (nfc(str(text)) or "")
    day_first = _DAY_FIRST.fullmatch(cleaned)
    iso = _ISO.fullmatch(cleaned)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
    elif iso:
        year, month, day = (int(part) for part in iso.groups())
    else:
        raise ValueError(
            f"Không đọc được ngày «{cleaned}»: cần dạng ngày/tháng/năm, ví dụ 05/01/2021"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Ngày «{cleaned}» không tồn tại") from None
