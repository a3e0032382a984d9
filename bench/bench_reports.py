"""The period summary over 1.000 projects and the year plan of 1.000 rows, next to a plain ReportLab table."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from common import Measurement, timed
from generate import generate

from khuyencong_desktop.domain.money import MoneyUnit
from khuyencong_desktop.operations.reports import write_period_summary_pdf, write_year_plan_pdf, year_plan_rows
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions
from khuyencong_desktop.reports.styles import TABLE_SIZE
from khuyencong_desktop.reports.year_plan import PlanRow, plan_layout, plan_table
from khuyencong_desktop.storage.database import Database

PROJECTS = 1_000
PLAN_FILE_PROJECTS = 1_460
"""Enough projects of the year for about 1.000 of them to be on the year plan."""
YEAR = 2025
OPTIONS = DocumentOptions(number=1, day=date(2026, 1, 5))


def reports_file(out: Path, projects: int) -> Path:
    """``out/reports-<projects>.kcdb``: projects all of one year (about 70% of them approved or later)."""
    path = out / f"reports-{projects}.kcdb"
    if not path.exists():
        out.mkdir(parents=True, exist_ok=True)
        generate(path, projects=projects, beneficiaries=projects // 2, years=1, provinces=1, last_year=YEAR)
    return path


def plain_table_pdf(path: Path, rows: list[list[str]], landscape_page: bool,
                    col_widths: list[float] | None = None, size: float = TABLE_SIZE) -> None:
    """The baseline: one platypus Table of wrapped cells, header repeated, nothing else on the page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from khuyencong_desktop.reports.page import MARGINS
    from khuyencong_desktop.reports.styles import table_styles

    style = table_styles(size).table_text
    data = [[Paragraph(escape(cell), style) for cell in row] for row in rows]
    table = Table(data, colWidths=col_widths, repeatRows=1, splitByRow=1, splitInRow=0)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONT", (0, 0), (-1, -1), style.fontName, style.fontSize),
                               # our cells' padding, so that the same rows fill the same pages
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4) if landscape_page else A4, leftMargin=MARGINS.left,
                      rightMargin=MARGINS.right, topMargin=MARGINS.top, bottomMargin=MARGINS.bottom).build([table])


def plan_cells(rows: list[PlanRow], unit: MoneyUnit) -> tuple[list[list[str]], list[float], float]:
    """The year plan's header and rows as the texts our table prints, its column widths and type size."""
    table = plan_table(rows, unit)[0]
    header = [cell.getPlainText() for cell in table.head[-1]]
    cells = [header, *([cell.getPlainText() for cell in row] for row in table.body)]
    return cells, table.col_widths, plan_layout(rows, unit).size


def run(out: Path) -> list[Measurement]:
    db = Database.open(reports_file(out, PLAN_FILE_PROJECTS))
    try:
        plan = year_plan_rows(db, YEAR)
        cells, widths, size = plan_cells(plan, MoneyUnit.TRIEU)
        ours_plan, _ = timed(lambda: write_year_plan_pdf(db, YEAR, out / "bench-plan.pdf", OPTIONS), repeat=2)
        base_plan, _ = timed(lambda: plain_table_pdf(out / "bench-plan-plain.pdf", cells, True, widths, size), repeat=2)
    finally:
        db.close()
    db = Database.open(reports_file(out, PROJECTS))
    try:
        with db.session() as session:
            from sqlalchemy import select

            from khuyencong_desktop.storage.models import Project
            projects = session.execute(select(Project.code, Project.name, Project.year, Project.approved_nsdp,
                                              Project.approved_counterpart)).all()
        summary_cells = [["Mã", "Tên đề án", "Năm", "Hỗ trợ", "Đối ứng"]]
        summary_cells += [[code, name, str(year), str(a), str(b)] for code, name, year, a, b in projects]
        ours_summary, _ = timed(lambda: write_period_summary_pdf(db, YEAR, YEAR, out / "bench-summary.pdf", OPTIONS),
                                repeat=2)
        base_summary, _ = timed(lambda: plain_table_pdf(out / "bench-summary-plain.pdf", summary_cells, False),
                                repeat=2)
    finally:
        db.close()
    return [
        Measurement(f"report plan: {len(plan)} rows (landscape PDF)", ours_plan, base_plan, 2.0,
                    "ours includes the query, letterhead, totals and words; baseline: one plain Table "
                    "(repeatRows) of the same cell texts, column widths and type size"),
        Measurement(f"report summary: {len(projects)} projects", ours_summary, base_summary, 2.0,
                    "ours: figures, 7 tables, chart; baseline: a plain Table of the same projects"),
    ]
