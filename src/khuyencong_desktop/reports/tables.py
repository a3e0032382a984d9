"""Money tables: unit line, repeated header, bold total row and the total in words (bằng chữ)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from khuyencong_desktop.domain.money import MoneyUnit, format_amount, format_number, format_percent
from khuyencong_desktop.domain.words import amount_in_words
from khuyencong_desktop.reports.measure import CELL_AIR, unwrapped_extent, widest_word
from khuyencong_desktop.reports.page import PORTRAIT, text_width
from khuyencong_desktop.reports.paged_table import PagedTable
from khuyencong_desktop.reports.styles import TABLE_SIZE, table_styles

ColumnKind = Literal["text", "money", "int", "share"]
Cell = str | int | Decimal | None
TOTAL_LABEL = "Tổng cộng"
_NUMBER_KINDS = ("money", "int", "share")
_CELL_TYPES = {"text": str, "money": int, "int": int, "share": Decimal}
SMALLEST_SIZE = 8
"""Points a table's type may step down to so that every amount stays on one line."""
SIZE_STEP = 0.5
MIN_WRAPPING_WIDTH = 30
"""mm a column sharing the rest (names, sources) keeps at the least, so its text can wrap."""


@dataclass(frozen=True)
class Column:
    """One column: its header, what its cells hold and its width in mm (None shares the rest).

    ``text`` cells are str, left-aligned unless ``centred`` (STT); ``money`` cells are whole đồng
    (int), printed in the table's unit; ``int`` cells are counts (projects, jobs); ``share`` cells
    are percentages (Decimal, tỷ lệ) whose total is their sum, 100 % for shares by largest
    remainder. None leaves a cell empty. Numbers are right-aligned and never wrap: a number
    column is at least as wide as its widest entry, whatever ``width`` asks.
    """

    title: str
    kind: ColumnKind = "text"
    width: float | None = None
    centred: bool = False


def _extents(columns: Sequence[Column], texts: Sequence[Sequence[str]], totals: Sequence[str | None],
             labelled: bool) -> list[float]:
    """Each column's narrowest width in 1 pt type: numbers whole, words of text and headers unbroken."""
    s = table_styles(TABLE_SIZE)
    regular, bold = s.table_text.fontName, s.table_header.fontName
    extents = []
    for i, column in enumerate(columns):
        cells = [row[i] for row in texts]
        if column.kind in _NUMBER_KINDS:
            extents.append(unwrapped_extent(column.title, cells, totals[i], regular, bold))
        else:
            label = [TOTAL_LABEL] if labelled and i == 0 else []
            extents.append(max(widest_word(cells, regular), widest_word([column.title, *label], bold)))
    return extents


def _spread(columns: Sequence[Column], floors: Sequence[float], total: float) -> list[float]:
    """Widths from the narrowest ``floors``: fixed columns as asked when there is room, else
    shrunk toward their floors alike; the columns without a width share what is left."""
    fixed = [i for i, c in enumerate(columns) if c.width is not None]
    shared = [i for i, c in enumerate(columns) if c.width is None]
    excess = {i: max(columns[i].width * mm - floors[i], 0.0) for i in fixed}
    spare = total - sum(floors)
    scale = min(1.0, spare / sum(excess.values())) if sum(excess.values()) else 1.0
    widths = {i: floors[i] + scale * excess[i] for i in fixed}
    rest = total - sum(widths.values())
    even = rest / len(shared) if shared else 0.0
    extra = (rest - sum(floors[i] for i in shared)) / len(shared) if shared else 0.0
    for i in shared:
        widths[i] = even if all(even >= floors[j] for j in shared) else floors[i] + extra
    return [widths[i] for i in range(len(columns))]


def _fit(columns: Sequence[Column], texts: Sequence[Sequence[str]], totals: Sequence[str | None],
         labelled: bool, total: float, size: float) -> tuple[list[float], float]:
    """Column widths and type size that keep every number on one line within ``total`` points.

    The type steps down from ``size`` (by SIZE_STEP, to SMALLEST_SIZE at the least) only while
    the numbers' widths and the wrapping columns' MIN_WRAPPING_WIDTH do not fit together.
    """
    extents = _extents(columns, texts, totals, labelled)
    while True:
        floors = [e * size + CELL_AIR for e in extents]
        floors = [max(f, MIN_WRAPPING_WIDTH * mm) if c.width is None and c.kind == "text" else f
                  for c, f in zip(columns, floors)]
        if sum(floors) <= total:
            return _spread(columns, floors, total), size
        if size <= SMALLEST_SIZE:
            raise ValueError(f"the amounts are too wide for the page even in {SMALLEST_SIZE} pt type")
        size = max(size - SIZE_STEP, SMALLEST_SIZE)


def _check_row(columns: Sequence[Column], row: Sequence[Cell], index: int) -> None:
    if len(row) != len(columns):
        raise ValueError(f"row {index} has {len(row)} cells for {len(columns)} columns")
    for column, value in zip(columns, row):
        if value is None:
            continue
        if not isinstance(value, _CELL_TYPES[column.kind]) or isinstance(value, bool):
            raise TypeError(f"row {index}, column {column.title!r}: {value!r} is not {column.kind}")


