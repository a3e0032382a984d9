"""The year plan's columns: codes and amounts whole, names with room to wrap, with or without "Nguồn khác"."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from reportlab.lib.units import mm

from khuyencong_desktop.domain.money import MoneyUnit, format_amount
from khuyencong_desktop.domain.words import amount_in_words
from khuyencong_desktop.operations.reports import year_plan_rows
from khuyencong_desktop.reports.blocks import Letterhead
from khuyencong_desktop.reports.page import LANDSCAPE, text_width
from khuyencong_desktop.reports.year_plan import MIN_TEXT_WIDTH, PlanRow, plan_layout, write_year_plan

from pdf_checks import chars_across_rules, pdf_pages_text, squeeze

LETTERHEAD = Letterhead(
    parent_body="Sở Công Thương tỉnh Lạng Sơn", issuing_body="Trung tâm Khuyến công và Xúc tiến thương mại",
    number_text="03/DM-TTKC", place="Lạng Sơn", date=date(2021, 1, 5), signer_capacity="KT. Giám đốc",
    signer_position="Phó Giám đốc", signer_name="Hoàng Văn Minh", recipients=["Sở Công Thương (b/c)", "Lưu: VT, KC"])
TEXT_COLUMNS = ("Tên đề án", "Đơn vị thụ hưởng", "Địa bàn", "Nội dung hoạt động")


def _widths(rows, unit=MoneyUnit.TRIEU) -> dict[str, float]:
    layout = plan_layout(rows, unit)
    assert sum(c.width for c in layout.columns) == pytest.approx(text_width(LANDSCAPE) / mm)
    return {c.title: c.width for c in layout.columns}


def test_the_name_keeps_its_room_when_other_money_is_shown(demo_db):
    rows = year_plan_rows(demo_db, 2021)
    without = _widths(rows)
    with_other = _widths([replace(rows[0], other=150_000_000), *rows[1:]])
    assert "Nguồn khác" not in without and "Nguồn khác" in with_other
    for widths in (without, with_other):
        assert max(TEXT_COLUMNS, key=widths.get) == "Tên đề án"
        assert widths["Tên đề án"] >= 40
        assert sum(widths[t] for t in TEXT_COLUMNS) >= MIN_TEXT_WIDTH - 0.01
    assert with_other["Tên đề án"] >= 0.85 * without["Tên đề án"]


def _large_rows(count: int) -> list[PlanRow]:
    """Rows whose amounts need three decimals in triệu and whose totals run into thousands of tỷ."""
    return [PlanRow(f"HN-2025-{i:05d}", f"Hỗ trợ ứng dụng máy móc thiết bị chế biến nông sản số {i}",
                    f"Công ty TNHH Sản xuất và Thương mại Đồng Tâm {i}; Hộ kinh doanh Nguyễn Văn Đức",
                    "xã Chiềng Sinh, tỉnh Sơn La", "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ",
                    "KCĐP", 987_654_321 + i * 1_000, 8_765_432_109 + i * 1_000, (i % 3) * 1_234_567_000)
            for i in range(1, count + 1)]


@pytest.mark.parametrize("unit", [MoneyUnit.TRIEU, MoneyUnit.DONG])
def test_large_amounts_are_printed_whole_and_nothing_overflows_its_cell(tmp_path, unit):
    rows = _large_rows(60)
    path = tmp_path / "plan.pdf"
    write_year_plan(str(path), 2025, rows, unit, LETTERHEAD)
    layout = plan_layout(rows, unit)
    pages = [squeeze(text) for text in pdf_pages_text(path)]
    flat = " ".join(pages)
    for row in rows:  # each amount on one line, beside its code
        page = next(text for text in pages if row.code in text)
        for amount in (row.support, row.counterpart, row.total):
            assert format_amount(amount, unit, layout.decimals) in page, (row.code, amount)
    totals = [sum(r.support for r in rows), sum(r.counterpart for r in rows), sum(r.other for r in rows),
              sum(r.total for r in rows)]
    assert "Tổng cộng " + " ".join(format_amount(t, unit, layout.decimals) for t in totals) in flat
    assert f"Bằng chữ: {amount_in_words(totals[-1])}" in flat
    assert chars_across_rules(path) == []
    if unit is MoneyUnit.DONG:  # thirteen-digit amounts in five columns: the table's type steps down
        assert layout.size < 12


def test_the_overflow_check_sees_text_running_across_a_rule(tmp_path):
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    path = tmp_path / "overflow.pdf"
    table = Table([["2.757.723.957.000", "x"]], colWidths=[40, 40])  # a plain string is never wrapped
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path)).build([table])
    assert chars_across_rules(path)
