"""A printable sheet in the import layout: title, styled frozen header, widths, formats, A4 landscape."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.money import MoneyUnit
from .layout import Kind, SheetLayout

EXPORT_UNIT = MoneyUnit.TRIEU
"""Amounts are written in triệu đồng, as officers keep them; the header says so."""
AMOUNT_FORMAT = "#,##0.00"
"""Thousands grouped, two decimals: Excel shows "46.236,68" under Vietnamese regional settings."""
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_ROW = 3
FORMULA_STARTS = ("=", "+", "-", "@")

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(name="Times New Roman", bold=True, size=11)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BODY_FONT = Font(name="Times New Roman", size=11)
_BOLD_FONT = Font(name="Times New Roman", bold=True, size=11)
_WRAP = Alignment(vertical="top", wrap_text=True)


def header_text(column) -> str:
    return f"{column.header} ({EXPORT_UNIT.label})" if column.kind is Kind.AMOUNT else column.header


def in_export_unit(dong: int | None):
    """``dong`` in triệu đồng, exactly representable (an int when whole, else a float of ≤ 6 decimals)."""
    if dong is None:
        return None
    value = Decimal(dong).scaleb(-EXPORT_UNIT.exponent)
    return int(value) if value == value.to_integral_value() else float(value)


class PrintableSheet:
    """Writes one sheet of a write-only workbook row by row."""

    def __init__(self, workbook, layout: SheetLayout, title: str | None = None):
        self.layout = layout
        self.ws = ws = workbook.create_sheet(layout.name)
        for index, column in enumerate(layout.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.append([self._cell(title or layout.title, _BOLD_FONT)])
        ws.append([])
        ws.append([self._cell(header_text(column), _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN)
                   for column in layout.columns])
        self.last_row = HEADER_ROW

    def _cell(self, value, font=_BODY_FONT, fill=None, alignment=None, number_format=None, formula=False):
        cell = WriteOnlyCell(self.ws, value=value)
        if not formula and isinstance(value, str) and value.startswith(FORMULA_STARTS):
            # Data, not a formula: "=SUM(A1)" or "-Hộ kinh doanh" stays the text the officer typed.
            cell.data_type = "s"
            cell.quotePrefix = True
        cell.font = font
        cell.border = _BORDER
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if number_format is not None:
            cell.number_format = number_format
        return cell

    def append(self, values: dict[str, object]) -> None:
        """One data row; amounts are given in đồng."""
        cells = []
        for column in self.layout.columns:
            value = values.get(column.key)
            if column.kind is Kind.AMOUNT:
                cells.append(self._cell(in_export_unit(value), number_format=AMOUNT_FORMAT))
            elif column.kind is Kind.INTEGER:
                cells.append(self._cell(value, number_format=COUNT_FORMAT))
            elif column.kind is Kind.DATE:
                cells.append(self._cell(value, number_format=DATE_FORMAT) if isinstance(value, date) else self._cell(None))
            else:
                cells.append(self._cell(value if value not in (None, "") else None, alignment=_WRAP))
        self.ws.append(cells)
        self.last_row += 1

    def total_row(self) -> None:
        """"Tổng cộng" with a SUM formula under every amount and count column."""
        first, last = HEADER_ROW + 1, max(self.last_row, HEADER_ROW + 1)
        cells = []
        for index, column in enumerate(self.layout.columns, start=1):
            letter = get_column_letter(index)
            if index == 1:
                cells.append(self._cell("Tổng cộng", _BOLD_FONT))
            elif column.kind in (Kind.AMOUNT, Kind.INTEGER):
                number_format = AMOUNT_FORMAT if column.kind is Kind.AMOUNT else COUNT_FORMAT
                cells.append(self._cell(f"=SUM({letter}{first}:{letter}{last})", _BOLD_FONT,
                                        number_format=number_format, formula=True))
            else:
                cells.append(self._cell(None))
        self.ws.append(cells)
