"""The year's list of approved projects (danh mục đề án khuyến công năm …): one landscape table."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from khuyencong_desktop.domain.money import MoneyUnit, format_amount
from khuyencong_desktop.reports.blocks import Letterhead
from khuyencong_desktop.reports.document import para, write_document
from khuyencong_desktop.reports.measure import CELL_AIR, unwrapped_extent
from khuyencong_desktop.reports.page import LANDSCAPE, text_width
from khuyencong_desktop.reports.styles import TABLE_SIZE, table_styles
from khuyencong_desktop.reports.tables import Column, exact_decimals, money_table

MIN_TEXT_WIDTH = 115
"""mm the four wrapping columns (name, beneficiaries, place, activity) keep at the least."""
TEXT_SHARES = {"Tên đề án": 0.36, "Đơn vị thụ hưởng": 0.25, "Địa bàn": 0.14, "Nội dung hoạt động": 0.25}
"""How the wrapping columns share the width the measured columns leave; the name gets the most."""
SMALLEST_SIZE = 10
SIZE_STEP = 0.5
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


@dataclass(frozen=True)
class PlanLayout:
    """The columns of the year plan with their widths in mm, the cells' type size and decimals."""

    columns: list[Column]
    size: float
    decimals: int


def _extents(rows: Sequence[PlanRow], money: list[tuple[str, list[int]]], decimals: int,
             unit: MoneyUnit, two_line_titles: bool) -> dict[str, float]:
    """The widest text of each column sized to its content (STT, code, level, money) in 1 pt type.

    Headers count in bold, broken between words (on two lines at most when ``two_line_titles``);
    a money column counts its amounts and its bold total.
    """
    s = table_styles(TABLE_SIZE)
    regular, bold = s.table_text.fontName, s.table_header.fontName

    def fitted(title: str, texts: Iterable[str], total: str | None = None) -> float:
        return unwrapped_extent(title, texts, total, regular, bold, two_line_title=two_line_titles)

    extents = {"STT": fitted("STT", [str(len(rows))]), "Mã đề án": fitted("Mã đề án", (r.code for r in rows)),
               "Cấp": fitted("Cấp", (r.level for r in rows))}
    for title, amounts in money:
        extents[title] = fitted(title, (format_amount(a, unit, decimals) for a in amounts),
                                format_amount(sum(amounts), unit, decimals))
    return extents


def _room(extents: dict[str, float], size: float) -> float:
    """Points the wrapping columns share when the measured ones get ``extents`` in ``size`` pt type."""
    return text_width(LANDSCAPE) - sum(extent * size + CELL_AIR for extent in extents.values())


def plan_layout(rows: Sequence[PlanRow], unit: MoneyUnit) -> PlanLayout:
    """Column widths that show every code and amount whole and leave the names room to wrap.

    STT, code, level and money columns are as wide as their widest text (totals in bold
    included), so nothing is broken or clipped; "Nguồn khác" appears only when some project has
    such money. The name, beneficiaries, place and activity share the rest (TEXT_SHARES). When
    that rest falls under MIN_TEXT_WIDTH (large amounts, a small unit, the extra column), the
    table's type steps down from 12 pt to at most SMALLEST_SIZE. The measured columns' headers take
    two lines at most when that leaves the rest its MIN_TEXT_WIDTH at the same type size.
    """
    money = [("Kinh phí KC hỗ trợ", [r.support for r in rows]), ("Vốn đối ứng", [r.counterpart for r in rows])]
    if any(r.other for r in rows):
        money.append(("Nguồn khác", [r.other for r in rows]))
    money.append(("Tổng kinh phí", [r.total for r in rows]))
    decimals = exact_decimals([a for _title, amounts in money for a in amounts if a], unit)
    extents = _extents(rows, money, decimals, unit, two_line_titles=False)
    size = float(TABLE_SIZE)
    while _room(extents, size) < MIN_TEXT_WIDTH * mm and size > SMALLEST_SIZE:
        size -= SIZE_STEP
    two_line = _extents(rows, money, decimals, unit, two_line_titles=True)
    if _room(two_line, size) >= MIN_TEXT_WIDTH * mm:
        extents = two_line
    room = _room(extents, size)
    if room <= 0:
        raise ValueError("the codes and amounts are too wide for a landscape page")
    measured = {title: extent * size + CELL_AIR for title, extent in extents.items()}
    width = {**measured, **{title: room * share for title, share in TEXT_SHARES.items()}}
    columns = [Column("STT", "text", centred=True), Column("Mã đề án"), Column("Tên đề án"),
               Column("Đơn vị thụ hưởng"), Column("Địa bàn"), Column("Nội dung hoạt động"),
               Column("Cấp", centred=True), *(Column(title, "money") for title, _amounts in money)]
    return PlanLayout([replace(c, width=width[c.title] / mm) for c in columns], size, decimals)


def plan_table(rows: Sequence[PlanRow], unit: MoneyUnit) -> list[Flowable]:
    """The landscape table with its totals row and the grand total in words."""
    layout = plan_layout(rows, unit)
    with_other = any(row.other for row in rows)
    data = [[str(i), r.code, r.name, r.beneficiaries, r.place, r.activity, r.level, r.support, r.counterpart,
             *([r.other] if with_other else []), r.total] for i, r in enumerate(rows, start=1)]
    return money_table(layout.columns, data, unit=unit, words_column=len(layout.columns) - 1,
                       decimals=layout.decimals, width=text_width(LANDSCAPE), size=layout.size)


def write_year_plan(target: str | IO[bytes], year: int, rows: Sequence[PlanRow], unit: MoneyUnit,
                    letterhead: Letterhead) -> None:
    """The list of the year's projects approved or later, one row each, never split across pages."""
    if rows:
        body = plan_table(rows, unit)
    else:
        body = [para(f"Chưa có đề án khuyến công nào của năm {year} được phê duyệt.")]
    write_document(target, letterhead, f"Danh mục đề án khuyến công năm {year}",
                   "Các đề án đã được phê duyệt", body, orientation=LANDSCAPE)
