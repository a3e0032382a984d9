"""Money tables as printed: share columns total 100 %, amounts never wrap, year plan headers on two lines."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pdfplumber
import pytest
from sqlalchemy import select

from khuyencong_desktop.domain.money import MoneyUnit, format_amount
from khuyencong_desktop.operations.reports import (
    write_completion_pdf, write_period_summary_pdf, write_proposal_pdf, write_year_plan_pdf,
)
from khuyencong_desktop.operations.summary import period_summary
from khuyencong_desktop.reports.blocks import Column, money_table
from khuyencong_desktop.reports.document import write_document
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions
from khuyencong_desktop.reports.styles import TABLE_SIZE
from khuyencong_desktop.storage.models import Office, Project

from pdf_checks import chars_across_rules, pdf_text
from test_reports_plan_layout import LETTERHEAD

OPTIONS = DocumentOptions(number=5, day=date(2021, 1, 5))
HUGE = {"approved_nstw": 1_234_567_890_123, "approved_counterpart": 8_765_432_109_876,
        "settled_nstw": 1_234_567_890_000, "settled_counterpart": 9_765_432_109_876}
"""Thirteen-digit amounts in đồng (thousands of tỷ), as a national office totals them."""


def _lines(path) -> list[str]:
    return pdf_text(path).splitlines()


def _whole(amount: str, lines: list[str]) -> bool:
    """``amount`` stands whole on one line of ``pdftotext -raw``, not cut before a digit."""
    return any(f" {amount} " in f" {line} " for line in lines)


def test_share_columns_total_one_hundred_percent(demo_db, tmp_path):
    proposal = write_proposal_pdf(demo_db, "LS-QG-2020-01", tmp_path / "proposal.pdf", OPTIONS)
    assert "Tổng cộng 2.900 100,0%" in _lines(proposal)
    summary = write_period_summary_pdf(demo_db, 2017, 2021, tmp_path / "summary.pdf", OPTIONS)
    assert "Tổng cộng 55.210,68 100,0%" in _lines(summary)


def test_the_share_total_is_the_sum_of_the_shares_shown(tmp_path):
    columns = [Column("STT", "text", 12, centred=True), Column("Nguồn"), Column("Kinh phí", "money", 40),
               Column("Tỷ lệ", "share", 22)]
    rows = [["1", "A", 1_000_000, Decimal("33.4")], ["2", "B", 1_000_000, Decimal("33.3")],
            ["3", "C", 1_000_000, Decimal("33.3")]]
    path = tmp_path / "shares.pdf"
    write_document(str(path), LETTERHEAD, "Báo cáo", "Tỷ lệ", money_table(columns, rows, unit=MoneyUnit.TRIEU))
    lines = _lines(path)
    assert "1 A 1 33,4%" in lines and "Tổng cộng 3 100,0%" in lines
    nothing = [["1", "A", 0, None], ["2", "B", 0, None]]  # nothing to share: no share, no total share
    empty = tmp_path / "empty.pdf"
    write_document(str(empty), LETTERHEAD, "Báo cáo", "Tỷ lệ", money_table(columns, nothing, unit=MoneyUnit.TRIEU))
    assert "Tổng cộng 0" in _lines(empty) and "%" not in pdf_text(empty)


@pytest.fixture
def huge_in_dong(demo_db):
    """The demo file in đồng, its project LS-QG-2018-01 holding thirteen-digit amounts."""
    with demo_db.session() as session:
        session.scalar(select(Office).where(Office.name.like("%XÚC TIẾN%"))).default_unit = "DONG"
        project = session.scalar(select(Project).where(Project.code == "LS-QG-2018-01"))
        for field, amount in HUGE.items():
            setattr(project, field, amount)
    return demo_db


def test_thirteen_digit_amounts_in_dong_are_never_broken(huge_in_dong, tmp_path):
    made = {
        "proposal": write_proposal_pdf(huge_in_dong, "LS-QG-2018-01", tmp_path / "proposal.pdf", OPTIONS),
        "completion": write_completion_pdf(huge_in_dong, "LS-QG-2018-01", tmp_path / "completion.pdf", OPTIONS),
        "summary": write_period_summary_pdf(huge_in_dong, 2017, 2021, tmp_path / "summary.pdf", OPTIONS),
        "plan": write_year_plan_pdf(huge_in_dong, 2018, tmp_path / "plan.pdf", OPTIONS),
    }
    nstw, counterpart = HUGE["approved_nstw"], HUGE["approved_counterpart"]
    settled = HUGE["settled_nstw"] + HUGE["settled_counterpart"]
    expected = {
        "proposal": [nstw, counterpart, nstw + counterpart],
        "completion": [nstw, HUGE["settled_nstw"], counterpart, HUGE["settled_counterpart"], nstw + counterpart,
                       settled, HUGE["settled_counterpart"] - counterpart, settled - nstw - counterpart],
        "plan": [nstw, counterpart, nstw + counterpart],
    }
    for kind, amounts in expected.items():
        lines = _lines(made[kind])
        for amount in amounts:
            assert _whole(format_amount(amount, MoneyUnit.DONG), lines), (kind, amount)
    assert _whole("-123", _lines(made["completion"]))  # NSTW settled 123 đồng under plan
    figures = period_summary(huge_in_dong, 2017, 2021)
    summary = _lines(made["summary"])
    for amount in (figures.support_by_level["KCQG"], figures.state_support, figures.support_by_activity["MH"],
                   figures.counterpart, figures.total_mobilised, sum(figures.by_year_and_source[2018].values())):
        assert len(str(amount)) >= 13 and _whole(format_amount(amount, MoneyUnit.DONG), summary), amount
    for kind, path in made.items():
        assert chars_across_rules(path) == [], kind


def test_amounts_too_wide_for_their_columns_step_the_type_down(tmp_path):
    columns = [Column("Năm", "text", 24, centred=True),
               *(Column(title, "money") for title in ("NSTW", "NSĐP", "Vốn đối ứng", "Nguồn khác")),
               Column("Tổng cộng", "money", 30)]
    rows = [[str(year), *(9_876_543_210_987 + i for i in range(4)), 4 * 9_876_543_210_987 + 6]
            for year in range(2021, 2026)]
    table = money_table(columns, rows, unit=MoneyUnit.DONG, words_column=5)[0]
    size = table.body[0][1].style.fontSize
    assert size < TABLE_SIZE
    path = tmp_path / "years.pdf"
    write_document(str(path), LETTERHEAD, "Báo cáo", "Kinh phí theo năm", money_table(
        columns, rows, unit=MoneyUnit.DONG, words_column=5))
    lines = _lines(path)
    assert _whole(format_amount(5 * (4 * 9_876_543_210_987 + 6), MoneyUnit.DONG), lines)
    assert all(_whole(format_amount(9_876_543_210_987 + i, MoneyUnit.DONG), lines) for i in range(4))
    assert chars_across_rules(path) == []


def _header_lines(path) -> dict[str, int]:
    """Each header cell of the first table on page 1, by its text, with the lines it takes."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        header = page.find_tables()[0].rows[0]
        lines = {}
        for cell in header.cells:
            words = page.crop(cell).extract_words()
            lines[" ".join(w["text"] for w in words)] = len({round(w["top"]) for w in words})
    return lines


def test_year_plan_money_headers_take_two_lines_at_most(demo_db, tmp_path):
    lines = _header_lines(write_year_plan_pdf(demo_db, 2021, tmp_path / "plan.pdf", OPTIONS))
    for title in ("Kinh phí KC hỗ trợ", "Vốn đối ứng", "Tổng kinh phí", "Nội dung hoạt động"):
        assert 1 <= lines[title] <= 2, (title, lines)
