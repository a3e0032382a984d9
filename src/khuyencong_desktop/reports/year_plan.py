"""The year's list of approved projects (danh mục đề án khuyến công năm …): one landscape table."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from khuyencong_desktop.domain.money import MoneyUnit
from khuyencong_desktop.reports.blocks import Letterhead
from khuyencong_desktop.reports.document import para, write_document
from khuyencong_desktop.reports.page import LANDSCAPE, text_width
from khuyencong_desktop.reports.styles import document_styles
from khuyencong_desktop.reports.tables import Column, money_table

MAX_CODE_WIDTH = 45
CELL_PADDING = 2.5
"""mm: the cell's left and right padding and a little air."""
DOCUMENT_KIND = "DM"
"""Ký hiệu of the list in its number: 03/DM-TTKC."""


@dataclass(frozen=True)
class PlanRow:
    """One approved project of the year; money in whole đồng as approved."""

    code: str
    name: str
    beneficiaries: str
    place: str
    activity: str
    level: str
    support: int
    """Kinh phí khuyến công hỗ trợ (NSTW + NSĐP + NSNN)."""
    counterpart: int
    other: int = 0

    @property
    def total(self) -> int:
        return self.support + self.counterpart + self.other


def plan_columns(with_other: bool, code_width: float = 33) -> list[Column]:
    """The table's columns; "Nguồn khác" only when some project has such money.

    ``code_width`` (mm) fits the longest project code, so codes are never broken inside.
    """
    money = [Column("Kinh phí KC hỗ trợ", "money", 20), Column("Vốn đối ứng", "money", 20)]
    if with_other:
        money.append(Column("Nguồn khác", "money", 20))
    return [
        Column("STT", "text", 11, centred=True), Column("Mã đề án", "text", code_width), Column("Tên đề án"),
        Column("Đơn vị thụ hưởng", "text", 34), Column("Địa bàn", "text", 22),
        Column("Nội dung hoạt động", "text", 26), Column("Cấp", "text", 16, centred=True),
        *money, Column("Tổng kinh phí", "money", 24),
    ]


def plan_table(rows: Sequence[PlanRow], unit: MoneyUnit) -> list[Flowable]:
    """The landscape table with its totals row and the grand total in words."""
    with_other = any(row.other for row in rows)
    style = document_styles().table_text
    widest = max(stringWidth(row.code, style.fontName, style.fontSize) for row in rows)
    columns = plan_columns(with_other, min(MAX_CODE_WIDTH, max(20, widest / mm + CELL_PADDING)))
    data = [[str(i), r.code, r.name, r.beneficiaries, r.place, r.activity, r.level, r.support, r.counterpart,
             *([r.other] if with_other else []), r.total] for i, r in enumerate(rows, start=1)]
    return money_table(columns, data, unit=unit, words_column=len(columns) - 1, width=text_width(LANDSCAPE))


def write_year_plan(target: str | IO[bytes], year: int, rows: Sequence[PlanRow], unit: MoneyUnit,
                    letterhead: Letterhead) -> None:
    """The list of the year's projects approved or later, one row each, never split across pages."""
    if rows:
        body = plan_table(rows, unit)
    else:
        body = [para(f"Chưa có đề án khuyến công nào của năm {year} được phê duyệt.")]
    write_document(target, letterhead, f"Danh mục đề án khuyến công năm {year}",
                   "Các đề án đã được phê duyệt", body, orientation=LANDSCAPE)
