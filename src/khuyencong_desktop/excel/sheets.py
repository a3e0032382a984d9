"""Finding a sheet's header row, its columns and their money units, then streaming its data rows."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..domain.legacy_text import decode, detect_legacy
from ..domain.money import MoneyUnit, strip_unit, unit_from_text
from ..domain.text import fold, fold_key, nfc
from ..i18n import tr
from .layout import Column, Kind, SheetLayout
from .workbook import WorkbookError

HEADER_SEARCH_ROWS = 15
TOTAL_WORDS = frozenset({"tongcong", "cong", "tong"})
"""First text cell of a total row: "Tổng cộng", "Cộng", "Tổng"."""
_NOT_TOTAL = re.compile(r"[0-9A-BD-FH-MP-SU-Za-bd-fh-mp-su-z]")
"""A digit or a letter other than c, g, n, o, t: its folded key cannot be one of TOTAL_WORDS."""


@dataclass
class SheetHeader:
    """What the header of one sheet says: where it is, which column is which, and the units."""

    layout: SheetLayout
    title: str
    row: int
    columns: dict[int, Column]
    """Column index (0-based) → the layout column it holds."""
    labels: dict[str, str]
    """Column key → the header as written (without its unit), to name it in problems."""
    units: dict[str, MoneyUnit] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def where(self, row: int, key: str | None = None) -> str:
        """"Đề án!R7 Kinh phí khuyến công" — how a problem names its cell."""
        place = f"{self.title}!R{row}"
        return f"{place} {self.labels[key]}" if key else place


def unicode_row(values: tuple) -> tuple[tuple, str | None]:
    """The row with TCVN3/VNI text converted to Unicode, judged on all its text cells together."""
    # Only cells with Latin-1-range characters are judged: plain ASCII reads the same in every
    # encoding, and cells already holding Unicode Vietnamese (characters beyond Latin-1) are not
    # legacy text and would stop the rest of the row being judged.
    texts = [value for value in values
             if isinstance(value, str) and not value.isascii() and max(value) <= "\xff"]
    if not texts:
        return values, None
    encoding = detect_legacy("\n".join(texts))
    if encoding is None:
        return values, None
    return tuple(decode(value, encoding) if value in texts else value for value in values), encoding


def is_blank(values: tuple) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def is_total_row(values: tuple) -> bool:
    """Whether the first text cell of the row is "Tổng cộng", "Cộng" or "Tổng"."""
    first = next((value for value in values if isinstance(value, str) and value.strip()), None)
    # Folding costs more than the length and letter tests that rule out nearly every data row.
    return (first is not None and len(first) <= 16 and not _NOT_TOTAL.search(first)
            and fold_key(first) in TOTAL_WORDS)


def _note_unit(values: tuple) -> MoneyUnit | None:
    """The unit of an "ĐVT: …" / "Đơn vị tính: …" cell in a row above the header."""
    for value in values:
        if isinstance(value, str) and ("dvt" in fold(value).replace(".", "") or "don vi tinh" in fold(value)):
            unit = unit_from_text(value)
            if unit is not None:
                return unit
    return None


def _match_header(layout: SheetLayout, values: tuple) -> dict[int, Column] | None:
    found: dict[int, Column] = {}
    for index, value in enumerate(values):
        column = layout.column_for(value)
        if column is not None and column not in found.values():
            found[index] = column
    return found if all(column in found.values() for column in layout.required) else None


def read_header(layout: SheetLayout, title: str, rows: Iterator[tuple]) -> SheetHeader:
    """Consume rows up to the header (the first of the top 15 naming every required column)."""
    note_unit = None
    for number, raw in enumerate(rows, start=1):
        values, _ = unicode_row(raw)
        columns = _match_header(layout, values)
        if columns is None:
            note_unit = _note_unit(values) or note_unit
            if number >= HEADER_SEARCH_ROWS:
                break
            continue
        labels = {column.key: nfc(strip_unit(values[index])) for index, column in columns.items()}
        header = SheetHeader(layout, title, number, columns, labels)
        header.ignored = [nfc(str(value)) for index, value in enumerate(values)
                          if index not in columns and not is_blank((value,))]
        for index, column in columns.items():
            if column.kind is Kind.AMOUNT:
                unit = unit_from_text(values[index]) or note_unit
                if unit is None:
                    header.problems.append(tr(
                        "{where}: không có đơn vị tính; hãy ghi đơn vị trong tiêu đề, ví dụ «(triệu đồng)», "
                        "hoặc một ô «ĐVT: triệu đồng» phía trên dòng tiêu đề", where=header.where(number, column.key)))
                else:
                    header.units[column.key] = unit
        return header
    required = ", ".join(column.header for column in layout.required)
    raise WorkbookError(tr("Trang «{sheet}»: không tìm thấy dòng tiêu đề có đủ các cột {columns} trong {n} dòng đầu.",
                           sheet=title, columns=required, n=HEADER_SEARCH_ROWS))


def data_rows(header: SheetHeader, rows: Iterator[tuple]) -> Iterator[tuple[int, tuple, str | None]]:
    """(row number, cells, legacy encoding converted or None) of every non-blank row after the header."""
    for number, raw in enumerate(rows, start=header.row + 1):
        if is_blank(raw):
            continue
        values, encoding = unicode_row(raw)
        yield number, values, encoding
