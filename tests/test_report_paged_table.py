"""Long money tables laid out page by page: the same pages as one ReportLab Table, signature never alone."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from reportlab.platypus import Paragraph, Table, TableStyle

from khuyencong_desktop.domain.money import MoneyUnit, format_amount
from khuyencong_desktop.reports.blocks import Letterhead, header_block, title_block
from khuyencong_desktop.reports.page import ReportDocument
from khuyencong_desktop.reports.paged_table import PagedTable
from khuyencong_desktop.reports.styles import document_styles
from khuyencong_desktop.reports.tables import money_table
from khuyencong_desktop.reports.year_plan import PlanRow, write_year_plan

from pdf_checks import pdf_pages_text, squeeze
from test_report_layout import COLUMNS, LETTERHEAD, PARAGRAPHS, ROWS, TITLE

PLAN_LETTERHEAD = Letterhead(
    parent_body="Sở Công Thương tỉnh Lạng Sơn", issuing_body="Trung tâm Khuyến công và Xúc tiến thương mại",
    number_text="03/DM-TTKC", place="Lạng Sơn", date=date(2021, 1, 5), signer_capacity="KT. Giám đốc",
    signer_position="Phó Giám đốc", signer_name="Hoàng Văn Minh",
    recipients=["Sở Công Thương (b/c)", "UBND các huyện, thành phố", "Lưu: VT, KC"])


def _document(path: Path, rows: list, plain: bool) -> None:
    """The sample report with its money table, as ours or as one plain ReportLab Table."""
    s = document_styles()
    story = [header_block(LETTERHEAD), *title_block(*TITLE), *(Paragraph(t, s.body) for t in PARAGRAPHS)]
    flowables = money_table(COLUMNS, rows, unit=MoneyUnit.TRIEU)
    if plain:
        paged = flowables[0]
        table = Table(paged.head + paged.body + paged.tail, colWidths=paged.col_widths,
                      repeatRows=len(paged.head), splitByRow=1, splitInRow=0)
        table.setStyle(TableStyle(paged.commands + paged.tail_commands))
        flowables[0] = table
    story += [*flowables, Paragraph("Trên đây là báo cáo kết quả thực hiện.", s.body)]
    ReportDocument(str(path), title="Báo cáo", author=LETTERHEAD.issuing_body).build(story)


def _drawn(path: Path) -> list[tuple[list, set, dict]]:
    """Per page: the characters with their places, the horizontal rules and the inked x → y spans."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [(c["text"], round(c["x0"], 2), round(c["top"], 2), c["fontname"]) for c in page.chars]
            flat = {tuple(round(line[k], 1) for k in ("x0", "x1", "top")) for line in page.lines
                    if abs(line["top"] - line["bottom"]) < 0.1}
            upright: dict[float, list] = defaultdict(list)
            for line in page.lines:
                if abs(line["x0"] - line["x1"]) < 0.1:
                    upright[round(line["x0"], 1)].append((round(line["top"], 1), round(line["bottom"], 1)))
            pages.append((chars, flat, {x: _merged(spans) for x, spans in upright.items()}))
    return pages


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for top, bottom in sorted(spans):
        if merged and top <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


@pytest.mark.parametrize("count", [5, 37, 120])
def test_pages_are_those_of_one_reportlab_table(tmp_path, count):
    """Same characters at the same places and the same grid on every page (rules may be drawn in pieces)."""
    ours, plain = tmp_path / "ours.pdf", tmp_path / "plain.pdf"
    _document(ours, ROWS[:count], plain=False)
    _document(plain, ROWS[:count], plain=True)
    ours_pages, plain_pages = _drawn(ours), _drawn(plain)
    assert len(ours_pages) == len(plain_pages) >= (3 if count == 120 else 1)
    for number, (mine, theirs) in enumerate(zip(ours_pages, plain_pages), start=1):
        assert mine == theirs, f"page {number}"


def _plan_rows(count: int) -> list[PlanRow]:
    return [PlanRow(f"LS-DP-2021-{i:03d}", f"Hỗ trợ ứng dụng máy móc thiết bị sản xuất số {i}",
                    f"Hộ kinh doanh Nông Văn {i}", "xã Hoàng Đồng, TP Lạng Sơn", "Ứng dụng máy móc", "KCĐP",
                    100_000_000 + i * 1_000_000, 200_000_000) for i in range(1, count + 1)]


SWEEP = range(24, 48, 2)
"""Row counts that put the table's end at every height of its last page (a page holds about 10 rows)."""


def _last_page_problem(path: Path, count: int) -> str | None:
    """Why the last page fails the rule (signature kept with rows, total and words), or None."""
    rows = _plan_rows(count)
    write_year_plan(str(path), 2021, rows, MoneyUnit.TRIEU, PLAN_LETTERHEAD)
    pages = [squeeze(text) for text in pdf_pages_text(path)]
    for row in rows:  # every row once, whole, with its total
        holding = [text for text in pages if f" {row.code} " in f" {text} "]
        assert len(holding) == 1 and format_amount(row.total, MoneyUnit.TRIEU, 0) in holding[0], row.code
    last = pages[-1]
    assert "Hoàng Văn Minh" in last and "Nơi nhận:" in last
    if rows[-1].code not in last or "Tổng cộng" not in last:
        return f"{count} rows: the last page holds no table row: {last[:80]}"
    assert last.index(rows[-1].code) < last.index("Tổng cộng") < last.index("Bằng chữ:") < last.index("Nơi nhận:")
    return None


def test_signature_never_stands_alone_on_the_last_page(tmp_path):
    """Whatever the number of rows, the last page holds table rows, the total and the words above the signature."""
    assert [problem for count in SWEEP if (problem := _last_page_problem(tmp_path / f"{count}.pdf", count))] == []


def test_without_keeping_some_count_leaves_the_signature_alone(tmp_path, monkeypatch):
    """The sweep does reach the case the rule is for: unkept, the signature would stand alone."""
    monkeypatch.setattr(PagedTable, "kept_with", lambda table, closing: table)
    assert [problem for count in SWEEP if (problem := _last_page_problem(tmp_path / f"{count}.pdf", count))]