def _format(column: Column, value: Cell, unit: MoneyUnit, decimals: int) -> str:
    if value is None:
        return ""
    if column.kind == "money":
        return format_amount(value, unit, decimals)
    if column.kind == "int":
        return format_number(value)
    if column.kind == "share":
        return format_percent(value)
    return value


def exact_decimals(amounts: Sequence[int], unit: MoneyUnit) -> int:
    """The fewest decimals that show every amount (in đồng) exactly in ``unit``."""
    needed = 0
    for amount in amounts:
        remainder = amount % unit.factor
        if remainder:
            digits = str(remainder).rstrip("0")
            needed = max(needed, unit.exponent - (len(str(remainder)) - len(digits)))
    return needed


def _totals(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> list[int | Decimal | None]:
    """Sums of the number columns; a share column with no share at all (nothing to share) has none."""
    totals: list[int | Decimal | None] = []
    for i, column in enumerate(columns):
        values = [row[i] for row in rows if row[i] is not None]
        if column.kind == "share":
            totals.append(sum(values, Decimal(0)) if values else None)
        else:
            totals.append(sum(values) if column.kind in _NUMBER_KINDS else None)
    return totals


def _words_column(columns: Sequence[Column], words_column: int | None) -> int | None:
    money = [i for i, column in enumerate(columns) if column.kind == "money"]
    if words_column is not None:
        if words_column not in money:
            raise ValueError(f"column {words_column} is not a money column")
        return words_column
    if len(money) > 1:
        raise ValueError("several money columns: say which total to write in words")
    return money[0] if money else None


def money_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    unit: MoneyUnit | None,
    total_row: bool = True,
    words_column: int | None = None,
    decimals: int | None = None,
    width: float | None = None,
    size: float = TABLE_SIZE,
) -> list[Flowable]:
    """The table under its "ĐVT: …" line, with ``total_row`` a bold "Tổng cộng" row and "Bằng chữ".

    ``unit`` None makes a table of counts and text: no unit line, and no money column allowed.

    Totals are summed from the đồng values, then formatted, so they equal the data and not the
    rounded figures. Unit line and header repeat on every page; no row is split across pages. The
    words line spells the total of ``words_column`` (default: the only money column).
    Every amount gets ``decimals`` decimals; None takes the fewest that show every amount
    exactly, so nothing is rounded away and the column's commas line up.
    ``width`` defaults to the portrait text width; ``size`` is the cells' type size in points,
    stepped down when the amounts would not fit whole otherwise (see ``_fit``).
    """
    if unit is None and any(c.kind == "money" for c in columns):
        raise ValueError("a table with money columns needs its unit")
    for index, row in enumerate(rows):
        _check_row(columns, row, index)
    money = [v for row in rows for c, v in zip(columns, row) if c.kind == "money" and v]
    if decimals is None:
        decimals = exact_decimals(money, unit) if unit is not None else 0
    first_number = next((i for i, c in enumerate(columns) if c.kind in _NUMBER_KINDS), None)
    if total_row and not first_number:
        raise ValueError("a total row needs a text column before the first number column")
    texts = [[_format(c, v, unit, decimals) for c, v in zip(columns, row)] for row in rows]
    totals = _totals(columns, rows)
    total_texts = [_format(c, t, unit, decimals) if total_row and c.kind in _NUMBER_KINDS else None
                   for c, t in zip(columns, totals)]
    widths, size = _fit(columns, texts, total_texts, total_row, width or text_width(PORTRAIT), size)
    s = table_styles(size)

    def cell(column: Column, text: str, bold: bool = False) -> Paragraph:
        if column.kind in _NUMBER_KINDS:
            style = s.table_total_number if bold else s.table_number
        elif bold:
            style = s.table_total_text
        else:
            style = s.table_text_centred if column.centred else s.table_text
        return Paragraph(escape(text), style)

    # The unit line is the table's first row, so it repeats with the header and is never
    # left alone at the foot of a page.
    header = [Paragraph(escape(c.title), s.table_header) for c in columns]
    data: list[list] = [header]
    if unit is not None:
        data.insert(0, [Paragraph(escape(f"ĐVT: {unit.label}"), s.unit_line)]
                    + [""] * (len(columns) - 1))
    head = len(data)
    body = [[cell(c, text) for c, text in zip(columns, row)] for row in texts]
    commands = [
        ("FONT", (0, 0), (-1, -1), s.face(), s.table_text.fontSize),  # not Helvetica
        ("GRID", (0, head - 1), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if unit is not None:
        commands += [("SPAN", (0, 0), (-1, 0)), ("RIGHTPADDING", (0, 0), (-1, 0), 0),
                     ("TOPPADDING", (0, 0), (-1, 0), 0)]
    tail: list[list] = []
    tail_commands: list[tuple] = []
    if total_row:
        label = [cell(columns[0], TOTAL_LABEL, bold=True)] + [""] * (first_number - 1)
        tail.append(label + [cell(c, text or "", bold=True)
                             for c, text in zip(columns[first_number:], total_texts[first_number:])])
        tail_commands.append(("SPAN", (0, -1), (first_number - 1, -1)))
    flowables: list[Flowable] = [PagedTable(data, body, tail, widths, commands, tail_commands)]
    spelled = _words_column(columns, words_column) if total_row else None
    if spelled is not None:
        words = amount_in_words(totals[spelled])
        flowables.append(Paragraph(escape(f"Bằng chữ: {words}"), s.words_line))
    return flowables
