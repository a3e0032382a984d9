"""The demo's finished projects carry their acceptance (and settlement) decisions, figures untouched."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from khuyencong_desktop.domain.codes import FundingLevel, Status
from khuyencong_desktop.domain.dates import format_date
from khuyencong_desktop.operations.reports import write_completion_pdf
from khuyencong_desktop.operations.summary import period_summary
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions
from khuyencong_desktop.storage.models import Project

from pdf_checks import pdf_text, squeeze

FINISHED = (Status.DA_NGHIEM_THU, Status.DA_QUYET_TOAN)


def test_finished_projects_have_acceptance_and_settled_ones_settlement(demo_db):
    with demo_db.session() as session:
        projects = session.scalars(select(Project)).all()
        finished = [p for p in projects if p.status in FINISHED]
        assert len(finished) == 49
        for p in finished:
            assert p.acceptance_decision_no.endswith(("/QĐ-SCT", "/QĐ-CTĐP")), p.code
            assert date(p.year, 1, 1) <= p.acceptance_date <= date(p.year, 12, 31), p.code
            if p.status == Status.DA_QUYET_TOAN:
                assert p.settlement_decision_no.endswith(("/QĐ-SCT", "/QĐ-CTĐP")), p.code
                assert p.acceptance_date < p.settlement_date <= date(p.year + 1, 3, 31), p.code
            else:
                assert not p.settlement_decision_no and p.settlement_date is None, p.code
        for p in projects:
            if p.status not in FINISHED:
                assert not p.acceptance_decision_no and p.acceptance_date is None, p.code
        numbers = [(p.year, p.acceptance_decision_no) for p in finished]
        assert len(set(numbers)) == len(numbers)  # one decision per project within a year


def test_completion_report_of_an_accepted_project_shows_its_acceptance(demo_db, tmp_path):
    with demo_db.session() as session:
        project = session.scalar(select(Project).where(Project.code == "LS-QG-2020-01"))
        assert project.status == Status.DA_NGHIEM_THU
        day, number = project.acceptance_date, project.acceptance_decision_no
    path = write_completion_pdf(demo_db, "LS-QG-2020-01", tmp_path / "completion.pdf",
                                DocumentOptions(number=5, day=date(2021, 1, 5)))
    flat = squeeze(pdf_text(path))
    assert f"- Ngày nghiệm thu: {format_date(day)}" in flat
    assert f"- Biên bản, quyết định nghiệm thu: {number}" in flat


def test_decisions_leave_the_seed_figures_as_they_were(demo_db):
    s = period_summary(demo_db, 2017, 2021)
    assert (s.projects, s.support_by_level[FundingLevel.KCQG.value], s.support_by_level[FundingLevel.KCDP.value], s.counterpart, s.jobs) == (
        58, 2_350_000_000, 6_624_000_000, 46_236_680_000, 519)
